import type { ArticleStatus } from '../db/types';
import type { Random } from './random';

// Decides, before any text is generated, which article gets which status and when it was written.
// Both are functions of the article's index, so articles can be generated chunk by chunk in id
// order with bounded memory and still form one coherent 60-day archive.

export const ARCHIVE_DAYS = 60;
const DAY_MS = 86_400_000;
/** The newest article is at least this old, so "published" never means "a moment from now". */
const MIN_AGE_MS = 60_000;
/**
 * Ages are spread as q^1.3 over the archive (q uniform), which puts roughly 2.5 times as many
 * articles in the last day as in the 60th: newsrooms publish more than their archive suggests,
 * and it gives trending and "latest" pages plenty of fresh material.
 */
const RECENCY_SKEW = 1.3;

const STATUS_CODES: readonly ArticleStatus[] = ['published', 'scheduled', 'draft', 'archived'];

export interface StatusPlan {
  statusOf(index: number): ArticleStatus;
  counts: Record<ArticleStatus, number>;
}

/**
 * Exact counts rather than a per-article coin flip: 320 articles must reliably yield 300 visible
 * ones, and the shares hold at every size. Scheduled and draft articles were written recently;
 * archived ones are old.
 */
export function planStatuses(count: number, rng: Random): StatusPlan {
  const codes = new Uint8Array(count); // 0 = published
  const counts: Record<ArticleStatus, number> = {
    published: count,
    scheduled: Math.floor(count * 0.03),
    draft: Math.floor(count * 0.025),
    archived: Math.floor(count * 0.008),
  };
  const assign = (code: number, wanted: number, from: number, to: number) => {
    const lo = Math.floor(from * count);
    const hi = Math.max(lo + 1, Math.floor(to * count));
    let placed = 0;
    for (let guard = 0; placed < wanted && guard < wanted * 50; guard += 1) {
      const index = rng.int(lo, hi - 1);
      if (codes[index] !== 0) continue;
      codes[index] = code;
      placed += 1;
    }
    counts[STATUS_CODES[code] as ArticleStatus] = placed;
    counts.published -= placed;
  };
  assign(1, counts.scheduled, 0.8, 1);
  assign(2, counts.draft, 0.5, 1);
  assign(3, counts.archived, 0, 0.6);
  return {
    statusOf: (index) => STATUS_CODES[codes[index] ?? 0] as ArticleStatus,
    counts,
  };
}

/**
 * The moment article `index` (0 = oldest) was published, or for drafts and scheduled articles,
 * written. Each index owns its own slice of the archive, so times rise with the index and ids
 * are chronological, as they are in a real CMS.
 */
export function articleTimeMs(index: number, count: number, nowMs: number, rng: Random): number {
  const q = (count - index - 1 + rng.next()) / count;
  const age = MIN_AGE_MS + (ARCHIVE_DAYS * DAY_MS - MIN_AGE_MS) * Math.pow(q, RECENCY_SKEW);
  return Math.round(nowMs - age);
}

/** Upper bound on the number of articles published in the last `days` days. */
export function articlesWithinDays(days: number, count: number): number {
  return Math.ceil(count * Math.pow(days / ARCHIVE_DAYS, 1 / RECENCY_SKEW)) + 1;
}
