/**
 * Types read from the generated OpenAPI description (src/api/generated/schema.ts, `npm run gen:api`):
 * request and response shapes are never written by hand, so a change of the API that the pages do
 * not follow fails `npm run typecheck`.
 */
import type { components, paths } from './generated/schema';

export type Schemas = components['schemas'];
export type Paths = paths;
export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** The paths that have an operation for a method. */
export type PathsWith<M extends Method> = {
  [P in keyof Paths]: Paths[P] extends Record<M, infer O> ? (O extends undefined ? never : P) : never;
}[keyof Paths];

export type Operation<P extends keyof Paths, M extends Method> = NonNullable<Paths[P][M & keyof Paths[P]]>;

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type SuccessCodes = 200 | 201 | 202 | 204;

/** The body of the operation's success response (undefined for 204). */
export type ResponseBody<P extends keyof Paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? { [C in keyof R & SuccessCodes]: JsonOf<R[C]> }[keyof R & SuccessCodes]
    : never;

type Parameters<O> = O extends { parameters: infer P } ? P : object;

type ValueOf<Holder, K extends string> = Holder extends { [k in K]?: infer V } ? V : never;

/** Whether a key may be left out: openapi-typescript marks optional parameters and bodies with `?`. */
type Optional<Holder, K extends string> = object extends Pick<Holder, K & keyof Holder> ? true : false;

type Part<Key extends string, Holder, V, HolderKey extends string = Key> = [V] extends [never]
  ? { [K in Key]?: never }
  : [V] extends [undefined]
    ? { [K in Key]?: never }
    : Optional<Holder, HolderKey> extends true
      ? { [K in Key]?: V }
      : { [K in Key]: V };

type BodyOf<O> = JsonOf<NonNullable<ValueOf<O, 'requestBody'>>>;

/** What a call needs: path and query parameters and the JSON body, each as the document says. */
export type RequestOptions<P extends keyof Paths, M extends Method> = Part<
  'path',
  Parameters<Operation<P, M>>,
  ValueOf<Parameters<Operation<P, M>>, 'path'>
> &
  Part<'query', Parameters<Operation<P, M>>, ValueOf<Parameters<Operation<P, M>>, 'query'>> &
  Part<'body', Operation<P, M>, BodyOf<Operation<P, M>>, 'requestBody'> & {
    headers?: Record<string, string>;
  };
