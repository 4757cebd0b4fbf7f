import { refusedAddress, refusedWebhookUrl } from './webhook-destination.js';

const open = { allowedHosts: [], httpsOnly: false };
const production = { allowedHosts: [], httpsOnly: true };

describe('webhook URLs, word for word', () => {
  it.each([
    ['nonsense', open, 'not a URL'],
    ['ftp://partner.example/hook', open, 'webhooks must use http or https'],
    ['http://partner.example/hook', production, 'webhooks must use https'],
    ['https://user@partner.example/hook', open, 'credentials in a webhook URL are refused'],
    ['https://:secret@partner.example/hook', open, 'credentials in a webhook URL are refused'],
    ['https://localhost/hook', open, 'localhost is a loopback name'],
    ['https://api.localhost./hook', open, 'api.localhost. is a loopback name'],
    ['https://[::1]/hook', open, 'the address ::1 (loopback) is not reachable from outside'],
    ['https://10.0.0.5/hook', open, 'the address 10.0.0.5 (private) is not reachable from outside'],
  ])('%s is refused: %s', (url, policy, why) => {
    expect(refusedWebhookUrl(url, policy)).toBe(why);
  });

  it('accepts public hosts, and allowed hosts by name or bracketed address', () => {
    expect(refusedWebhookUrl('http://partner.example/hook', open)).toBeUndefined();
    expect(refusedWebhookUrl('https://localhost/hook', open, true)).toBeUndefined();
    expect(
      refusedWebhookUrl('https://localhost/hook', { ...open, allowedHosts: ['localhost'] }),
    ).toBeUndefined();
    expect(
      refusedWebhookUrl('https://intranet.local/hook', { ...open, allowedHosts: ['intranet.local'] }),
    ).toBeUndefined();
    expect(
      refusedWebhookUrl('https://[fd00::1]/hook', { ...open, allowedHosts: ['fd00::1'] }),
    ).toBeUndefined();
  });
});

describe('addresses', () => {
  it('refuses what is not an address, naming it', () => {
    expect(refusedAddress('999.1.1.1', open)).toBe('999.1.1.1 is not an IP address');
  });

  it('judges an IPv4-mapped address as the IPv4 address it carries, against IPv4 and mapped ranges', () => {
    expect(refusedAddress('::ffff:10.1.2.3', open)).toBe('::ffff:10.1.2.3 (private)');
    expect(refusedAddress('::ffff:10.1.2.3', { ...open, allowedHosts: ['10.1.0.0/16'] })).toBeUndefined();
    expect(refusedAddress('10.1.2.3', { ...open, allowedHosts: ['::ffff:10.1.0.0/112'] })).toBeUndefined();
    expect(refusedAddress('10.2.2.3', { ...open, allowedHosts: ['::ffff:10.1.0.0/112'] })).toBe(
      '10.2.2.3 (private)',
    );
  });

  it('never lets an IPv6 range allow an IPv4 address or the reverse', () => {
    expect(refusedAddress('fd00::1', { ...open, allowedHosts: ['10.0.0.0/8'] })).toBe(
      'fd00::1 (uniqueLocal)',
    );
    expect(refusedAddress('10.0.0.1', { ...open, allowedHosts: ['fd00::/8'] })).toBe('10.0.0.1 (private)');
    expect(refusedAddress('10.0.0.1', { ...open, allowedHosts: ['10.0.0.1'] })).toBeUndefined();
    expect(refusedAddress('10.2.2.3', { ...open, allowedHosts: ['10.1.0.0/16'] })).toBe('10.2.2.3 (private)');
    expect(refusedAddress('fd00::1', { ...open, allowedHosts: ['fd00::1'] })).toBeUndefined();
  });
});
