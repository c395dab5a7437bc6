// Publication dates as news portals write them: ISO 8601, RFC 2822 (RSS/WXR pubDate), "10-Sep-19",
// "Oktober 07, 2019", "Senin, 31 Juli 2019 10.15 WIB", "07/10/2019 14:30". Month names in
// Indonesian or English, full or abbreviated; day names are ignored; day before month when numeric
// (the Indonesian order). Without a zone the importer's default applies (WIB unless told otherwise).

const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  pebruari: 2,
  february: 2,
  feb: 2,
  peb: 2,
  maret: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  agustus: 8,
  august: 8,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nopember: 11,
  nov: 11,
  nop: 11,
  desember: 12,
  december: 12,
  des: 12,
  dec: 12,
};

const DAY_NAMES =
  /^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(r(s(day)?)?)?|fri(day)?|sat(urday)?|sun(day)?)\b[,.]?\s*/;

/** Indonesian time zones by name, in minutes east of UTC. */
const ZONES: Record<string, number> = { wib: 420, wita: 480, wit: 540, utc: 0, gmt: 0, z: 0 };

/** A zone name (WIB, WITA, WIT, UTC) or offset (+07:00, +0700); null when it is neither. */
export function parseZone(text: string): number | null {
  const zone = text.trim().toLowerCase();
  if (zone in ZONES) return ZONES[zone]!;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

const TIME = String.raw`(?:[,\s]+(?:pukul\s+|jam\s+|at\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?)?`;
const ZONE = String.raw`(?:\s*(wib|wita|wit|utc|gmt|z|[+-]\d{2}:?\d{2}))?`;

const PATTERNS: { regex: RegExp; parts: (m: RegExpExecArray) => { y: string; mo: string; d: string; t: number } }[] = [
  // 2019-10-07, 2019-10-07T10:15:00+07:00, 2019-10-07 10:15:00
  {
    regex: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?)?` + ZONE + '$'),
    parts: (m) => ({ y: m[1]!, mo: m[2]!, d: m[3]!, t: 4 }),
  },
  // 10-Sep-19, 31 Juli 2019, 07 Oct 2019 03:00:00 +0000
  {
    regex: new RegExp(String.raw`^(\d{1,2})[\s./-]+([a-z]+)\.?[\s./,-]+(\d{4}|\d{2})` + TIME + ZONE + '$'),
    parts: (m) => ({ y: m[3]!, mo: m[2]!, d: m[1]!, t: 4 }),
  },
  // Oktober 07, 2019
  {
    regex: new RegExp(String.raw`^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + TIME + ZONE + '$'),
    parts: (m) => ({ y: m[3]!, mo: m[1]!, d: m[2]!, t: 4 }),
  },
  // 07/10/2019, 7.10.2019
  {
    regex: new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})` + TIME + ZONE + '$'),
    parts: (m) => ({ y: m[3]!, mo: m[2]!, d: m[1]!, t: 4 }),
  },
];

function month(text: string): number | null {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= 1 && value <= 12 ? value : null;
  }
  return MONTHS[text] ?? null;
}

function year(text: string): number {
  if (text.length === 4) return Number(text);
  // Two-digit years: 00–69 are 20xx, 70–99 are 19xx (as strptime does).
  const value = Number(text);
  return value < 70 ? 2000 + value : 1900 + value;
}

export interface ParseDateOptions {
  /** Minutes east of UTC for dates without a zone (WIB: 420). */
  defaultOffsetMinutes: number;
  /** "HH:MM" or "HH.MM" from a separate column, used when the date has no time. */
  time?: string | null;
}

/** The instant, or null when the text is not a date in a known format (or not a real day). */
export function parseDate(input: string, options: ParseDateOptions): Date | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ').replace(DAY_NAMES, '');
  if (!text) return null;
  for (const { regex, parts } of PATTERNS) {
    const m = regex.exec(text);
    if (!m) continue;
    const p = parts(m);
    const y = year(p.y);
    const mo = month(p.mo);
    const d = Number(p.d);
    if (mo === null || y < 1900 || y > 2200) return null;
    let hour = m[p.t] !== undefined ? Number(m[p.t]) : 0;
    let minute = m[p.t + 1] !== undefined ? Number(m[p.t + 1]) : 0;
    const second = m[p.t + 2] !== undefined ? Number(m[p.t + 2]) : 0;
    if (m[p.t] === undefined && options.time) {
      const time = /^(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?$/.exec(options.time.trim());
      if (time) {
        hour = Number(time[1]);
        minute = Number(time[2]);
      }
    }
    const zone = m[p.t + 3] !== undefined ? parseZone(m[p.t + 3]!) : options.defaultOffsetMinutes;
    if (zone === null || hour > 23 || minute > 59 || second > 59) return null;
    const utc = Date.UTC(y, mo - 1, d, hour, minute, second);
    const check = new Date(utc);
    // Date.UTC rolls 31 February over into March; a real day maps back to itself.
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
    return new Date(utc - zone * 60_000);
  }
  return null;
}
