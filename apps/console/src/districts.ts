import { DISTRICTS as SERVED_DISTRICTS } from '../../../libs/domain/src/districts';

/** Division codes and names for the console: those the platform serves, plus the whole province, which scopes accept. */
export const DISTRICTS: Readonly<Record<string, string>> = {
  '370000': '山东省（全省）',
  ...SERVED_DISTRICTS,
};

export const districtLabel = (code: string): string => DISTRICTS[code] ?? code;
