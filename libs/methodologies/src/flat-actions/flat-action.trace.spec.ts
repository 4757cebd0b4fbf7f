import type { FlatActionParams } from '@app/methodologies';
import { flatActionsV1 } from '../../../../seeds/methodologies/flat-actions.v1.js';
import { flatActionParamsSchema } from './flat-action.js';
import { cleanPlate, wasteSorting } from './flat-actions.methodology.js';

// Golden cases for the trace, as docs/methodologies.md §Flat-credit everyday actions states it: a
// fixed number of grams per verified action (clean-plate 50 g, at most 3 a day, daily cap 150 g).
const paramsOf = (id: string) =>
  flatActionsV1.find((v) => v.methodologyId === id)!.params as FlatActionParams;
const event = (eventId: string) =>
  cleanPlate.inputSchema.parse({ occurredAt: '2026-12-05T12:30:00+08:00', eventId });

describe('flat-credit actions trace (golden cases)', () => {
  it('traces a clean plate: 50 g, at most 3 a day, verified by the canteen', () => {
    const params = paramsOf('clean-plate');
    expect(cleanPlate.quantify(event('chk-20261205-7'), params)).toEqual({
      ok: true,
      grams: 50n,
      trace: [
        { step: 'event', value: 'chk-20261205-7', note: `verified by ${params.verifiedBy.join(' / ')}` },
        {
          step: 'credit',
          value: '50',
          unit: 'gCO2e/action',
          source: `${params.credit.source} (2026)`,
          note: 'at most 3 a day',
        },
        { step: 'reduction', value: '50', unit: 'gCO2e', note: '1 action × grams per action' },
      ],
    });
  });

  it('names every partner that verifies the action', () => {
    const params = { ...paramsOf('waste-sorting'), verifiedBy: ['smart bin', 'community officer'] };
    const result = wasteSorting.quantify(event('BIN-1'), params);
    expect(result).toMatchObject({ ok: true, grams: 10n });
    expect(result.ok && result.trace[0].note).toBe('verified by smart bin / community officer');
  });

  it('identifies an event by its methodology and partner record, whatever the case; dated when it happened', () => {
    const input = event('chk-20261205-7');
    expect(cleanPlate.fingerprint(input)).toBe('clean-plate/CHK-20261205-7');
    expect(wasteSorting.fingerprint(input)).toBe('waste-sorting/CHK-20261205-7');
    expect(cleanPlate.occurredAt(input).toISOString()).toBe('2026-12-05T04:30:00.000Z');
    expect(cleanPlate.interval(input)).toBeNull();
  });

  it.each([
    ['the seeded clean plate', {}, true],
    [
      'a daily cap that is not count × grams',
      { caps: { perActionG: null, perDayG: 151, perMonthG: null } },
      false,
    ],
    ['self-reports accepted', { selfReported: { accepted: true, review: true, perDayCapG: null } }, false],
    [
      'a source not tagged [P] or [D]',
      { credit: { gramsPerAction: 50, source: 'FAO 2013', vintage: 2026 } },
      false,
    ],
  ])('checks the parameters: %s', (_name, change, valid) => {
    expect(flatActionParamsSchema.safeParse({ ...paramsOf('clean-plate'), ...change }).success).toBe(valid);
  });
});
