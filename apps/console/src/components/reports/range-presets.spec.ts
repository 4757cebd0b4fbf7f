/// <reference types="jest" />
import { presetRanges } from './range-presets';

describe('report range shortcuts (China-time dates)', () => {
  it('covers this month, last month, this quarter and this year up to today', () => {
    expect(presetRanges('2026-12-02')).toEqual({
      本月: ['2026-12-01', '2026-12-02'],
      上月: ['2026-11-01', '2026-11-30'],
      本季: ['2026-10-01', '2026-12-02'],
      本年: ['2026-01-01', '2026-12-02'],
      近30天: ['2026-11-03', '2026-12-02'],
    });
  });

  it('goes back over a year end and ends February on its last day', () => {
    expect(presetRanges('2027-01-15').上月).toEqual(['2026-12-01', '2026-12-31']);
    expect(presetRanges('2028-03-05').上月).toEqual(['2028-02-01', '2028-02-29']);
    expect(presetRanges('2026-05-31').本季).toEqual(['2026-04-01', '2026-05-31']);
  });
});
