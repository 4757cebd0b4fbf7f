import type { Transport } from './client';

/** The H5 build's transport: the browser's fetch, same origin. */
export function fetchTransport(fetchImpl: typeof fetch = fetch): Transport {
  return async ({ method, url, headers, body }) => {
    const response = await fetchImpl(url, { method, headers, body });
    const text = await response.text();
    const json =
      (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined;
    return { status: response.status, body: json };
  };
}
