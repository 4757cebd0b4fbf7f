/**
 * Compile-time checks of the typed client (run by `npm run typecheck`, never bundled): paths,
 * parameters, bodies and answers come from the OpenAPI document, so each wrong call below must fail.
 */
import { api } from './index';

export async function typedClientChecks() {
  await api.get('/v1/me/summary');
  await api.get('/v1/me/summary', { query: { year: 2026 } });
  // @ts-expect-error the path parameter is required
  await api.get('/v1/me/actions/{id}');
  // @ts-expect-error the body is required
  await api.post('/v1/me/bindings');
  // @ts-expect-error a field the document does not have
  await api.post('/v1/me/bindings', { body: { partnerId: 'bikeshare', other: 1 } });
  // @ts-expect-error a path the document does not have
  await api.get('/v1/me/nothing');
  // @ts-expect-error a method the path does not have
  await api.delete('/v1/me/account');
  const account = await api.get('/v1/me/account');
  // @ts-expect-error the answer has no such field
  void account.gramz;
  const grams: string = account.grams;
  return grams;
}
