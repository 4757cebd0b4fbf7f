import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DestinationRefused, pinnedPost } from './pinned-post.js';

describe('pinnedPost: webhook requests that cannot be turned against us', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/moved') res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"couponCode":"C-1"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => hits.splice(0));

  const post = (url: string, allowedHosts: string[] = []) =>
    pinnedPost(new URL(url), {
      headers: { 'content-type': 'application/json' },
      body: '{}',
      timeoutMs: 2_000,
      policy: { allowedHosts, httpsOnly: false },
    });

  it('refuses a name that resolves to a loopback address, without connecting', async () => {
    const refused = post(`http://localhost:${port}/hook`);
    await expect(refused).rejects.toBeInstanceOf(DestinationRefused);
    await expect(refused).rejects.toThrow(
      /^destination refused: localhost resolves to (127\.0\.0\.1|::1) \(loopback\)$/,
    );
    expect(hits).toEqual([]);
  });

  it('refuses a literal private address in any spelling', async () => {
    for (const host of ['127.0.0.1', '0x7f000001', '2130706433', '127.1', '[::ffff:127.0.0.1]'])
      await expect(post(`http://${host}:${port}/hook`)).rejects.toBeInstanceOf(DestinationRefused);
    expect(hits).toEqual([]);
  });

  it('reaches an allowed intranet address, and does not follow a redirect', async () => {
    expect(await post(`http://127.0.0.1:${port}/hook`, ['127.0.0.1'])).toMatchObject({
      status: 200,
      body: '{"couponCode":"C-1"}',
    });
    expect(await post(`http://localhost:${port}/hook`, ['localhost'])).toMatchObject({ status: 200 });
    expect(await post(`http://127.0.0.1:${port}/moved`, ['127.0.0.1'])).toMatchObject({ status: 302 });
    expect(hits).toEqual(['/hook', '/hook', '/moved']);
  });
});
