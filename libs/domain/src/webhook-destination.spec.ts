import { refusedAddress, refusedWebhookUrl } from './webhook-destination.js';

const open = { allowedHosts: [], httpsOnly: false };

describe('webhook destinations', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost:6379/',
    'http://LOCALHOST./',
    'http://api.localhost/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:5432/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://017700000001/',
    'http://127.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://[::]/',
    'http://[fc00::1]/',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:169.254.169.254]/',
    'ftp://partner.example.com/',
    'http://user:pass@partner.example.com/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(refusedWebhookUrl(url, open)).toEqual(expect.any(String));
  });

  it.each(['http://partner.example.com/hook', 'https://8.8.8.8/x', 'https://[2001:4860::8888]/'])(
    'accepts %s',
    (url) => {
      expect(refusedWebhookUrl(url, open)).toBeUndefined();
    },
  );

  it('names the kind of address refused', () => {
    expect(refusedWebhookUrl('http://0x7f000001/', open)).toBe(
      'the address 127.0.0.1 (loopback) is not reachable from outside',
    );
    expect(refusedAddress('::ffff:a9fe:a9fe', open)).toBe('::ffff:a9fe:a9fe (linkLocal)');
    expect(refusedAddress('100.100.100.200', open)).toBe('100.100.100.200 (carrierGradeNat)');
  });

  it('requires https in production', () => {
    const production = { allowedHosts: [], httpsOnly: true };
    expect(refusedWebhookUrl('http://partner.example.com/', production)).toBe('webhooks must use https');
    expect(refusedWebhookUrl('https://partner.example.com/', production)).toBeUndefined();
  });

  it('lets an operator allow intranet hosts, addresses and ranges', () => {
    const intranet = { allowedHosts: ['hooks.intranet', '10.20.0.0/16', '127.0.0.1'], httpsOnly: false };
    expect(refusedWebhookUrl('http://hooks.intranet/x', intranet)).toBeUndefined();
    expect(refusedWebhookUrl('http://10.20.3.4/x', intranet)).toBeUndefined();
    expect(refusedWebhookUrl('http://10.21.3.4/x', intranet)).toMatch('10.21.3.4 (private)');
    expect(refusedWebhookUrl('http://127.0.0.1:9/x', intranet)).toBeUndefined();
    expect(refusedAddress('::ffff:127.0.0.1', intranet)).toBeUndefined();
    expect(refusedAddress('127.0.0.2', intranet)).toBe('127.0.0.2 (loopback)');
  });
});
