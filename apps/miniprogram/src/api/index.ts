import Taro from '@tarojs/taro';
import { createApiClient, type TokenStore } from './client';
import { fetchTransport } from './transport-fetch';
import { taroTransport } from './transport-taro';

const TOKEN_KEY = 'citizen.token';

/** The access token lives in the mini-program's storage (localStorage in H5). */
export const tokens: TokenStore = {
  get: () => (Taro.getStorageSync(TOKEN_KEY) as string) || null,
  set: (token) => (token ? Taro.setStorageSync(TOKEN_KEY, token) : Taro.removeStorageSync(TOKEN_KEY)),
};

const isH5 = process.env.TARO_ENV === 'h5';

export const LOGIN_PAGE = '/pages/login/index';

/** The citizen API: same origin in H5 (served at /m/), the configured origin in the weapp build. */
export const api = createApiClient({
  baseUrl: isH5 ? '' : (process.env.TARO_APP_API_BASE_URL ?? 'http://127.0.0.1:3000'),
  transport: isH5 ? fetchTransport() : taroTransport((options) => Taro.request(options)),
  tokens,
  onSignedOut: () => void Taro.reLaunch({ url: LOGIN_PAGE }),
});

export { ApiError, errorSentence, newIdempotencyKey } from './client';
