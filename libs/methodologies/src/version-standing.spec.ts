import type { ParameterVersion } from './version-selection.js';
import { versionStanding } from './version-standing.js';

const NOW = new Date('2026-12-02T03:00:00Z');
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000);

const version = (number: number, overrides: Partial<ParameterVersion> = {}): ParameterVersion => ({
  id: String(number),
  methodologyId: 'bus',
  version: number,
  moduleVersion: 1,
  status: 'published',
  effectiveFrom: day(-100),
  effectiveTo: null,
  regionScope: null,
  params: {},
  ...overrides,
});

const standingOf = (versions: ParameterVersion[], number: number) =>
  versionStanding(
    versions,
    versions.find((v) => v.version === number)!,
    NOW,
  );

describe('versionStanding: where a version stands today, by the rule that picks versions for actions', () => {
  it.each([
    {
      name: 'v1 open-ended, v2 open-ended from yesterday: v2 in force, v1 superseded by v2',
      versions: [version(1), version(2, { effectiveFrom: day(-1) })],
      expected: { 1: ['superseded', 2], 2: ['in-force', null] },
    },
    {
      name: 'v2 takes effect tomorrow: v1 still in force, v2 scheduled',
      versions: [version(1), version(2, { effectiveFrom: day(1) })],
      expected: { 1: ['in-force', null], 2: ['scheduled', null] },
    },
    {
      name: 'v2 covers only Jinan: both in force (v1 everywhere else)',
      versions: [version(1), version(2, { effectiveFrom: day(-1), regionScope: ['370100'] })],
      expected: { 1: ['in-force', null], 2: ['in-force', null] },
    },
    {
      name: 'v2 retired: withdrawn, and v1 is in force again',
      versions: [version(1), version(2, { effectiveFrom: day(-1), status: 'retired' })],
      expected: { 1: ['in-force', null], 2: ['withdrawn', null] },
    },
    {
      name: 'v1 ended yesterday, v3 is a draft',
      versions: [version(1, { effectiveTo: day(-1) }), version(3, { status: 'draft' })],
      expected: { 1: ['expired', null], 3: ['draft', null] },
    },
    {
      name: 'a Jinan-only v1 under a province-wide v2: superseded',
      versions: [version(1, { regionScope: ['370102'] }), version(2, { effectiveFrom: day(-1) })],
      expected: { 1: ['superseded', 2], 2: ['in-force', null] },
    },
  ])('$name', ({ versions, expected }) => {
    for (const [number, [standing, supersededBy]] of Object.entries(expected))
      expect(standingOf(versions, Number(number))).toEqual({ standing, supersededBy });
  });
});
