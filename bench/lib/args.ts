// Command-line options of the stand-alone load scripts (bench/feeds.ts, bench/views.ts), which
// take "--name value" pairs and only ever load this machine.

export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

export function boundedInt(name: string, fallback: number, max: number): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
  return value;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]', '::1'];

/** --url without its trailing slash; the machine is shared, so a load test only targets loopback. */
export function loopbackBaseUrl(fallback = 'http://127.0.0.1:4000'): string {
  const base = option('url', fallback).replace(/\/$/, '');
  const host = new URL(base).hostname;
  if (!LOOPBACK_HOSTS.includes(host)) throw new Error(`--url must point at this machine (loopback); got ${host}`);
  return base;
}
