import type { Transport } from './client';

/** The slice of Taro.request (wx.request) the transport uses; it resolves on any HTTP status. */
export type TaroRequest = (options: {
  url: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  header: Record<string, string>;
  data?: string;
  dataType: 'json';
  responseType: 'text';
}) => Promise<{ statusCode: number; data: unknown }>;

/** The weapp build's transport: wx.request through Taro. */
export function taroTransport(request: TaroRequest): Transport {
  return async ({ method, url, headers, body }) => {
    const response = await request({
      url,
      method: method as 'GET',
      header: headers,
      data: body,
      dataType: 'json',
      responseType: 'text',
    });
    return { status: response.statusCode, body: response.data === '' ? undefined : response.data };
  };
}
