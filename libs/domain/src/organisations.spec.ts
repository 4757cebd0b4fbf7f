import { isOrganisationMethodology, ORGANISATION_METHODOLOGIES } from './organisations.js';

describe('organisation methodologies', () => {
  it.each(ORGANISATION_METHODOLOGIES)('accepts an installation methodology: %s', (id) => {
    expect(isOrganisationMethodology(id)).toBe(true);
  });

  it.each(['cycling', 'bus', 'metro', 'walking', 'carpool', 'clothes-recycling', 'nev-trip', ''])(
    'refuses a personal one: %s',
    (id) => {
      expect(isOrganisationMethodology(id)).toBe(false);
    },
  );
});
