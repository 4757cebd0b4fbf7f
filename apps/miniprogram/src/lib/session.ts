import Taro from '@tarojs/taro';
import { api, tokens } from '../api';

const DISTRICT_KEY = 'citizen.district';
const DEV_NAME_KEY = 'citizen.dev-name';

/**
 * A login code: wx.login() in WeChat (single use); in H5 the development adapter's dev:<name>,
 * which the API refuses in production.
 */
export async function loginCode(devName?: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const name = devName ?? ((Taro.getStorageSync(DEV_NAME_KEY) as string) || '');
    Taro.setStorageSync(DEV_NAME_KEY, name);
    return `dev:${name}`;
  }
  const { code } = await Taro.login();
  return code;
}

export async function signIn(code: string, districtCode?: string) {
  const session = await api.post('/v1/auth/wechat', { body: { code, districtCode } });
  tokens.set(session.accessToken);
  Taro.setStorageSync(DISTRICT_KEY, session.districtCode);
  return session;
}

export function signedIn(): boolean {
  return tokens.get() !== null;
}

export function savedDistrict(): string | undefined {
  return (Taro.getStorageSync(DISTRICT_KEY) as string) || undefined;
}

export function signOut(): void {
  tokens.set(null);
  Taro.removeStorageSync(DISTRICT_KEY);
  Taro.removeStorageSync(DEV_NAME_KEY);
  void Taro.reLaunch({ url: '/pages/login/index' });
}

/** Sends a page to the login page when there is no session. */
export function requireSession(): boolean {
  if (signedIn()) return true;
  void Taro.reLaunch({ url: '/pages/login/index' });
  return false;
}
