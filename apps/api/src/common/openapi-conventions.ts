import { ErrorCode } from '@app/domain';
import { SIGNATURE_HEADERS } from '@app/partner-client';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../auth/public.decorator.js';
import { ERROR_CODES_PREFIX, errorDescription } from './api-error.dto.js';
import { READ_HEADERS, REPLICA_READ_EXTENSION } from './replica-read.js';
import { statusForCode } from './error-status.js';

/** Fastify's body limit (bootstrap.ts), stated in the document beside every request body. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export const PARTNER_SIGNATURE_SCHEME = 'partnerSignature';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: object };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_REF = { $ref: '#/components/schemas/ApiErrorDto' };

/** The signature headers every /partner/v1 request carries (README: "Partner request signing"). */
const SIGNATURE_PARAMETERS: Parameter[] = [
  {
    name: 'X-Key-Id',
    in: 'header',
    required: true,
    description: 'the partner key id',
    schema: { type: 'string' },
  },
  {
    name: 'X-Timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds; refused outside the window (TIMESTAMP_OUT_OF_WINDOW)',
    schema: { type: 'string', pattern: '^\\d{1,12}$' },
  },
  {
    name: 'X-Nonce',
    in: 'header',
    required: true,
    description: '16–64 characters [A-Za-z0-9_-], never reused (NONCE_REPLAYED)',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' },
  },
  {
    name: 'X-Signature',
    in: 'header',
    required: true,
    description: 'hex HMAC-SHA256, with the key secret, of the string to sign (docs/api.md)',
    schema: { type: 'string' },
  },
];
const IDEMPOTENCY_PARAMETER: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    '8–128 characters [A-Za-z0-9_.:-]; the same key with the same body answers the first answer again, with another body 409 IDEMPOTENCY_KEY_REUSED',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
};

/** The staleness note of a route whose reads may be served by the read replica (docs/api.md). */
const READ_NOTE_HEADERS = {
  [READ_HEADERS.source]: {
    description: 'Which server answered the reads: the read replica (standby) or the primary',
    required: true,
    schema: { type: 'string', enum: ['replica', 'primary'] },
  },
  [READ_HEADERS.asOf]: {
    description:
      'Everything committed before this instant is in the answer (on the primary: the time of the request)',
    required: true,
    schema: { type: 'string', format: 'date-time' },
  },
  [READ_HEADERS.lag]: {
    description:
      "The standby's lag in milliseconds when the request was routed; absent when it was not measured (no standby configured, or it did not answer)",
    schema: { type: 'integer', minimum: 0 },
  },
  [READ_HEADERS.fallback]: {
    description:
      'Present when a configured standby was bypassed for the primary: lagging (beyond READ_REPLICA_MAX_LAG_MS, or lag unknown), unavailable, not-a-standby, recovery-conflict, not-yet-replicated (the standby did not have the object asked for)',
    schema: {
      type: 'string',
      enum: ['lagging', 'unavailable', 'not-a-standby', 'recovery-conflict', 'not-yet-replicated'],
    },
  },
};

/** Adds the staleness note's headers to the successful answers of a route marked with @ReplicaRead(). */
function addReadNote(operation: Operation): void {
  const marked = operation as unknown as Record<string, unknown>;
  if (marked[REPLICA_READ_EXTENSION] !== true) return;
  delete marked[REPLICA_READ_EXTENSION];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!response || '$ref' in response || !status.startsWith('2')) continue;
    response.headers = { ...READ_NOTE_HEADERS, ...response.headers };
  }
}

/**
 * What every operation of a kind shares, added to the whole document so no route can forget it:
 * public routes marked as such, the partner signature headers and scheme, the idempotency key of partner writes, the body limit,
 * and the errors of validation, authentication and rate limiting (route-specific errors are
 * declared on the route with @ApiErrors).
 */
export function addOpenApiConventions(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  (components.securitySchemes ??= {})[PARTNER_SIGNATURE_SCHEME] = {
    type: 'apiKey',
    in: 'header',
    name: 'X-Key-Id',
    description: `HMAC-signed requests: X-Key-Id, X-Timestamp, X-Nonce and X-Signature (${Object.values(SIGNATURE_HEADERS).join(', ')}); see docs/api.md`,
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const partner = path.startsWith('/partner/v1/');
      const open = (operation as unknown as Record<string, unknown>)[PUBLIC_EXTENSION] === true;
      delete (operation as unknown as Record<string, unknown>)[PUBLIC_EXTENSION];
      // Routes without a token say so explicitly; partner routes are signed instead.
      if (open && !partner) operation.security = [];
      if (partner) {
        operation.security = [{ [PARTNER_SIGNATURE_SCHEME]: [] }];
        for (const parameter of SIGNATURE_PARAMETERS) addHeader(operation, parameter);
        if (method !== 'get') addHeader(operation, IDEMPOTENCY_PARAMETER);
      }
      if (hasHeader(operation, IDEMPOTENCY_PARAMETER.name)) addHeader(operation, IDEMPOTENCY_PARAMETER);
      if (operation.requestBody && 'content' in operation.requestBody)
        operation.requestBody.description ??= `JSON, at most ${BODY_LIMIT_BYTES / 1024} KB (413 PAYLOAD_TOO_LARGE)`;
      for (const code of commonErrors(path, operation, partner)) addError(operation, code);
      addReadNote(operation);
    }
  }
  return document;
}

function commonErrors(path: string, operation: Operation, partner: boolean): ErrorCode[] {
  const codes: ErrorCode[] = [];
  const parameters = (operation.parameters ?? []) as Parameter[];
  if (parameters.some((p) => p.in !== 'header') || operation.requestBody)
    codes.push(ErrorCode.ValidationFailed);
  if (operation.requestBody)
    codes.push(ErrorCode.MalformedJson, ErrorCode.PayloadTooLarge, ErrorCode.UnsupportedMediaType);
  if (hasHeader(operation, IDEMPOTENCY_PARAMETER.name))
    codes.push(ErrorCode.IdempotencyKeyRequired, ErrorCode.IdempotencyKeyReused);
  const bearer = (operation.security ?? []).some((s) => 'bearer' in s);
  if (bearer) codes.push(ErrorCode.AuthRequired, ErrorCode.TokenInvalid, ErrorCode.TokenExpired);
  if (bearer && path.startsWith('/admin/')) codes.push(ErrorCode.Forbidden);
  if (bearer && path.startsWith('/v1/')) codes.push(ErrorCode.AccountDeleted);
  if (partner)
    codes.push(
      ErrorCode.SignatureMissing,
      ErrorCode.SignatureInvalid,
      ErrorCode.TimestampOutOfWindow,
      ErrorCode.NonceReplayed,
      ErrorCode.PartnerKeyUnknown,
      ErrorCode.PartnerKeyRevoked,
      ErrorCode.ReplayCheckUnavailable,
    );
  if (path.startsWith('/health')) return codes;
  // Signed-in admins are not rate limited (rate-limit.guard.ts); citizens, partners and anonymous callers are.
  if (!(bearer && path.startsWith('/admin/'))) codes.push(ErrorCode.RateLimited);
  codes.push(ErrorCode.DatabaseUnavailable);
  return codes;
}

function hasHeader(operation: Operation, name: string): boolean {
  return ((operation.parameters ?? []) as Parameter[]).some(
    (p) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase(),
  );
}

function addHeader(operation: Operation, parameter: Parameter): void {
  const parameters = (operation.parameters ??= []) as Parameter[];
  const name = parameter.name.toLowerCase();
  const index = parameters.findIndex((p) => p.in === 'header' && p.name.toLowerCase() === name);
  if (index < 0) parameters.push({ ...parameter });
  else
    parameters[index] = {
      ...parameter,
      ...parameters[index],
      name: parameter.name,
      schema: parameter.schema,
    };
}

/** Adds a code to the error answer of its status, creating the answer or extending its list of codes. */
function addError(operation: Operation, code: ErrorCode): void {
  const status = String(statusForCode(code));
  const responses = operation.responses;
  const existing = responses[status] as { description?: string; content?: unknown } | undefined;
  if (!existing) {
    responses[status] = {
      description: errorDescription([code]),
      content: { 'application/json': { schema: ERROR_REF } },
    };
    return;
  }
  const description = existing.description ?? '';
  const listed = description.startsWith(ERROR_CODES_PREFIX)
    ? description.slice(ERROR_CODES_PREFIX.length).replace(/\.$/, '').split(', ')
    : [];
  if (listed.includes(code)) return;
  existing.description = description.startsWith(ERROR_CODES_PREFIX)
    ? errorDescription([...listed, code])
    : `${description} ${errorDescription([code])}`.trim();
  existing.content ??= { 'application/json': { schema: ERROR_REF } };
}
