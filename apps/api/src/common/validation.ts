import { DomainError, ErrorCode } from '@app/domain';
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Deeper than this, a request value is refused: no route takes more, and deep values exhaust recursion. */
export const MAX_REQUEST_DEPTH = 32;

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function validationFailed(fields: FieldProblem[]): DomainError {
  return new DomainError(
    ErrorCode.ValidationFailed,
    fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; '),
    { fields },
  );
}

/** Half of a UTF-16 pair without its other half: stored as U+FFFD in text, refused by jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * The first problem no field of any route may have, anywhere in a request value (keys included): a NUL
 * character (PostgreSQL text and jsonb cannot hold it), a lone surrogate (text would silently keep
 * U+FFFD instead) or nesting past MAX_REQUEST_DEPTH. Iterative, so
 * a deep value cannot overflow the stack while being checked.
 */
export function universalProblem(value: unknown, root: string): FieldProblem | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (pending.length) {
    const { value: current, path, depth } = pending.pop()!;
    const field = path || 'body';
    if (typeof current === 'string') {
      if (current.includes('\u0000'))
        return { field, problems: ['must not contain the NUL character (U+0000)'] };
      if (LONE_SURROGATE.test(current))
        return { field, problems: ['must be well-formed Unicode (a lone surrogate such as \\ud800 is not)'] };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_REQUEST_DEPTH)
      return { field, problems: [`must not be nested deeper than ${MAX_REQUEST_DEPTH} levels`] };
    for (const [key, child] of Array.isArray(current) ? current.entries() : Object.entries(current)) {
      const childPath = join(path, key);
      if (typeof key === 'string' && key.includes('\u0000'))
        return { field: childPath, problems: ['a key must not contain the NUL character (U+0000)'] };
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * A body DTO may offer a compiled check for its common, valid shape: `fastShape(value)` answers the
 * instance class-transformer would build when the value certainly passes every decorator of the
 * class, else undefined, and the decorators then decide (so every error stays theirs, word for word).
 * class-validator's metadata look-up and class-transformer's copy were the ingest path's costliest
 * validation steps.
 */
export interface FastShaped {
  fastShape(value: unknown): object | undefined;
}

const fastShaped = (metatype: unknown): metatype is FastShaped =>
  typeof (metatype as Partial<FastShaped> | undefined)?.fastShape === 'function';

/**
 * The global pipe: every body, query and path value is first checked for what no field may hold (NUL,
 * excessive depth); then, for bodies and queries, unknown fields are refused and types are checked.
 * Every failure carries the VALIDATION_FAILED code with the fields it concerns.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = universalProblem(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (problem) throw validationFailed([problem]);
    }
    // Path values keep their text: each route's shape pipe (common/path-params.ts) reads and converts
    // them, so "1e3" or " 7" cannot become a number here first.
    if (metadata.type === 'param') return value;
    if (metadata.type === 'body' && fastShaped(metadata.metatype)) {
      const shaped = metadata.metatype.fastShape(value);
      if (shaped) return shaped;
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
