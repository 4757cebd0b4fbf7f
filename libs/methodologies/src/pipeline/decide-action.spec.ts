import { ActionStatus, ErrorCode, type Campaign, type PointsRule } from '@app/domain';
import { emissionFactorMap } from '../../../../seeds/emission-factors.js';
import { householdPowerV1 } from '../../../../seeds/methodologies/household-power.v1.js';
import type { Assessment } from '../assess.js';
import type { SourcePolicy } from '../methodology.js';
import type { ParameterVersion } from '../version-selection.js';
import { AcceptedEvents, sourceRank, tripWindow, type AcceptedActionRecord } from './accepted-events.js';
import {
  assessReceived,
  decideAction,
  type ActionOutcome,
  type AssessedAction,
  type ReceivedAction,
} from './decide-action.js';
import { UsageLedger, type UsageRecord } from './usage-ledger.js';

// 2026-11-10 10:00 China time; the trip lasts 30 minutes.
const T0 = new Date('2026-11-10T02:00:00.000Z');
const T30 = new Date('2026-11-10T02:30:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const DAY = '2026-11-10';
const DAY_FROM = '2026-11-09T16:00:00.000Z';
const DAY_TO = '2026-11-10T16:00:00.000Z';

const PARTNER = 'partner:mobike';
const SELF = 'self';

const version = {
  id: 'ver-cycling-1',
  methodologyId: 'cycling',
  version: 1,
  moduleVersion: 1,
  status: 'published',
  effectiveFrom: new Date('2026-01-01T00:00:00.000Z'),
  effectiveTo: null,
  regionScope: null,
  params: {},
} satisfies ParameterVersion;

const noCaps = { perActionG: null, perDayG: null, perMonthG: null };
const openPolicy = (over: Partial<SourcePolicy> = {}): SourcePolicy => ({
  caps: noCaps,
  selfReported: { accepted: true, review: false, perDayCapG: null },
  ...over,
});

const trace = [{ step: 'reduction', value: '1000', unit: 'gCO2e' }];

type Quantified = Extract<Assessment, { kind: 'quantified' }>;
const quantified = (over: Partial<Quantified> = {}): Quantified => ({
  kind: 'quantified',
  grams: 1000n,
  trace,
  version,
  policy: openPolicy(),
  occurredAt: T0,
  interval: { start: T0, end: T30 },
  fingerprint: null,
  fingerprintScope: 'citizen',
  ...over,
});

const received = (over: Partial<ReceivedAction> = {}): ReceivedAction => ({
  id: 'new',
  holderId: 'alice',
  districtCode: '420102',
  methodologyId: 'cycling',
  source: PARTNER,
  payload: {},
  occurredAt: T0,
  intervalStart: T0,
  intervalEnd: T30,
  replaces: null,
  ...over,
});

const rule: PointsRule = {
  version: 3,
  pointsPerGram: '1',
  effectiveFrom: new Date('2026-01-01T00:00:00.000Z'),
};

const accepted = (over: Partial<AcceptedActionRecord> = {}): AcceptedActionRecord => ({
  id: 'old',
  holderId: 'alice',
  methodologyId: 'cycling',
  source: PARTNER,
  grams: 700n,
  occurredAt: T0,
  intervalStart: T0,
  intervalEnd: T30,
  fingerprint: null,
  eventSubject: null,
  ...over,
});

const used = (grams: bigint, over: Partial<UsageRecord> = {}): UsageRecord => ({
  holderId: 'alice',
  methodologyId: 'cycling',
  day: DAY,
  self: false,
  grams,
  actionIds: ['earlier'],
  ...over,
});

interface World {
  rules?: PointsRule[];
  campaigns?: Campaign[];
  events?: AcceptedEvents;
  usage?: UsageLedger;
}

function decide(
  row: ReceivedAction,
  assessed: Assessment | AssessedAction | undefined,
  world: World = {},
): ActionOutcome {
  const a: AssessedAction =
    assessed && 'kind' in assessed
      ? { assessment: assessed, subject: undefined }
      : (assessed ?? { assessment: undefined, subject: undefined });
  return decideAction(
    row,
    a,
    world.rules ?? [rule],
    world.campaigns ?? [],
    world.events ?? AcceptedEvents.of([]),
    world.usage ?? UsageLedger.of([]),
  );
}

const rejection = (reason: string, over: Partial<ActionOutcome> = {}): ActionOutcome => ({
  id: 'new',
  status: ActionStatus.Rejected,
  reason,
  versionId: version.id,
  requested: null,
  grams: null,
  points: null,
  cap: null,
  rule: null,
  fingerprint: null,
  subject: null,
  campaignId: null,
  supersedes: null,
  trace: null,
  ...over,
});

const credit = (over: Partial<ActionOutcome> = {}): ActionOutcome => ({
  id: 'new',
  status: ActionStatus.Quantified,
  reason: null,
  versionId: version.id,
  requested: '1000',
  grams: '1000',
  points: '1000',
  cap: null,
  rule: 3,
  fingerprint: null,
  subject: null,
  campaignId: null,
  supersedes: null,
  trace,
  ...over,
});

// A device's metering periods: one event per device, whoever claims it.
const OCTOBER = 'heat-pump/dev-1/2026-10-01/2026-10-31';
const MID_OCTOBER = 'heat-pump/dev-1/2026-10-15/2026-11-14';
const NOVEMBER = 'heat-pump/dev-1/2026-11-01/2026-11-30';
const DEVICE = 'heat-pump/dev-1';
const metered = (fingerprint: string) =>
  quantified({ fingerprint, fingerprintScope: 'everyone', interval: null });
const meteredClaim = (fingerprint: string): AssessedAction => ({
  assessment: metered(fingerprint),
  subject: DEVICE,
});
const acceptedClaim = (fingerprint: string, over: Partial<AcceptedActionRecord> = {}) =>
  accepted({ fingerprint, eventSubject: DEVICE, intervalStart: null, intervalEnd: null, ...over });

describe('decideAction: what the methodology said', () => {
  it.each<[string, Assessment | undefined, ActionOutcome]>([
    [
      'quantifying threw: QUANTIFICATION_FAILED',
      undefined,
      rejection(ErrorCode.QuantificationFailed, { versionId: null }),
    ],
    [
      'an unknown methodology: INPUT_INVALID, with what is known',
      { kind: 'unknown-methodology', known: ['walking'] },
      rejection(ErrorCode.InputInvalid, {
        versionId: null,
        trace: { kind: 'unknown-methodology', known: ['walking'] },
      }),
    ],
    [
      'input the schema refuses: INPUT_INVALID, with the issues',
      { kind: 'invalid-input', issues: [{ field: 'data.distanceM', problem: 'Required' }] },
      rejection(ErrorCode.InputInvalid, {
        versionId: null,
        trace: { kind: 'invalid-input', issues: [{ field: 'data.distanceM', problem: 'Required' }] },
      }),
    ],
    [
      'no version in force: METHODOLOGY_NOT_IN_FORCE',
      { kind: 'not-in-force', occurredAt: T0 },
      rejection(ErrorCode.MethodologyNotInForce, { versionId: null }),
    ],
    [
      'the methodology’s own rejection keeps its reason, message, details and version',
      {
        ...quantified(),
        kind: 'rejected',
        reason: 'DISTANCE_TOO_SHORT',
        message: 'too short',
        details: { minDistanceM: 300 },
      } as Assessment,
      rejection('DISTANCE_TOO_SHORT', { trace: { message: 'too short', details: { minDistanceM: 300 } } }),
    ],
  ])('%s', (_name, assessment, expected) => {
    expect(decide(received(), assessment)).toEqual(expected);
  });
});

describe('decideAction: source policy and review', () => {
  it('refuses self-reported data where the version does not accept it', () => {
    const policy = openPolicy({ selfReported: { accepted: false, review: false, perDayCapG: null } });
    expect(decide(received({ source: SELF }), quantified({ policy }))).toEqual(
      rejection(ErrorCode.SelfReportNotAccepted),
    );
    // The same data from a partner is credited.
    expect(decide(received(), quantified({ policy }))).toEqual(credit());
  });

  it('holds self-reported data for review where the version says so, and credits a partner’s straight away', () => {
    const policy = openPolicy({ selfReported: { accepted: true, review: true, perDayCapG: null } });
    expect(decide(received({ source: SELF }), quantified({ policy }))).toEqual(
      credit({ status: ActionStatus.Review }),
    );
    expect(decide(received(), quantified({ policy }))).toEqual(credit());
    // Without review, self-reported data is quantified like a partner's.
    expect(decide(received({ source: SELF }), quantified())).toEqual(credit());
  });

  it('ranks partner-verified data above what a citizen reports', () => {
    expect(sourceRank(SELF)).toBe(0);
    expect(sourceRank(PARTNER)).toBe(1);
    expect(sourceRank('wechat-werun')).toBe(1);
  });
});

describe('decideAction: repeats of an accepted event', () => {
  it.each<[string, ReceivedAction, AcceptedActionRecord, ActionOutcome]>([
    [
      'a trip overlapping the citizen’s accepted trip from as trusted a source: TRIP_OVERLAP',
      received({ intervalStart: minutes(29), intervalEnd: minutes(60) }),
      accepted(),
      rejection(ErrorCode.TripOverlap),
    ],
    [
      'a self-reported trip overlapping a partner’s: TRIP_OVERLAP (the more trusted stands)',
      received({ source: SELF }),
      accepted(),
      rejection(ErrorCode.TripOverlap),
    ],
    [
      'a self-reported trip overlapping a self-reported one: TRIP_OVERLAP (ties go to the first)',
      received({ source: SELF }),
      accepted({ source: SELF }),
      rejection(ErrorCode.TripOverlap),
    ],
  ])('%s', (_name, row, earlier, expected) => {
    const a = quantified({ interval: { start: row.intervalStart!, end: row.intervalEnd! } });
    expect(decide(row, a, { events: AcceptedEvents.of([earlier]) })).toEqual(expected);
  });

  it('credits trips that only touch, and another citizen’s trip at the same time', () => {
    const later = quantified({ interval: { start: T30, end: minutes(60) }, occurredAt: T30 });
    const events = AcceptedEvents.of([accepted(), accepted({ id: 'bob-trip', holderId: 'bob' })]);
    expect(decide(received({ occurredAt: T30 }), later, { events })).toEqual(credit());
    const bobs = AcceptedEvents.of([accepted({ holderId: 'bob' })]);
    expect(decide(received(), quantified(), { events: bobs })).toEqual(credit());
    const earlier = quantified({ interval: { start: minutes(-30), end: T0 } });
    expect(decide(received(), earlier, { events: AcceptedEvents.of([accepted()]) })).toEqual(credit());
  });

  it('refuses the same event again: DUPLICATE_EVENT, with its fingerprint', () => {
    const events = AcceptedEvents.of([acceptedClaim(OCTOBER)]);
    expect(decide(received(), meteredClaim(OCTOBER), { events })).toEqual(
      rejection(ErrorCode.DuplicateEvent, { trace: { fingerprint: OCTOBER } }),
    );
  });

  it('refuses a metering period sharing days with one credited: PERIOD_OVERLAP, naming what it overlaps', () => {
    const events = AcceptedEvents.of([acceptedClaim(OCTOBER)]);
    expect(decide(received(), meteredClaim(MID_OCTOBER), { events })).toEqual(
      rejection(ErrorCode.PeriodOverlap, { trace: { fingerprint: MID_OCTOBER, overlaps: [OCTOBER] } }),
    );
    // The next period of the same device shares no day: credited.
    expect(decide(received(), meteredClaim(NOVEMBER), { events })).toEqual(
      credit({ fingerprint: NOVEMBER, subject: DEVICE }),
    );
  });

  it('never takes an event from another citizen, even for a more trusted source: EVENT_CLAIMED_BY_ANOTHER_CITIZEN', () => {
    const events = AcceptedEvents.of([acceptedClaim(OCTOBER, { holderId: 'bob', source: SELF })]);
    expect(decide(received(), meteredClaim(OCTOBER), { events })).toEqual(
      rejection(ErrorCode.EventClaimed, { trace: { fingerprint: OCTOBER } }),
    );
  });
});

describe('decideAction: superseding', () => {
  it('a more trusted report of the same trip replaces the self-reported one and takes its grams out of usage', () => {
    const events = AcceptedEvents.of([accepted({ source: SELF, grams: 700n })]);
    const usage = UsageLedger.of([used(700n, { self: true, actionIds: ['old'] })]);
    const caps = { perActionG: null, perDayG: 1200, perMonthG: null };
    // 1,200 a day: with the replaced 700 g taken back out, all 1,000 g fit.
    expect(decide(received(), quantified({ policy: openPolicy({ caps }) }), { events, usage })).toEqual(
      credit({ supersedes: ['old'] }),
    );
    // (The replaced grams leave the day and month; the self-reported day keeps them, as it always has.)
    expect(usage.get('alice', 'cycling', DAY)).toEqual({ day: 1000n, selfDay: 700n, month: 1000n });
    // The replaced trip is no longer an accepted event: its replacement is.
    expect(events.conflicts({ holderId: 'alice', start: T0.getTime(), end: T30.getTime() })).toEqual([
      {
        actionId: 'new',
        holderId: 'alice',
        methodologyId: 'cycling',
        rank: 1,
        grams: 1000n,
        occurredAt: T0,
        start: T0.getTime(),
        end: T30.getTime(),
        fingerprint: undefined,
        subject: undefined,
      },
    ]);
  });

  it('a report naming the earlier one as what it replaces wins over an equally trusted source', () => {
    const events = AcceptedEvents.of([accepted({ source: 'wechat-werun' })]);
    const row = received({ source: 'wechat-werun', replaces: ['old'] });
    expect(decide(row, quantified(), { events })).toEqual(credit({ supersedes: ['old'] }));
    // Naming another report does not.
    const other = AcceptedEvents.of([accepted({ source: 'wechat-werun' })]);
    const stranger = received({ source: 'wechat-werun', replaces: ['someone-else'] });
    expect(decide(stranger, quantified(), { events: other })).toEqual(rejection(ErrorCode.TripOverlap));
  });

  it('a partner’s claim of a device period replaces the citizen’s own claim of it', () => {
    const events = AcceptedEvents.of([acceptedClaim(OCTOBER, { source: SELF })]);
    expect(decide(received(), meteredClaim(OCTOBER), { events })).toEqual(
      credit({ fingerprint: OCTOBER, subject: DEVICE, supersedes: ['old'] }),
    );
  });

  it('without a points rule in force: POINTS_RULE_NOT_IN_FORCE', () => {
    const future: PointsRule = { ...rule, effectiveFrom: minutes(1) };
    expect(decide(received(), quantified(), { rules: [] })).toEqual(
      rejection(ErrorCode.PointsRuleNotInForce),
    );
    expect(decide(received(), quantified(), { rules: [future] })).toEqual(
      rejection(ErrorCode.PointsRuleNotInForce),
    );
    expect(decide(received(), quantified(), { rules: [{ ...rule, effectiveFrom: T0 }] })).toEqual(credit());
  });
});

describe('decideAction: caps', () => {
  const capStep = (name: string, value: string, usage?: object) => ({
    step: `cap.${name}`,
    value,
    unit: 'gCO2e',
    note: 'requested 1000 g',
    ...(usage ? { usage } : {}),
  });

  it('cuts an action to the per-action cap (no period usage to record)', () => {
    const caps = { perActionG: 600, perDayG: null, perMonthG: null };
    expect(decide(received(), quantified({ policy: openPolicy({ caps }) }))).toEqual(
      credit({
        grams: '600',
        points: '600',
        cap: 'perAction',
        trace: [...trace, capStep('perAction', '600')],
      }),
    );
  });

  it('credits what is left of a partly used day, and records what it was cut from', () => {
    const caps = { perActionG: null, perDayG: 1500, perMonthG: null };
    const usage = UsageLedger.of([used(900n)]);
    const outcome = decide(received(), quantified({ policy: openPolicy({ caps }) }), { usage });
    expect(outcome).toEqual(
      credit({
        grams: '600',
        points: '600',
        cap: 'perDay',
        trace: [
          ...trace,
          capStep('perDay', '600', {
            cap: 'perDay',
            period: DAY,
            from: DAY_FROM,
            to: DAY_TO,
            limitGrams: '1500',
            creditedGrams: '900',
            actionIds: ['earlier'],
          }),
        ],
      }),
    );
    // The batch counts it: the day is now used up.
    expect(usage.get('alice', 'cycling', DAY)).toEqual({ day: 1500n, selfDay: 0n, month: 1500n });
  });

  it('credits nothing once the day is used up, and everything when exactly enough is left', () => {
    const caps = { perActionG: null, perDayG: 1500, perMonthG: null };
    const policy = openPolicy({ caps });
    const full = decide(received(), quantified({ policy }), { usage: UsageLedger.of([used(1500n)]) });
    expect(full).toMatchObject({
      status: ActionStatus.Quantified,
      requested: '1000',
      grams: '0',
      points: '0',
      cap: 'perDay',
    });
    expect(decide(received(), quantified({ policy }), { usage: UsageLedger.of([used(500n)]) })).toEqual(
      credit(),
    );
  });

  it('cuts to what is left of the month', () => {
    const caps = { perActionG: null, perDayG: null, perMonthG: 20_000 };
    const usage = UsageLedger.of([used(19_750n, { day: '2026-11-02' })]);
    expect(decide(received(), quantified({ policy: openPolicy({ caps }) }), { usage })).toEqual(
      credit({
        grams: '250',
        points: '250',
        cap: 'perMonth',
        trace: [
          ...trace,
          capStep('perMonth', '250', {
            cap: 'perMonth',
            period: '2026-11',
            from: '2026-10-31T16:00:00.000Z',
            to: '2026-11-30T16:00:00.000Z',
            limitGrams: '20000',
            creditedGrams: '19750',
            actionIds: ['earlier'],
          }),
        ],
      }),
    );
  });

  it('cuts self-reported data to its own daily cap, which partner data does not count against', () => {
    const policy = openPolicy({ selfReported: { accepted: true, review: false, perDayCapG: 800 } });
    const usage = () => UsageLedger.of([used(5_000n), used(300n, { self: true, actionIds: ['mine'] })]);
    expect(decide(received({ source: SELF }), quantified({ policy }), { usage: usage() })).toEqual(
      credit({
        grams: '500',
        points: '500',
        cap: 'selfReportedPerDay',
        trace: [
          ...trace,
          capStep('selfReportedPerDay', '500', {
            cap: 'selfReportedPerDay',
            period: DAY,
            from: DAY_FROM,
            to: DAY_TO,
            limitGrams: '800',
            creditedGrams: '300',
            actionIds: ['mine'],
          }),
        ],
      }),
    );
    expect(decide(received(), quantified({ policy }), { usage: usage() })).toEqual(credit());
  });

  it('lets later actions of a batch see the earlier ones', () => {
    const caps = { perActionG: null, perDayG: 1500, perMonthG: null };
    const world = { events: AcceptedEvents.of([]), usage: UsageLedger.of([]) };
    const policy = openPolicy({ caps });
    expect(decide(received({ id: 'first' }), quantified({ policy }), world)).toEqual(credit({ id: 'first' }));
    const second = quantified({ policy, interval: { start: minutes(60), end: minutes(90) } });
    expect(decide(received({ id: 'second' }), second, world)).toMatchObject({ grams: '500', cap: 'perDay' });
    // The first trip is an accepted event now: a third overlapping it is a repeat.
    expect(decide(received({ id: 'third' }), quantified({ policy }), world)).toEqual(
      rejection(ErrorCode.TripOverlap, { id: 'third' }),
    );
  });
});

describe('decideAction: points', () => {
  it('converts grams by the rule in force and floors', () => {
    const rules: PointsRule[] = [
      rule,
      { version: 4, pointsPerGram: '0.333', effectiveFrom: new Date('2026-11-01T00:00:00.000Z') },
      { version: 5, pointsPerGram: '2', effectiveFrom: new Date('2026-12-01T00:00:00.000Z') },
    ];
    expect(decide(received(), quantified(), { rules })).toEqual(credit({ points: '333', rule: 4 }));
  });

  it('applies the campaign covering the action’s methodology, district and time', () => {
    const lowCarbonDay: Campaign = {
      id: 'low-carbon-day',
      regionScope: ['420100'],
      methodologies: ['cycling'],
      startsAt: new Date('2026-11-09T16:00:00.000Z'),
      endsAt: new Date('2026-11-10T16:00:00.000Z'),
      multiplier: '1.5',
    };
    expect(decide(received(), quantified(), { campaigns: [lowCarbonDay] })).toEqual(
      credit({ points: '1500', campaignId: 'low-carbon-day' }),
    );
    const elsewhere = { ...lowCarbonDay, regionScope: ['370000'] };
    expect(decide(received(), quantified(), { campaigns: [elsewhere] })).toEqual(credit());
  });
});

describe('assessReceived', () => {
  const hp = householdPowerV1;
  const hpVersion = (moduleVersion: number): ParameterVersion => ({
    id: `ver-hp-${moduleVersion}`,
    methodologyId: hp.methodologyId,
    version: hp.version,
    moduleVersion,
    status: 'published',
    effectiveFrom: new Date(hp.effectiveFrom),
    effectiveTo: null,
    regionScope: hp.regionScope,
    params: hp.params,
  });
  const bill = {
    accountId: '3701-0012345678',
    month: '2026-12',
    consumedKWh: '200',
    baselineKWh: '250',
  };
  const row = received({ methodologyId: 'household-power', districtCode: '370102', payload: bill });

  it('judges the action and names the claim it is matched on (anyone’s, for a household account)', () => {
    const context = { versions: [hpVersion(1)], factors: emissionFactorMap() };
    const { assessment, subject, failure } = assessReceived(row, context);
    expect(assessment).toMatchObject({ kind: 'quantified', grams: 31_805n });
    expect(subject).toBe('household-power/3701-0012345678/2026-12');
    expect(failure).toBeUndefined();
  });

  it('names no claim for what has no fingerprint', () => {
    const context = { versions: [], factors: emissionFactorMap() };
    expect(assessReceived(received({ methodologyId: 'no-such' }), context)).toEqual({
      assessment: { kind: 'unknown-methodology', known: expect.any(Array) as unknown },
      subject: undefined,
    });
  });

  it('turns a throw into a failure the worker logs (and decideAction rejects)', () => {
    const context = { versions: [hpVersion(99)], factors: emissionFactorMap() };
    const assessed = assessReceived(row, context);
    expect(assessed).toEqual({
      assessment: undefined,
      subject: undefined,
      failure: 'no module household-power@99 for parameter version ver-hp-99',
    });
    expect(decide(row, assessed)).toEqual(rejection(ErrorCode.QuantificationFailed, { versionId: null }));
  });
});

describe('tripWindow and UsageLedger.months', () => {
  it('spans the batch’s trips, or nothing without one', () => {
    expect(tripWindow([{ intervalStart: null, intervalEnd: null }])).toBeNull();
    expect(
      tripWindow([
        { intervalStart: minutes(60), intervalEnd: minutes(90) },
        { intervalStart: null, intervalEnd: null },
        { intervalStart: T0, intervalEnd: T30 },
        { intervalStart: minutes(10), intervalEnd: null },
      ]),
    ).toEqual({ from: T0, to: minutes(90) });
  });

  it('spans the China-time months of the batch', () => {
    expect(UsageLedger.months([])).toBeNull();
    // 2026-10-31T17:00Z is already November in China.
    expect(
      UsageLedger.months([T0, new Date('2026-10-31T17:00:00.000Z'), new Date('2026-12-01T00:00:00.000Z')]),
    ).toEqual({
      from: new Date('2026-10-31T16:00:00.000Z'),
      to: new Date('2026-12-31T16:00:00.000Z'),
    });
  });
});
