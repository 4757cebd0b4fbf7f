import ipaddr from 'ipaddr.js';

/**
 * Where partner webhooks may go. The API checks a URL when it is registered, the worker checks every
 * address a name resolves to just before it connects: private, loopback, link-local (cloud metadata
 * at 169.254.169.254), carrier-grade NAT, multicast, unspecified and reserved destinations are refused
 * unless the operator allows them (an intranet partner), so a webhook cannot reach our own services.
 */
export interface WebhookDestinationPolicy {
  /** Lower-case host names, addresses and CIDRs that are allowed although private. */
  allowedHosts: string[];
  /** Production: https only. */
  httpsOnly: boolean;
}

const LOOPBACK_NAME = /(^|\.)localhost\.?$/;

function allowedByList(address: ipaddr.IPv4 | ipaddr.IPv6, allowedHosts: string[]): boolean {
  return allowedHosts.some((entry) => {
    const cidr = ipaddr.isValidCIDR(entry)
      ? ipaddr.parseCIDR(entry)
      : ipaddr.isValid(entry)
        ? ([ipaddr.parse(entry), ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128] as const)
        : undefined;
    if (!cidr) return false;
    const [range, bits] = cidr;
    const net = range.kind() === 'ipv6' ? ipaddr.process(range.toString()) : range;
    const width = range.kind() === 'ipv6' && net.kind() === 'ipv4' ? bits - 96 : bits;
    return net.kind() === address.kind() && address.match(net as never, width);
  });
}

/** Why a connection to this IP address is refused, or undefined when it may be made. */
export function refusedAddress(address: string, policy: WebhookDestinationPolicy): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 address it carries.
  const parsed = ipaddr.process(address);
  if (allowedByList(parsed, policy.allowedHosts)) return undefined;
  const range = parsed.range();
  return range === 'unicast' ? undefined : `${address} (${range})`;
}

/**
 * Why a webhook URL is refused, or undefined when it may be used. A literal address is judged here;
 * a name is judged by the addresses it resolves to when delivering (they may change), and, unless
 * `namesResolvedLater`, by its face too (localhost and *.localhost are loopback names).
 */
export function refusedWebhookUrl(
  value: string,
  policy: WebhookDestinationPolicy,
  namesResolvedLater = false,
): string | undefined {
  const url = URL.parse(value);
  if (!url) return 'not a URL';
  if (url.protocol !== 'https:' && (policy.httpsOnly || url.protocol !== 'http:'))
    return policy.httpsOnly ? 'webhooks must use https' : 'webhooks must use http or https';
  if (url.username || url.password) return 'credentials in a webhook URL are refused';
  // The WHATWG parser has already normalised 0x7f000001, 2130706433 and 127.1 to 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (policy.allowedHosts.includes(host)) return undefined;
  if (ipaddr.isValid(host)) {
    const refused = refusedAddress(host, policy);
    return refused && `the address ${refused} is not reachable from outside`;
  }
  if (!namesResolvedLater && LOOPBACK_NAME.test(host)) return `${host} is a loopback name`;
  return undefined;
}
