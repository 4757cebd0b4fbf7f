import { DomainError, ErrorCode } from './errors.js';

/**
 * Shandong administrative division codes the platform serves (GB/T 2260). A citizen's district picks
 * the methodology version in force for them and the regional reduction pool their grams accrue to.
 */
export const DISTRICTS: Readonly<Record<string, string>> = {
  '370100': '济南市',
  '370102': '历下区',
  '370103': '市中区',
  '370104': '槐荫区',
  '370105': '天桥区',
  '370112': '历城区',
  '370113': '长清区',
  '370114': '章丘区',
  '370115': '济阳区',
  '370116': '莱芜区',
  '370117': '钢城区',
  '370124': '平阴县',
  '370126': '商河县',
  '370181': '章丘区（旧代码）',
  '370200': '青岛市',
  '370300': '淄博市',
  '370400': '枣庄市',
  '370500': '东营市',
  '370600': '烟台市',
  '370700': '潍坊市',
  '370800': '济宁市',
  '370900': '泰安市',
  '371000': '威海市',
  '371100': '日照市',
  '371300': '临沂市',
  '371400': '德州市',
  '371500': '聊城市',
  '371600': '滨州市',
  '371700': '菏泽市',
};

export function isKnownDistrict(code: string): boolean {
  return Object.hasOwn(DISTRICTS, code);
}

/** The whole province, which region scopes (methodology versions, campaigns) accept beside districts. */
export const PROVINCE = '370000';

/** Refuses a region scope naming a code that is neither a known district nor the province. */
export function assertRegionScope(scope: readonly string[]): void {
  const unknown = scope.filter((code) => code !== PROVINCE && !isKnownDistrict(code));
  if (unknown.length)
    throw new DomainError(ErrorCode.DistrictUnknown, `unknown district codes: ${unknown.join(', ')}`, {
      unknown,
    });
}

/** A scope entry covers a district itself, or every district of a city (xxxx00) or of the province (370000). */
export function scopeCovers(scope: readonly string[] | null, district: string): boolean {
  if (!scope || scope.length === 0) return true;
  const city = `${district.slice(0, 4)}00`;
  const province = `${district.slice(0, 2)}0000`;
  return scope.some((code) => code === district || code === city || code === province);
}
