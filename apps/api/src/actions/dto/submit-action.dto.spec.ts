import { ValidationPipe } from '@nestjs/common';
import { SubmitActionDto } from './submit-action.dto.js';

/** What the decorators make of a body (the global pipe's options, without the fast path). */
const decorated = (value: unknown) =>
  new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }).transform(value, {
    type: 'body',
    metatype: SubmitActionDto,
  });

describe('SubmitActionDto.fastShape', () => {
  it.each([
    { methodology: 'cycling', data: { mode: 'bike', distanceM: 5000, startedAt: '2026-11-20T08:00:00Z' } },
    { methodology: 'a', data: {} },
    { data: { nested: { list: [1, 'two', { three: null }], flag: true } }, methodology: 'bus-ride-2' },
  ])('answers what the decorators answer for a valid body: %j', async (body) => {
    const fast = SubmitActionDto.fastShape(structuredClone(body));
    expect(fast).toBeInstanceOf(SubmitActionDto);
    expect(fast).toEqual(await decorated(structuredClone(body)));
  });

  it.each([
    ['evidence present', { methodology: 'cycling', data: {}, evidence: { kind: 'photo', reference: 'x' } }],
    ['an unknown field', { methodology: 'cycling', data: {}, extra: 1 }],
    ['methodology missing', { data: {}, other: 'cycling' }],
    ['methodology not an id', { methodology: 'Cycling', data: {} }],
    ['methodology too long', { methodology: `a${'b'.repeat(64)}`, data: {} }],
    ['methodology not a string', { methodology: 7, data: {} }],
    ['data an array', { methodology: 'cycling', data: [] }],
    ['data null', { methodology: 'cycling', data: null }],
    ['data a string', { methodology: 'cycling', data: 'x' }],
    ['not an object', 'cycling'],
    ['an array', [{ methodology: 'cycling', data: {} }]],
  ])('leaves the decision to the decorators for %s', (_label, body) => {
    expect(SubmitActionDto.fastShape(body)).toBeUndefined();
  });

  it('copies data, so the instance shares nothing with the parsed body (as class-transformer does)', () => {
    const body = { methodology: 'cycling', data: { trip: { distanceM: 1 } } };
    const fast = SubmitActionDto.fastShape(body)!;
    expect(fast.data).not.toBe(body.data);
    expect(fast.data.trip).not.toBe(body.data.trip);
  });
});
