/**
 * Organisation accounts (issue 15): small businesses and public institutions registered by the
 * bureau, whose equipment is quantified by the same methodologies as citizens'.
 */
export const ORGANISATION_KINDS = ['small-business', 'public-institution'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_ROLES = ['manager', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/**
 * What an organisation may submit: its installations and equipment (屋顶光伏, 空气源热泵 heating and
 * hot water, 节能空调), not a person's trips or steps.
 */
export const ORGANISATION_METHODOLOGIES = [
  'rooftop-pv',
  'heat-pump',
  'heat-pump-water-heater',
  'efficient-ac',
] as const;

export function isOrganisationMethodology(methodologyId: string): boolean {
  return (ORGANISATION_METHODOLOGIES as readonly string[]).includes(methodologyId);
}
