import { Agent, request } from 'node:http';

export interface HttpResponse<T = Record<string, unknown>> {
  /** 0 when no HTTP answer came back (refused, reset, timed out). */
  status: number;
  body: T;
  error?: string;
}

/** A keep-alive HTTP/1.1 client for one API process on 127.0.0.1. */
export class HttpClient {
  private readonly agent: Agent;
  /** After close(), every request answers at once with status 0: load loops stop retrying. */
  closed = false;

  constructor(
    readonly baseUrl: string,
    maxSockets = 64,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<HttpResponse<T>> {
    if (this.closed) return Promise.resolve({ status: 0, body: undefined as T, error: 'client closed' });
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { ...options.headers };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve) => {
      const req = request(
        `${this.baseUrl}${path}`,
        { method, headers, agent: this.agent, timeout: options.timeoutMs ?? 15_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => resolve({ status: 0, body: undefined as T, error: error.message }));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: T;
            try {
              body = (text ? JSON.parse(text) : undefined) as T;
            } catch {
              body = text as T;
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => resolve({ status: 0, body: undefined as T, error: error.message }));
      req.end(payload);
    });
  }

  close(): void {
    this.closed = true;
    this.agent.destroy();
  }
}
