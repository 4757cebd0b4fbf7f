import { refusedAddress, refusedWebhookUrl, type WebhookDestinationPolicy } from '@app/domain';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** The destination is one we never call: not the partner's fault, and retrying will not help. */
export class DestinationRefused extends Error {
  constructor(reason: string) {
    super(`destination refused: ${reason}`);
    this.name = 'DestinationRefused';
  }
}

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * A name lookup that fails unless every address the name resolves to is allowed. The connection is
 * made to the address checked here (Node connects to what lookup returns), so a name that answers
 * differently a moment later (DNS rebinding) cannot slip a private address in between check and use.
 */
function checkedLookup(policy: WebhookDestinationPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const trusted = policy.allowedHosts.includes(hostname.toLowerCase());
      for (const { address } of addresses) {
        const reason = trusted ? undefined : refusedAddress(address, policy);
        if (reason) return callback(new DestinationRefused(`${hostname} resolves to ${reason}`), '', 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * POSTs to a webhook URL with the destination checks applied: the URL itself, then every resolved
 * address. Redirects are not followed (a 3xx is a failed delivery), the connection is not pooled,
 * and at most 64 KiB of the answer is read.
 */
export function pinnedPost(
  target: URL,
  options: {
    headers: Record<string, string>;
    body: string;
    timeoutMs: number;
    policy: WebhookDestinationPolicy;
  },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  // Names are judged by what they resolve to, below, whatever they look like.
  const reason = refusedWebhookUrl(target.href, options.policy, true);
  if (reason) return Promise.reject(new DestinationRefused(reason));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
        lookup: checkedLookup(options.policy),
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
