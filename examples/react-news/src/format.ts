// Dates as Indonesian portals print them, always in Jakarta time (WIB).

const dateFormat = new Intl.DateTimeFormat('id-ID', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Asia/Jakarta',
});
const timeFormat = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Jakarta' });
const relative = new Intl.RelativeTimeFormat('id-ID', { numeric: 'auto' });

/** "Selasa, 3 Desember 2024" */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "10.30 WIB" */
export function formatTime(iso: string): string {
  return `${timeFormat.format(new Date(iso))} WIB`;
}

/** "Selasa, 3 Desember 2024 | 10.30 WIB" */
export function formatDateLine(iso: string): string {
  return `${formatDate(iso)} | ${formatTime(iso)}`;
}

/** "2 jam yang lalu" for the last day, else the date. */
export function formatAgo(iso: string, now = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  if (minutes > -60) return relative.format(Math.min(minutes, -1), 'minute');
  if (minutes > -24 * 60) return relative.format(Math.round(minutes / 60), 'hour');
  return formatDate(iso);
}
