// Date formats of the syndication standards. All are computed from stored timestamps only.

/** RFC 822 (as profiled by RFC 1123), for RSS: "Wed, 25 Nov 2026 03:00:00 GMT". */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 in UTC, for Atom, JSON Feed and ninjs: "2026-11-25T03:00:00Z" (milliseconds only when present). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
