import { KABAR_URL } from './config';

/**
 * Counts one page view at Kabar. sendBeacon posts a string as text/plain, a "simple" request that
 * needs no CORS preflight and survives the reader leaving the page; fetch with keepalive is the
 * fallback where beacons are unavailable or refused.
 */
export function sendViewBeacon(slug: string): void {
  const url = `${KABAR_URL}/views`;
  const body = JSON.stringify({ slug });
  if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, body)) return;
  void fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } }).catch(() => undefined);
}
