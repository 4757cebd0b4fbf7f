/** The operations of an OpenAPI document, as the fuzz suite needs them. */

export type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export type Audience = 'citizen' | 'admin' | 'partner' | 'anonymous';

export interface Parameter {
  name: string;
  schema: Schema;
  required: boolean;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  template: string;
  audience: Audience;
  path: Parameter[];
  query: Parameter[];
  /** The JSON request body's schema, when the operation takes one. */
  body?: Schema;
  label: string;
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

/** Who may call a route, by its prefix: the fuzz suite sends valid credentials for that audience. */
function audienceOf(template: string): Audience {
  if (template.startsWith('/partner/')) return 'partner';
  if (template.startsWith('/admin/')) return 'admin';
  if (template.startsWith('/v1/')) return 'citizen';
  return 'anonymous';
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const parameters = (raw.parameters ?? []).map((p) => ({
        in: p.in,
        name: p.name,
        schema: p.schema ?? { type: 'string' },
        required: p.required ?? p.in === 'path',
      }));
      const upper = method.toUpperCase() as Operation['method'];
      operations.push({
        method: upper,
        template,
        audience: audienceOf(template),
        path: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: raw.requestBody?.content?.['application/json']?.schema,
        label: `${upper} ${template}`,
      });
    }
  }
  return operations;
}

/** A schema with its $ref (and single-entry allOf) followed. */
export function resolved(document: OpenApiDocument, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let i = 0; i < 10; i++) {
    if (typeof current.$ref === 'string') {
      const name = current.$ref.split('/').pop()!;
      current = document.components?.schemas?.[name] ?? {};
    } else if (Array.isArray(current.allOf) && current.allOf.length === 1) {
      current = current.allOf[0] as Schema;
    } else break;
  }
  return current;
}

/**
 * A plausible value for a schema (its example, first enum value, or a value of its type), so that a
 * mutation of one field reaches validation of the rest. Plausible, not valid: validation may still refuse it.
 */
export function exampleOf(document: OpenApiDocument, schema: Schema | undefined, depth = 0): unknown {
  const s = resolved(document, schema);
  if (depth > 6) return null;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  const variants = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (variants?.length) return exampleOf(document, variants[0], depth + 1);
  switch (s.type) {
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [exampleOf(document, s.items as Schema, depth + 1)];
    case 'string':
      return s.format === 'uuid'
        ? '0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b47'
        : s.format === 'date-time'
          ? new Date().toISOString()
          : 'x';
    default: {
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [
          name,
          exampleOf(document, property, depth + 1),
        ]),
      );
    }
  }
}

/** Every path to a field inside a value (`['data', 'distanceM']`, `['actions', 0, 'eventId']`). */
export function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...fieldPaths(child, [...prefix, key])]);
}

/** A copy of a value with the field at a path replaced. */
export function withField(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withField(copy[head], rest, replacement);
  return copy;
}
