import { districtLabel } from '../labels';

/** A version's region scope in words: 全部地区, or the districts and cities it names. */
export const scopeText = (scope: string[] | null | undefined): string =>
  scope && scope.length ? scope.map(districtLabel).join('、') : '全部地区';
