import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Schema = Record<string, unknown>;
interface Document {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Checks the API's answers against its own OpenAPI document: the clients are generated from it and
 * typechecked against it, so a body with a field the document does not name, a missing required
 * field, a number where it says string or a null where it does not say nullable is a broken
 * contract. Objects are closed for the check (no property beyond those declared, unless the schema
 * allows more), which is what a generated type assumes.
 */
export class ContractCheck {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly validators = new Map<string, ValidateFunction | null>();
  private readonly templates: { method: string; template: string; pattern: RegExp; params: number }[] = [];

  constructor(private readonly document: Document) {
    this.ajv.addSchema({
      $id: 'openapi',
      components: { schemas: closed(document.components?.schemas ?? {}) },
    });
    for (const [template, item] of Object.entries(document.paths))
      for (const method of Object.keys(item))
        this.templates.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(
            `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
          ),
          params: (template.match(/\{/g) ?? []).length,
        });
    // Literal paths win over templated ones (/v1/me/friends/invites before /v1/me/friends/{id}).
    this.templates.sort((a, b) => a.params - b.params);
  }

  /** What is wrong with an answer, or an empty list; answers the document does not describe pass. */
  problems(method: string, url: string, status: number, contentType: unknown, body: unknown): string[] {
    if (!String(contentType ?? '').includes('application/json')) return [];
    const path = url.split('?')[0];
    const route = this.templates.find((t) => t.method === method && t.pattern.test(path));
    if (!route) return [];
    const key = `${method} ${route.template} ${status}`;
    if (!this.validators.has(key)) this.validators.set(key, this.compile(route, status));
    const validate = this.validators.get(key);
    if (!validate || validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${key}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }

  private compile(route: { method: string; template: string }, status: number): ValidateFunction | null {
    const operation = this.document.paths[route.template][route.method.toLowerCase()];
    const schema = operation.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (!schema) return null;
    const rooted = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'),
    ) as Schema;
    return this.ajv.compile(closed({ response: rooted }).response);
  }
}

/**
 * `nullable: true` beside `allOf: [$ref]` (how @nestjs/swagger writes a nullable nested object, and how
 * generators read it: `X | null`) as JSON Schema says it: null, or the composition.
 */
function nullableComposition(schema: Schema): Schema {
  if (schema.nullable !== true || !(schema.allOf || schema.$ref || schema.oneOf || schema.anyOf))
    return schema;
  const { nullable: _nullable, type: _type, ...rest } = schema;
  return { anyOf: [{ type: 'null' }, rest] };
}

/** The component schemas with every declared object closed to undeclared properties. */
function closed(schemas: Record<string, Schema>): Record<string, Schema> {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (!node || typeof node !== 'object') return node;
    const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, close(v)])) as Schema;
    if (copy.properties && !('additionalProperties' in copy)) copy.additionalProperties = false;
    return nullableComposition(copy);
  };
  return close(schemas) as Record<string, Schema>;
}
