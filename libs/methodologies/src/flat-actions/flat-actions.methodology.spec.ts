import { flatActionsV1 } from '../../../../seeds/methodologies/flat-actions.v1.js';
import { methodologyRegistry } from '../registry.js';
import { flatActionParamsSchema, type FlatActionParams } from './flat-action.js';
import { flatActions } from './flat-actions.methodology.js';

const seedOf = (id: string) => flatActionsV1.find((s) => s.methodologyId === id)!;
const paramsOf = (id: string) => flatActionParamsSchema.parse(seedOf(id).params);
const action = (eventId = 'TILL-0001-20261205-42') => ({ occurredAt: '2026-12-05T12:30:00+08:00', eventId });

// [id, grams per action, daily count cap] as seeded; every figure [D].
const table: [string, bigint, number][] = [
  ['reusable-bag', 8n, 3],
  ['clean-plate', 50n, 3],
  ['waste-sorting', 10n, 2],
  ['no-disposable-cutlery', 16n, 3],
  ['parcel-packaging-recycling', 100n, 5],
  ['second-hand-trade', 500n, 2],
];

describe('flat-credit everyday actions, v1', () => {
  it('registers one module and seeds one v1 per action, partner push only, for Shandong', () => {
    expect(flatActions.map((m) => m.id).sort()).toEqual(table.map(([id]) => id).sort());
    for (const [id] of table) {
      expect(methodologyRegistry.latest(id)).toBeDefined();
      expect(seedOf(id)).toMatchObject({ version: 1, moduleVersion: 1, regionScope: ['370000'] });
      expect(paramsOf(id).selfReported.accepted).toBe(false);
      expect(paramsOf(id).credit.source).toMatch(/^\[D\]/);
    }
  });

  it.each(table)(
    '%s credits %d g per verified action, at most %d a day (the daily cap in grams)',
    (id, grams, count) => {
      const m = methodologyRegistry.latest(id)!;
      const params = paramsOf(id);
      const result = m.quantify(m.inputSchema.parse(action()), params);
      expect(result).toMatchObject({ ok: true, grams });
      expect(params.eligibility.maxCountPerDay).toBe(count);
      expect(params.caps.perDayG).toBe(Number(grams) * count);
    },
  );

  it('is credited once per partner record, whatever its case', () => {
    const m = methodologyRegistry.latest('clean-plate')!;
    const a = m.inputSchema.parse(action('bin-7'));
    const b = m.inputSchema.parse(action('BIN-7'));
    expect(m.fingerprint(a)).toBe('clean-plate/BIN-7');
    expect(m.fingerprint(b)).toBe(m.fingerprint(a));
    expect(m.interval(a)).toBeNull();
  });

  const base = paramsOf('reusable-bag');
  it.each<[string, Partial<FlatActionParams>]>([
    ['a daily gram cap that is not the count cap × grams', { caps: { ...base.caps, perDayG: 25 } }],
    ['self-reported actions accepted', { selfReported: { accepted: true, review: true, perDayCapG: null } }],
    [
      'a credit whose source is tagged neither [P] nor [D]',
      { credit: { ...base.credit, source: 'somewhere' } },
    ],
    ['no verifying partner named', { verifiedBy: [] }],
  ])('refuses parameters with %s', (_name, change) => {
    expect(flatActionParamsSchema.safeParse({ ...base, ...change }).success).toBe(false);
  });

  it.each([
    ['no offset on the time', { occurredAt: '2026-12-05T12:30:00', eventId: 'X' }],
    ['a slash in the event id', { occurredAt: '2026-12-05T12:30:00+08:00', eventId: 'a/b' }],
    ['a count field (one action per record)', { ...action(), count: 5 }],
  ])('refuses input with %s', (_name, raw) => {
    expect(flatActions[0].inputSchema.safeParse(raw).success).toBe(false);
  });
});
