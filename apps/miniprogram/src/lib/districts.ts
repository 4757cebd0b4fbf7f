import { DISTRICTS } from '../../../../libs/domain/src/districts';

/** The districts the platform serves (the API refuses others with DISTRICT_UNKNOWN), cities first. */
export const DISTRICT_OPTIONS = Object.entries(DISTRICTS)
  .filter(([code]) => code !== '370181')
  .map(([code, name]) => ({ code, name }));

export function districtName(code: string | undefined): string {
  return (code && DISTRICTS[code]) || '未选择';
}
