import { randomBytes, randomUUID } from 'node:crypto';
import { SIGNATURE_HEADERS, signature } from './signing.js';

export interface PartnerClientOptions {
  baseUrl: string;
  keyId: string;
  secret: string;
  /** For tests: a clock other than Date.now (milliseconds). */
  now?: () => number;
}

export interface PartnerResponse<T> {
  status: number;
  body: T;
}

export interface PushedAction {
  eventId: string;
  partnerCitizenId: string;
  methodology: string;
  data: Record<string, unknown>;
  evidence?: Record<string, unknown>;
}

export interface PushResult {
  eventId: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  actionId?: string;
  code?: string;
  message?: string;
}

/** A small typed client for the partner API that signs every request as the README describes. */
export class PartnerClient {
  constructor(private readonly options: PartnerClientOptions) {}

  /** Signs and sends one request; writes get an Idempotency-Key (a fresh one unless given). */
  async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    pathWithQuery: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<PartnerResponse<T>> {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(Math.floor((this.options.now?.() ?? Date.now()) / 1000));
    const nonce = randomBytes(16).toString('hex');
    const headers: Record<string, string> = {
      [SIGNATURE_HEADERS.keyId]: this.options.keyId,
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: signature(this.options.secret, {
        method,
        pathWithQuery,
        timestamp,
        nonce,
        body: raw,
      }),
    };
    if (raw) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['idempotency-key'] = idempotencyKey ?? randomUUID();
    const response = await fetch(new URL(pathWithQuery, this.options.baseUrl), {
      method,
      headers,
      body: raw || undefined,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  exchangeBindingCode(code: string, idempotencyKey?: string) {
    return this.request<{ partnerCitizenId: string; bindingId: string }>(
      'POST',
      '/partner/v1/bindings/exchange',
      { code },
      idempotencyKey,
    );
  }

  pushActions(actions: PushedAction[], idempotencyKey?: string) {
    return this.request<{ results: PushResult[] }>(
      'POST',
      '/partner/v1/actions:batch',
      { actions },
      idempotencyKey,
    );
  }
}
