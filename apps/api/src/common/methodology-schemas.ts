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
