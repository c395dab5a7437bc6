import { timingSafeEqual, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { IN_PROCESS_CLIENT } from '../http/client-address';

// Who may read /metrics. The figures tell an attacker how busy the service is and which operations
// exist, so by default only the machine itself may scrape them (a Prometheus agent on the host, or
// an operator's curl). With METRICS_TOKEN set, any address may, with `Authorization: Bearer <token>`.
// The client address is the one src/http/client-address.ts works out: behind a trusted proxy on
// loopback, the proxy's clients are not "local".

export interface MetricsAccess {
  /** Bearer token required; null: no token, loopback clients only. */
  token: string | null;
  /** Any address may scrape without a token (the separate METRICS_PORT listener without a token). */
  anyAddress?: boolean;
}

export type Refusal = { status: 401 | 403; message: string; headers?: Record<string, string> };

/** null when the scrape may go ahead; otherwise the answer to give. */
export function refuseScrape(access: MetricsAccess, authorization: string | null, client: string): Refusal | null {
  if (access.token !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) {
      return {
        status: 401,
        message: 'metrics need a bearer token (Authorization: Bearer <METRICS_TOKEN>)',
        headers: { 'www-authenticate': 'Bearer' },
      };
    }
    if (!sameSecret(match[1]!, access.token)) return { status: 403, message: 'the bearer token is not the metrics token' };
    return null;
  }
  if (access.anyAddress || isLoopback(client)) return null;
  return { status: 403, message: 'metrics are served to loopback clients only; set METRICS_TOKEN (or METRICS_PORT) to scrape from elsewhere' };
}

/** Loopback addresses, and requests that came through no socket at all (in-process calls). */
export function isLoopback(address: string): boolean {
  if (address === IN_PROCESS_CLIENT) return true;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

function sameSecret(given: string, expected: string): boolean {
  // Hashes have one length, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
