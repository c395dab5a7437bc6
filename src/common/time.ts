// Indonesian newsrooms date everything in WIB (Western Indonesia Time, UTC+7, no daylight saving),
// so a fixed offset is exact; URLs, sitemaps, month boundaries and the demo data all use it.

export const WIB_TIME_ZONE = 'Asia/Jakarta';
export const WIB_OFFSET_HOURS = 7;
export const WIB_OFFSET_MINUTES = WIB_OFFSET_HOURS * 60;
export const WIB_OFFSET_MS = WIB_OFFSET_MINUTES * 60 * 1000;

/** The WIB wall-clock time of `date`, as a Date whose UTC fields read as WIB. */
export function toWibWallClock(date: Date): Date {
  return new Date(date.getTime() + WIB_OFFSET_MS);
}

/** W3C date-time with the WIB offset, for sitemaps: "2026-11-25T10:00:00+07:00". */
export function w3cWib(date: Date): string {
  return `${toWibWallClock(date).toISOString().slice(0, 19)}+07:00`;
}

/** The instants bounding a calendar month in WIB: [start, end). `month` is 1 to 12. */
export function wibMonthRange(year: number, month: number): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(year, month - 1, 1) - WIB_OFFSET_MS),
    end: new Date(Date.UTC(year, month, 1) - WIB_OFFSET_MS),
  };
}
