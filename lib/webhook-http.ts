/**
 * The HTTP side of webhooks, with no domain knowledge: which URLs a subscription may name (the SSRF
 * rules), the per-subscription signing key, and one signed POST that follows no redirect, is bounded
 * in time, reads at most a small part of the answer and connects only to an address the rules allow.
 */
import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface UrlPolicy {
  allowedHosts: readonly string[];
  production: boolean;
  maxUrlLength: number;
}

/** How a host matched the allow-list: `exact` entries also allow private addresses and (in production) http. */
export type HostMatch = 'exact' | 'wildcard' | null;

export function matchHost(host: string, allowed: readonly string[]): HostMatch {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (allowed.includes(h)) return 'exact';
  for (const a of allowed) if (a.startsWith('*.') && h.endsWith(a.slice(1)) && h.length > a.length - 1) return 'wildcard';
  return null;
}

/** The reason a URL is refused, or null when a subscription may name it. */
export function urlProblem(raw: string, p: UrlPolicy): string | null {
  if (raw.length > p.maxUrlLength) return `url is longer than ${p.maxUrlLength} characters (WEBHOOK_MAX_URL_LENGTH)`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'url is not an absolute URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'url must be http(s)';
  if (u.username || u.password) return 'url must not carry credentials';
  if (u.hash) return 'url must not have a fragment';
  const match = matchHost(u.hostname, p.allowedHosts);
  if (!match) return `the host ${u.hostname} is not in WEBHOOK_ALLOWED_HOSTS${p.allowedHosts.length ? '' : ' (none are allowed: the operator must list receivers)'}`;
  if (p.production && u.protocol !== 'https:' && match !== 'exact') return 'url must be https in production (http only for a host WEBHOOK_ALLOWED_HOSTS names exactly)';
  const literal = u.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(literal) && blocked(literal, match === 'exact')) return `the address ${literal} may not receive webhooks`;
  return null;
}

// Never: unspecified, link-local (cloud metadata at 169.254.169.254), multicast, broadcast.
const NEVER = new net.BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 3, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');
// Only for a host the operator named exactly: loopback and private networks.
const PRIVATE = new net.BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

function blocked(ip: string, allowPrivate: boolean): boolean {
  const family = net.isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  // An IPv4-mapped IPv6 address is checked as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return blocked(mapped[1]!, allowPrivate);
  if (NEVER.check(ip, family)) return true;
  return !allowPrivate && PRIVATE.check(ip, family);
}

/**
 * A DNS lookup that refuses forbidden addresses. Given to the request itself, so the address checked
 * is the address connected to (a name re-resolved between a check and the connect could rebind).
 */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return (callback as (e: Error) => void)(err);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => blocked(a.address, allowPrivate));
      if (bad || list.length === 0) return (callback as (e: Error) => void)(new Error(`${hostname} resolves to ${bad?.address ?? 'nothing'}, which may not receive webhooks`));
      if ((options as dns.LookupOptions).all) (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      else (callback as (e: null, a: string, f: number) => void)(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** The signing secret of a subscription: derived, never stored, shown to its creator once. */
export function subscriptionSecret(serverSecret: string, subscriptionId: string): string {
  return `whsec_${createHmac('sha256', serverSecret).update(`regkg-webhook:${subscriptionId}`).digest('base64url')}`;
}

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"): the timestamp is signed so a capture cannot be replayed later. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface PostResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Bytes of the receiver's answer read at most (for the log); the rest is discarded unread. */
const ANSWER_CAP = 1024;

/** One POST; never throws. A 3xx is a failure: redirects are not followed (they could point anywhere). */
export function postSigned(url: string, body: string, headers: Record<string, string>, o: { timeoutMs: number; allowedHosts: readonly string[] }): Promise<PostResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ statusCode, error, durationMs: Date.now() - started });
    };
    const u = new URL(url);
    const allowPrivate = matchHost(u.hostname, o.allowedHosts) === 'exact';
    const literal = u.hostname.replace(/^\[|\]$/g, '');
    if (!matchHost(u.hostname, o.allowedHosts)) return finish(null, `host ${u.hostname} is no longer in WEBHOOK_ALLOWED_HOSTS`);
    if (net.isIP(literal) && blocked(literal, allowPrivate)) return finish(null, `address ${literal} may not receive webhooks`);
    const req = (u.protocol === 'https:' ? https : http).request(u, {
      method: 'POST',
      agent: false,
      lookup: guardedLookup(allowPrivate),
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'regkg-webhooks/1', ...headers },
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${o.timeoutMs} ms`));
    }, o.timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > ANSWER_CAP) res.destroy();
      });
      const end = () => finish(status, status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? `redirect to ${String(res.headers.location ?? '?').slice(0, 200)} not followed` : `HTTP ${status}`);
      res.on('end', end);
      res.on('close', end);
      res.on('error', end);
    });
    req.on('error', (err) => finish(null, err.message.slice(0, 300)));
    req.end(body);
  });
}
