import { claimPeriod, keyInputs, outlierOf } from './review-insights.js';

const tripParams = { eligibility: { minDistanceM: 100, maxDistanceM: 50_000, maxSpeedKmh: { bike: 30 } } };
const acParams = {
  baseline: {
    bands: [
      { minCapacityW: 1, maxCapacityW: 4500, annualKWh: '1000' },
      { minCapacityW: 4501, maxCapacityW: 7100, annualKWh: '1500' },
    ],
  },
};

describe('review insights', () => {
  it('flags a trip at 80 % or more of the maximum distance, naming the bound', () => {
    expect(outlierOf('cycling', { distanceM: 40_000 }, tripParams)).toEqual({
      field: 'distanceM',
      value: '40000',
      limit: '50000',
      share: 0.8,
      bound: 'eligibility.maxDistanceM',
    });
    expect(outlierOf('cycling', { distanceM: 39_999 }, tripParams)).toBeNull();
  });

  it('bounds PV generation by installed kW × days × peak sun hours', () => {
    const params = { eligibility: { maxInstalledKW: '50', maxPeakSunHoursPerDay: '6' } };
    const payload = {
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      installedKW: '5',
      meteredKWh: '850',
    };
    // 5 kW × 30 days × 6 h = 900 kWh
    expect(outlierOf('rooftop-pv', payload, params)).toMatchObject({
      field: 'meteredKWh',
      limit: '900',
      share: 0.944,
    });
    expect(outlierOf('rooftop-pv', { ...payload, meteredKWh: '400' }, params)).toBeNull();
  });

  it("bounds an AC's capacity by the largest band", () => {
    expect(outlierOf('efficient-ac', { coolingCapacityW: 7000 }, acParams)).toMatchObject({ limit: '7100' });
    expect(outlierOf('efficient-ac', { coolingCapacityW: 3500 }, acParams)).toBeNull();
    // Module 2: the grade-3 APF rows of GB 21455 end at 14,000 W.
    const acV2Params = {
      baseline: {
        grade3Apf: [
          { maxCapacityW: 4500, apf: '4.00' },
          { maxCapacityW: 7100, apf: '3.50' },
          { maxCapacityW: 14000, apf: '3.30' },
        ],
      },
    };
    expect(outlierOf('efficient-ac', { coolingCapacityW: 12000 }, acV2Params)).toMatchObject({
      limit: '14000',
      bound: 'baseline.grade3Apf[last].maxCapacityW',
    });
  });

  it('flags nothing for an unknown methodology or missing parameters', () => {
    expect(outlierOf('tree-planting', { distanceM: 1 }, {})).toBeNull();
    expect(outlierOf('cycling', { distanceM: 40_000 }, {})).toBeNull();
  });

  it('lists the inputs that drive the number, in reading order', () => {
    expect(keyInputs({ startedAt: 'x', mode: 'bike', distanceM: 5000 })).toEqual([
      { name: 'mode', value: 'bike' },
      { name: 'distanceM', value: '5000' },
    ]);
  });

  it('finds the period from the trip interval, a metering period or a credit year', () => {
    const start = new Date('2026-11-01T00:00:00Z');
    const end = new Date('2026-11-01T00:30:00Z');
    expect(claimPeriod({}, { start, end })).toEqual({ start: start.toISOString(), end: end.toISOString() });
    expect(
      claimPeriod({ periodStart: '2026-10-01', periodEnd: '2026-10-31' }, { start: null, end: null }),
    ).toEqual({ start: '2026-10-01', end: '2026-10-31' });
    expect(claimPeriod({ creditYear: 2026 }, { start: null, end: null })).toEqual({
      start: '2026-01-01',
      end: '2026-12-31',
    });
    expect(claimPeriod({ weightG: 1 }, { start: null, end: null })).toBeNull();
  });
});
