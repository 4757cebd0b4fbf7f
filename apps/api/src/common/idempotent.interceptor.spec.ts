import { Reflector } from '@nestjs/core';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { IdempotentResult } from '@app/persistence';
import { lastValueFrom, of } from 'rxjs';
import { answerIdempotent, Idempotent, IdempotentInterceptor } from './idempotent.interceptor.js';

class Routes {
  @Idempotent({ replayStatus: 200 })
  citizenWrite() {}

  @Idempotent()
  partnerWrite() {}
}

/** What the interceptor answers for a handler's result: the status it set and the body it sends. */
async function answer(handler: keyof Routes, result: IdempotentResult) {
  let status = 0;
  const reply = { status: (code: number) => ((status = code), reply) };
  const context = {
    getHandler: () => Routes.prototype[handler],
    switchToHttp: () => ({ getResponse: () => reply }),
  } as unknown as ExecutionContext;
  const next: CallHandler<IdempotentResult> = { handle: () => of(result) };
  const body = await lastValueFrom(new IdempotentInterceptor(new Reflector()).intercept(context, next));
  return { status, body };
}

describe('IdempotentInterceptor', () => {
  const body = { id: 'x' };

  it.each([
    ['a first citizen write answers its own status', 'citizenWrite', 201, false, 201],
    ["a citizen's replay answers the route's replay status", 'citizenWrite', 201, true, 200],
    ['a first partner write answers its own status', 'partnerWrite', 201, false, 201],
    ["a partner's replay answers the stored status", 'partnerWrite', 201, true, 201],
  ] as const)('%s', async (_name, handler, statusCode, replayed, expected) => {
    expect(await answer(handler, { statusCode, body, replayed })).toEqual({ status: expected, body });
  });

  it('is the same rule for a route that answers without the interceptor (POST /v1/actions)', () => {
    let status = 0;
    const reply = { status: (code: number) => ((status = code), reply) } as never;
    expect(answerIdempotent(reply, { statusCode: 202, body, replayed: true })).toBe(body);
    expect(status).toBe(202);
    expect(answerIdempotent(reply, { statusCode: 201, body, replayed: true }, 200)).toBe(body);
    expect(status).toBe(200);
  });
});
