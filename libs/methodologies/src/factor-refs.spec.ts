import {
  factorRef,
  factorRefsIn,
  resolveFactorRefs,
  UnknownFactorError,
  type EmissionFactor,
} from './factor-refs.js';

const grid2023: EmissionFactor = {
  kind: 'grid',
  region: 'north-china',
  year: 2023,
  value: '0.6361',
  unit: 'kgCO2/kWh',
  source: 'MEE/NBS',
};
const factors = new Map([['grid/north-china/2023', grid2023]]);

describe('factor references', () => {
  it('resolves a reference anywhere in a parameter set', () => {
    const params = {
      gridFactor: factorRef('grid', 'north-china', 2023),
      nested: [{ f: factorRef('grid', 'north-china', 2023) }],
      cop: '2.8',
    };
    expect(factorRefsIn(params)).toEqual(['grid/north-china/2023', 'grid/north-china/2023']);
    expect(resolveFactorRefs(params, factors)).toEqual({
      gridFactor: { value: '0.6361', unit: 'kgCO2/kWh', source: 'MEE/NBS', vintage: 2023 },
      nested: [{ f: { value: '0.6361', unit: 'kgCO2/kWh', source: 'MEE/NBS', vintage: 2023 } }],
      cop: '2.8',
    });
  });

  it('fails on an unknown factor', () => {
    expect(() => resolveFactorRefs({ f: factorRef('grid', 'mars', 2023) }, factors)).toThrow(
      UnknownFactorError,
    );
  });
});
