import type { Random } from './random';
import { WIB_OFFSET_HOURS } from '../common/time';

// Hourly view history for article_views_hourly. Attention to a news story peaks in the first hours
// after publication and decays, with a long tail; it also follows the readers' day (WIB, UTC+7),
// and varies by orders of magnitude between stories.

const HOUR_MS = 3_600_000;
export const VIEW_HISTORY_DAYS = 30;

/** Reading activity by hour of the day in WIB: quiet at night, peaks at lunch and in the evening. */
const DIURNAL: readonly number[] = [
  0.3, 0.2, 0.15, 0.15, 0.25, 0.5, 0.8, 1.0, 1.0, 1.05, 1.1, 1.15, 1.25, 1.2, 1.0, 0.95, 1.0, 1.05, 1.2, 1.35, 1.4, 1.3, 0.9, 0.55,
];
const MAX_DIURNAL = 1.4;
const MAX_NOISE = 1.25;

export interface ViewColumns {
  articleIds: number[];
  hours: string[];
  views: number[];
}

export function emptyViewColumns(): ViewColumns {
  return { articleIds: [], hours: [], views: [] };
}

/**
 * Share of the peak hourly audience `age` full hours after publication: a fast decay (the story
 * on the front page) plus a slow one (search, social shares, "Terpopuler" boxes).
 */
function decay(age: number): number {
  return 0.7 * Math.exp(-age / 4) + 0.3 * Math.exp(-age / 36);
}

/** Peak views per hour: power-law distributed, so trending has clear winners and a long tail. */
export function peakViews(rng: Random, appeal: number): number {
  return Math.min(40_000, 60 * appeal * rng.pareto(1.2));
}

/**
 * Appends the hours from publication up to the current hour (partial hours are scaled by how much
 * of them has passed), at most `maxRows` rows, stopping once the expected count drops below one.
 * Rows with zero views are skipped, as a real rollup would never write them.
 */
export function appendViewHistory(
  out: ViewColumns,
  articleId: number,
  publishedMs: number,
  peak: number,
  nowMs: number,
  maxRows: number,
  rng: Random,
): number {
  const firstHour = Math.floor(publishedMs / HOUR_MS) * HOUR_MS;
  const currentHour = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  let rows = 0;
  for (let hour = firstHour, age = 0; hour <= currentHour && age < maxRows; hour += HOUR_MS, age += 1) {
    const expected = peak * decay(age);
    if (expected * MAX_DIURNAL * MAX_NOISE < 0.5) break; // decay is monotonic: nothing later rounds up
    const covered = (Math.min(nowMs, hour + HOUR_MS) - Math.max(publishedMs, hour)) / HOUR_MS;
    const hourOfDay = (new Date(hour).getUTCHours() + WIB_OFFSET_HOURS) % 24;
    const exact = expected * (DIURNAL[hourOfDay] as number) * covered * rng.float(0.75, MAX_NOISE);
    // A story still being read has a view or two in the hour that has only just begun; rounding
    // those to zero would leave "trending in the last hour" empty for the first minutes of every hour.
    const views = covered < 1 && exact >= 0.1 ? Math.max(1, Math.round(exact)) : Math.round(exact);
    if (views <= 0) continue;
    out.articleIds.push(articleId);
    out.hours.push(new Date(hour).toISOString());
    out.views.push(views);
    rows += 1;
  }
  return rows;
}
