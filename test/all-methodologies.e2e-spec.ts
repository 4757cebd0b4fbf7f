import type { TestEnvironment } from './support/environment.js';
import { eventually, type ApiUnderTest } from './support/services.js';
import { TestStack } from './support/stack.js';
import { idempotencyKey } from './support/trips.js';

const HOUR = 3_600_000;
const tripAt = (hoursAgo: number, minutes: number) => {
  const start = Date.now() - hoursAgo * HOUR;
  return {
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + minutes * 60_000).toISOString(),
  };
};

/** Through POST /v1/actions, for every methodology: a valid submission and each implausible one. */
describe('every methodology through the citizen API', () => {
  let stack: TestStack;
  let env: TestEnvironment;
  let api: ApiUnderTest;

  beforeAll(async () => {
    stack = await TestStack.start();
    ({ env, api } = stack);
  });

  afterAll(() => stack?.stop());

  const valid: {
    methodology: string;
    data: Record<string, unknown>;
    status: string;
    grams: string;
    capApplied?: string;
    /** The parameter version in force for the trip; 1 unless said. */
    version?: number;
  }[] = [
    {
      methodology: 'cycling',
      data: { mode: 'ebike', distanceM: 5000, ...tripAt(30, 20) },
      status: 'settled',
      grams: '175',
      version: 2,
    },
    // Shandong's bus@2 and metro@2 (from 2026-12-01 CST): 10 km × 7.551825 and × 18.3525 g/pkm.
    {
      methodology: 'bus',
      data: { distanceM: 10_000, ...tripAt(30, 30) },
      status: 'settled',
      grams: '75',
      version: 2,
    },
    {
      methodology: 'metro',
      data: { distanceM: 10_000, ...tripAt(30, 20) },
      status: 'settled',
      grams: '183',
      version: 2,
    },
    {
      methodology: 'walking',
      data: { date: new Date(Date.now() - 30 * HOUR).toISOString().slice(0, 10), steps: 10_000 },
      status: 'settled',
      grams: '200',
    },
    // 2 extra riders × 10 km × 60 g = 1,200 g, cut to the 1,000 g daily cap
    {
      methodology: 'carpool',
      data: { distanceM: 10_000, detourM: 0, occupants: 3, ...tripAt(30, 20) },
      status: 'settled',
      grams: '1000',
      capApplied: 'perDay',
    },
    // Self-reported weights, meter readings and invoices wait for a reviewer.
    {
      methodology: 'clothes-recycling',
      data: {
        weightG: 2000,
        droppedAt: new Date(Date.now() - 30 * HOUR).toISOString(),
        receiptId: 'KIOSK-1-0001',
      },
      status: 'review',
      grams: '7200',
    },
    {
      methodology: 'rooftop-pv',
      data: {
        meterSerial: 'PV-3701-0001',
        periodStart: '2025-06-01',
        periodEnd: '2025-06-30',
        meteredKWh: '1000',
        installedKW: '10',
      },
      status: 'review',
      grams: '636100',
    },
    {
      methodology: 'heat-pump',
      data: {
        deviceSerial: 'HP-0531-0042',
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        consumedKWh: '1000',
      },
      status: 'review',
      grams: '889900',
    },
    {
      methodology: 'efficient-ac',
      data: {
        unitSerial: 'GREE-KFR35GW-000123',
        invoiceId: 'INV-2025-0701-88',
        purchasedOn: '2025-07-01',
        creditYear: 2025,
        coolingCapacityW: 3500,
        labelledAnnualKWh: '800',
      },
      status: 'review',
      grams: '159025',
    },
  ];

  it.each(valid)(
    'accepts a valid $methodology submission ($status, $grams g)',
    async ({ methodology, data, status, grams, capApplied, version }) => {
      const { token } = await api.login(`citizen-${methodology}`);
      const submit = await api.request<{ id: string }>('POST', '/v1/actions', {
        token,
        body: { methodology, data },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      expect(submit.status).toBe(202);
      const action = await eventually(async () => {
        const { body } = await api.request<{ status: string }>('GET', `/v1/me/actions/${submit.body.id}`, {
          token,
        });
        return body.status === 'received' || body.status === 'quantified' ? undefined : body;
      });
      expect(action).toMatchObject({
        status,
        grams,
        methodology,
        capApplied: capApplied ?? null,
        methodologyVersion: version ?? 1,
      });
    },
  );

  const implausible: { methodology: string; data: Record<string, unknown>; code: string; status?: number }[] =
    [
      { methodology: 'bus', data: { distanceM: 400, ...tripAt(40, 10) }, code: 'DISTANCE_TOO_SHORT' },
      { methodology: 'bus', data: { distanceM: 1000, ...tripAt(40, 60) }, code: 'SPEED_TOO_LOW' },
      { methodology: 'bus', data: { distanceM: 60_001, ...tripAt(40, 90) }, code: 'DISTANCE_TOO_LONG' },
      { methodology: 'metro', data: { distanceM: 50_000, ...tripAt(40, 20) }, code: 'SPEED_IMPLAUSIBLE' },
      { methodology: 'metro', data: { distanceM: 900, ...tripAt(40, 5) }, code: 'DISTANCE_TOO_SHORT' },
      { methodology: 'walking', data: { date: '2025-06-01', steps: 0 }, code: 'NO_STEPS' },
      {
        methodology: 'carpool',
        data: { distanceM: 10_000, detourM: 0, occupants: 1, ...tripAt(40, 20) },
        code: 'OCCUPANTS_OUT_OF_RANGE',
      },
      {
        methodology: 'carpool',
        data: { distanceM: 10_000, detourM: 3001, occupants: 2, ...tripAt(40, 20) },
        code: 'DETOUR_TOO_LONG',
      },
      {
        methodology: 'clothes-recycling',
        data: { weightG: 400, droppedAt: '2025-06-01T10:00:00+08:00', receiptId: 'R-1' },
        code: 'WEIGHT_TOO_LOW',
      },
      {
        methodology: 'clothes-recycling',
        data: { weightG: 50_001, droppedAt: '2025-06-01T10:00:00+08:00', receiptId: 'R-2' },
        code: 'WEIGHT_TOO_HIGH',
      },
      {
        methodology: 'rooftop-pv',
        data: {
          meterSerial: 'PV-1',
          periodStart: '2025-06-01',
          periodEnd: '2025-06-30',
          meteredKWh: '2100.001',
          installedKW: '10',
        },
        code: 'GENERATION_IMPLAUSIBLE',
      },
      {
        methodology: 'rooftop-pv',
        data: {
          meterSerial: 'PV-1',
          periodStart: '2025-06-01',
          periodEnd: '2025-06-30',
          meteredKWh: '1000',
          greenCertifiedKWh: '1000.001',
          installedKW: '10',
        },
        code: 'CERTIFIED_EXCEEDS_METERED',
      },
      {
        methodology: 'rooftop-pv',
        data: {
          meterSerial: 'PV-1',
          periodStart: '2025-06-01',
          periodEnd: '2025-06-30',
          meteredKWh: '1000',
          installedKW: '1000.001',
        },
        code: 'CAPACITY_TOO_LARGE',
      },
      {
        // Not a decimal: the capacity refinement used to parse it and throw (a 500); now refused like any bad field.
        methodology: 'rooftop-pv',
        data: {
          meterSerial: 'PV-1',
          periodStart: '2025-06-01',
          periodEnd: '2025-06-30',
          meteredKWh: '1000',
          installedKW: 'abc',
        },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        methodology: 'heat-pump',
        data: {
          deviceSerial: 'HP-1',
          periodStart: '2025-01-01',
          periodEnd: '2025-01-01',
          consumedKWh: '481',
        },
        code: 'CONSUMPTION_IMPLAUSIBLE',
      },
      {
        methodology: 'efficient-ac',
        data: {
          unitSerial: 'AC-1',
          invoiceId: 'I-1',
          purchasedOn: '2024-07-01',
          creditYear: 2029,
          coolingCapacityW: 3500,
          labelledAnnualKWh: '800',
        },
        code: 'OUTSIDE_CREDIT_PERIOD',
      },
      {
        methodology: 'efficient-ac',
        data: {
          unitSerial: 'AC-1',
          invoiceId: 'I-1',
          purchasedOn: '2025-07-01',
          creditYear: 2025,
          coolingCapacityW: 1799,
          labelledAnnualKWh: '500',
        },
        code: 'CAPACITY_NOT_IN_TABLE',
      },
      {
        methodology: 'efficient-ac',
        data: {
          unitSerial: 'AC-1',
          invoiceId: 'I-1',
          purchasedOn: '2025-07-01',
          creditYear: 2025,
          coolingCapacityW: 3500,
          labelledAnnualKWh: '1050',
        },
        code: 'NOT_MORE_EFFICIENT',
      },
    ];

  it.each(implausible)(
    'refuses an implausible $methodology submission with $code and writes nothing',
    async ({ methodology, data, code, status = 422 }) => {
      const { token, citizenId } = await api.login(`implausible-${methodology}`);
      const response = await api.request<{ code: string }>('POST', '/v1/actions', {
        token,
        body: { methodology, data },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      expect(await env.query(`SELECT id FROM actions WHERE citizen_id = $1`, [citizenId])).toEqual([]);
    },
  );

  it("documents every methodology's input in the OpenAPI document", async () => {
    const doc = await api.request<{
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>('GET', '/docs/openapi.json');
    const schemas = doc.body.components.schemas;
    for (const id of [
      'cycling',
      'bus',
      'metro',
      'walking',
      'carpool',
      'clothes_recycling',
      'rooftop_pv',
      'heat_pump',
      'efficient_ac',
    ]) {
      expect(schemas[`ActionData_${id}`]?.properties).toBeDefined();
    }
    expect(Object.keys(schemas.ActionData_cycling.properties!)).toEqual(
      expect.arrayContaining(['mode', 'distanceM', 'startedAt', 'endedAt']),
    );
    expect(schemas.SubmitActionDto.properties!.data).toMatchObject({
      oneOf: expect.arrayContaining([{ $ref: '#/components/schemas/ActionData_bus' }]),
    });
  });
});
