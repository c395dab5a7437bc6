import { createHmac, timingSafeEqual } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

// One HTTP attempt of a webhook delivery: a signed POST with a timeout, and what came of it.
//
// Signature (operations/editorial/README.md): X-Kabar-Signature: t=<unix seconds>,v1=<hex
// HMAC-SHA256 of "<t>.<raw body>" keyed with the webhook's secret>. The timestamp lets receivers
// refuse replays of old deliveries; X-Kabar-Delivery (the same on every retry) lets them drop
// duplicates.
//
// Server-side request forgery: an admin chooses the URL, but a URL can point into the network Kabar
// runs in (a metadata service, a database's HTTP port). Unless private addresses are allowed
// (WEBHOOK_ALLOW_PRIVATE_ADDRESSES; by default only outside production), a literal private address
// is refused before connecting, and a host name is resolved by a lookup that refuses it when any of
// its addresses is private. That lookup is the one the socket connects with, so a name that
// resolves differently the second time (DNS rebinding) gains nothing. Redirects are not followed.

export const USER_AGENT = 'Kabar-Webhooks/1';

export function signPayload(secret: string, body: string, timestamp: number): string {
  const hex = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${hex}`;
}

/** Checks a signature header as a receiver would (for tests and for Node receivers that import Kabar's code). */
export function verifySignature(secret: string, body: string, header: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

const PRIVATE_RANGES = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local, shared, multicast or unspecified: not a place for a webhook. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return PRIVATE_RANGES.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE_RANGES.check(mapped[1]!, 'ipv4');
  return PRIVATE_RANGES.check(address, 'ipv6');
}

export class RefusedAddressError extends Error {}

const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new RefusedAddressError(`${hostname} resolves to the private address ${refused.address}`), '', 0);
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

export interface SendOptions {
  timeoutMs: number;
  allowPrivateAddresses: boolean;
}

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed (null on success): a status with the start of the answer, a timeout, a network error. */
  error: string | null;
  durationMs: number;
}

const SNIPPET_BYTES = 512;

/** POSTs `body` to `target` once; never throws. */
export function sendWebhook(target: string, body: string, headers: Record<string, string>, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendResult => ({
    ok: error === null,
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return Promise.resolve(done(null, `not a URL: ${target}`));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.resolve(done(null, `unsupported scheme ${url.protocol}`));
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivateAddresses && isPrivateAddress(literal)) {
    return Promise.resolve(done(null, `refused: ${url.hostname} is a private address (WEBHOOK_ALLOW_PRIVATE_ADDRESSES is off)`));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const signal = AbortSignal.timeout(options.timeoutMs);
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
        agent: false,
        lookup: options.allowPrivateAddresses ? undefined : guardedLookup,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          // The status is the answer; whatever body follows is not waited for.
          settle(done(status, null));
          response.resume();
          return;
        }
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < SNIPPET_BYTES) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        response.on('error', () => settle(done(status, failure(status, chunks, signal))));
        response.on('end', () => settle(done(status, failure(status, chunks, signal))));
      },
    );
    request.on('error', (error) => {
      if (signal.aborted) return settle(done(null, `timed out after ${options.timeoutMs} ms`));
      if (error instanceof RefusedAddressError) return settle(done(null, `refused: ${error.message} (WEBHOOK_ALLOW_PRIVATE_ADDRESSES is off)`));
      settle(done(null, `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${error.message}`));
    });
    request.end(body);
  });
}

function failure(status: number, chunks: Buffer[], signal: AbortSignal): string {
  if (signal.aborted) return `HTTP ${status}, then timed out while reading the answer`;
  const text = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();
  return `HTTP ${status}${text ? `: ${text}` : ''}`;
}
