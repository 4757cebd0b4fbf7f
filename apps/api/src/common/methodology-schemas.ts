import { methodologyRegistry } from '@app/methodologies';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Adds each methodology's input schema (from its zod definition, the same one that validates
 * submissions) to the OpenAPI document, and states that SubmitActionDto.data is one of them.
 */
export function addMethodologySchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  const refs: { $ref: string }[] = [];
  for (const id of methodologyRegistry.ids()) {
    const module = methodologyRegistry.latest(id)!;
    const name = `ActionData_${id.replaceAll('-', '_')}`;
    const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(module.inputSchema, {
      io: 'input',
      unrepresentable: 'any',
      target: 'openapi-3.0',
    }) as Record<string, unknown>;
    schemas[name] = {
      ...jsonSchema,
      title: name,
      description: `data for methodology "${id}" (${module.title}), module version ${module.version}`,
    };
    refs.push({ $ref: `#/components/schemas/${name}` });
  }
  const submit = schemas.SubmitActionDto as { properties?: Record<string, unknown> } | undefined;
  if (submit?.properties?.data) {
    submit.properties.data = {
      ...(submit.properties.data as object),
      type: undefined,
      oneOf: refs,
      description:
        'The input of the methodology named in `methodology`: one of the ActionData_<methodology> schemas.',
    };
  }
  return document;
}

/** A JSON schema node: its own title, and its properties, items and alternatives to title in turn. */
interface SchemaNode {
  title?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  [keyword: string]: unknown;
}

function withTitles(node: SchemaNode, labelFor: (key: string) => string): SchemaNode {
  const titled: SchemaNode = { ...node };
  if (node.properties)
    titled.properties = Object.fromEntries(
      Object.entries(node.properties).map(([key, child]) => [
        key,
        { ...withTitles(child, labelFor), title: labelFor(key) },
      ]),
    );
  if (node.items) titled.items = withTitles(node.items, labelFor);
  if (node.anyOf) titled.anyOf = node.anyOf.map((option) => withTitles(option, labelFor));
  return titled;
}

/**
 * A methodology module's parameters as JSON Schema, from the zod schema that validates them (as the
 * input schemas above), every property titled by `labelFor` (the Chinese labels of libs/contracts).
 */
export function paramsJsonSchema(
  paramsSchema: z.ZodType,
  labelFor: (key: string) => string,
): Record<string, unknown> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(paramsSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as SchemaNode;
  return withTitles(jsonSchema, labelFor);
}
