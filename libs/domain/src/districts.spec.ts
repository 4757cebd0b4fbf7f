import { DomainError, ErrorCode } from './errors.js';
import { PROVINCE, assertRegionScope, isKnownDistrict, scopeCovers } from './districts.js';

describe('districts', () => {
  it('knows the served districts and cities, and nothing inherited from Object', () => {
    expect(isKnownDistrict('370102')).toBe(true);
    expect(isKnownDistrict('370100')).toBe(true);
    expect(isKnownDistrict('110101')).toBe(false);
    expect(isKnownDistrict('toString')).toBe(false);
    expect(isKnownDistrict(PROVINCE)).toBe(false);
  });

  it('accepts a scope of known districts and the province', () => {
    expect(() => assertRegionScope(['370102', '370200', PROVINCE])).not.toThrow();
    expect(() => assertRegionScope([])).not.toThrow();
  });

  it('refuses a scope naming unknown codes, listing each of them', () => {
    let error: unknown;
    try {
      assertRegionScope(['370102', '110101', '999999']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: ErrorCode.DistrictUnknown,
      message: 'unknown district codes: 110101, 999999',
      details: { unknown: ['110101', '999999'] },
    });
  });

  it.each([
    [null, '370102', true],
    [[], '370102', true],
    [['370102'], '370102', true],
    [['370103'], '370102', false],
    // a city (xxxx00) covers its districts; the province (370000) covers every district
    [['370100'], '370102', true],
    [['370200'], '370102', false],
    [['370000'], '371702', true],
    [['380000'], '371702', false],
    [['370103', '370100'], '370112', true],
  ])('scope %j covers %s: %s', (scope, district, covered) => {
    expect(scopeCovers(scope, district)).toBe(covered);
  });
});
