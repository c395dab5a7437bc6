// Western Indonesia Time (WIB) is UTC+7 all year (no daylight saving), so the newsroom converts
// explicitly instead of trusting the browser's own time zone.

const WIB_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-02T07:30" (a datetime-local value read as WIB) → an ISO instant, or null when incomplete. */
export function wibLocalToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - WIB_OFFSET_MS;
  return new Date(utc).toISOString();
}

/** An instant → its WIB wall-clock time as a datetime-local value ("2026-12-02T07:30"). */
export function isoToWibLocal(iso: string | Date): string {
  const wib = new Date(new Date(iso).getTime() + WIB_OFFSET_MS);
  return `${wib.getUTCFullYear()}-${pad(wib.getUTCMonth() + 1)}-${pad(wib.getUTCDate())}T${pad(wib.getUTCHours())}:${pad(wib.getUTCMinutes())}`;
}

/** "2 Des 2026 07.30 WIB" */
export function formatWib(iso: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
  const wib = new Date(new Date(iso).getTime() + WIB_OFFSET_MS);
  return `${wib.getUTCDate()} ${months[wib.getUTCMonth()]} ${wib.getUTCFullYear()} ${pad(wib.getUTCHours())}.${pad(wib.getUTCMinutes())} WIB`;
}

/** "07.30.12 WIB" for the autosave line. */
export function formatWibClock(date: Date): string {
  const wib = new Date(date.getTime() + WIB_OFFSET_MS);
  return `${pad(wib.getUTCHours())}.${pad(wib.getUTCMinutes())}.${pad(wib.getUTCSeconds())} WIB`;
}
