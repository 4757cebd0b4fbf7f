import { isUuid } from '@app/domain';
import { Param, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { validationFailed } from './validation.js';

/**
 * The shape of a value taken from a URL path. The rule, for every route: a path value without its
 * shape (not a UUID, a number out of range, a NUL) is 400 VALIDATION_FAILED naming the parameter,
 * before any query runs; a well-shaped id that names nothing the caller may see is 404 with the
 * resource's own code (ACTION_NOT_FOUND, HOLD_NOT_FOUND …), answered by the service.
 */
interface PathShape<T> {
  /** What the value must be, for the error and the OpenAPI description. */
  expected: string;
  schema: {
    type: 'string' | 'integer';
    format?: string;
    pattern?: string;
    minimum?: number;
    maximum?: number;
  };
  example: string;
  /** The value, or undefined when the text does not have the shape. */
  parse: (text: string) => T | undefined;
}

const INT32_MAX = 2_147_483_647;

const matching =
  (pattern: RegExp) =>
  (text: string): string | undefined =>
    pattern.test(text) ? text : undefined;

const SLUG = /^[a-z][a-z0-9-]{0,63}$/;
const REGION = /^\d{6}$/;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export const PATH_SHAPES = {
  uuid: {
    expected: 'a UUID',
    schema: { type: 'string', format: 'uuid' },
    example: '0b7e1a52-3c1f-4d8e-9a65-2f1c9d3e8b47',
    parse: (text) => (isUuid(text) ? text : undefined),
  } satisfies PathShape<string>,
  slug: {
    expected: 'a slug of lowercase letters, digits and hyphens',
    schema: { type: 'string', pattern: SLUG.source },
    example: 'cycling',
    parse: matching(SLUG),
  } satisfies PathShape<string>,
  version: {
    expected: `a version number from 1 to ${INT32_MAX}`,
    schema: { type: 'integer', minimum: 1, maximum: INT32_MAX },
    example: '1',
    parse: (text) => {
      if (!/^[1-9]\d{0,9}$/.test(text)) return undefined;
      const version = Number(text);
      return version <= INT32_MAX ? version : undefined;
    },
  } satisfies PathShape<number>,
  region: {
    expected: 'a six-digit district code',
    schema: { type: 'string', pattern: REGION.source },
    example: '370100',
    parse: matching(REGION),
  } satisfies PathShape<string>,
  year: {
    expected: 'a year from 2000 to 2100',
    schema: { type: 'integer', minimum: 2000, maximum: 2100 },
    example: '2025',
    parse: (text) =>
      /^\d{4}$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100 ? Number(text) : undefined,
  } satisfies PathShape<number>,
  code: {
    expected: '1–64 characters of [A-Za-z0-9_-]',
    schema: { type: 'string', pattern: CODE.source },
    example: 'SD-370100-2026-000001',
    parse: matching(CODE),
  } satisfies PathShape<string>,
} as const;

class PathShapePipe<T> implements PipeTransform<string, T> {
  constructor(private readonly shape: PathShape<T>) {}

  transform(text: string, metadata: ArgumentMetadata): T {
    const value = typeof text === 'string' ? this.shape.parse(text) : undefined;
    if (value === undefined)
      throw validationFailed([
        { field: metadata.data ?? 'path', problems: [`must be ${this.shape.expected}`] },
      ]);
    return value;
  }
}

/**
 * The one way a route takes a value from its path: validated by its shape's pipe and declared in the
 * OpenAPI document with that shape.
 */
function pathParam<T>(name: string, shape: PathShape<T>): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new PathShapePipe(shape))(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (descriptor)
      ApiParam({
        name,
        required: true,
        description: `${shape.expected}; without this shape the answer is 400 VALIDATION_FAILED`,
        schema: shape.schema,
        example: shape.example,
      })(target, key!, descriptor);
  };
}

/** A UUID from the path (an action, a hold, an order, a reward, a campaign …). */
export const UuidParam = (name: string) => pathParam(name, PATH_SHAPES.uuid);
/** A slug from the path (a partner id, a methodology id). */
export const SlugParam = (name: string) => pathParam(name, PATH_SHAPES.slug);
/** A methodology parameter version number (int32, ≥ 1) from the path, as a number. */
export const VersionParam = (name: string) => pathParam(name, PATH_SHAPES.version);
/** A six-digit district code from the path. */
export const RegionParam = (name: string) => pathParam(name, PATH_SHAPES.region);
/** A short code from the path (a retirement serial, a partner key id). */
export const CodeParam = (name: string) => pathParam(name, PATH_SHAPES.code);
/** A calendar year (2000–2100) from the path, as a number (an inventory year). */
export const YearParam = (name: string) => pathParam(name, PATH_SHAPES.year);
