import { sql } from 'kysely';
import type { Db } from '../db/database';
import { visibleArticles } from '../content/articles';
import { isVisible } from '../content/visibility';

// SQL of views and trending: the rollup upsert, the article look-ups of the view endpoint, and the
// aggregation behind the trending lists (run in the background, never inside a reader's request).

export interface HourlyViews {
  articleId: number;
  /** Start of the UTC hour the views fall in. */
  hour: Date;
  views: number;
}

/**
 * Adds the counts to the hourly rollups in ONE statement, whatever the number of rows: the rows
 * travel as three arrays (three parameters), so there is no bind-parameter limit to split on.
 * Rows must be unique per (article, hour). Articles deleted since their views were counted are
 * skipped instead of failing the whole batch on the foreign key.
 */
export async function upsertHourlyViews(db: Db, rows: readonly HourlyViews[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql`
    insert into article_views_hourly (article_id, hour, views)
    select v.article_id, v.hour, v.views
    from unnest(
      ${sql.val(rows.map((r) => r.articleId))}::int[],
      ${sql.val(rows.map((r) => r.hour.toISOString()))}::timestamptz[],
      ${sql.val(rows.map((r) => r.views))}::bigint[]
    ) as v(article_id, hour, views)
    where exists (select 1 from articles a where a.id = v.article_id)
    on conflict (article_id, hour) do update set views = article_views_hourly.views + excluded.views`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Ids of the publicly visible articles among these slugs, in one statement. */
export async function findVisibleArticleIdsBySlugs(db: Db, slugs: readonly string[]): Promise<{ id: number; slug: string }[]> {
  if (slugs.length === 0) return [];
  return visibleArticles(db)
    .select(['articles.id', 'articles.slug'])
    .where('articles.slug', '=', sql<string>`any(${sql.val([...slugs])}::text[])`)
    .execute();
}

/** The publicly visible ones among these article ids, in one statement. */
export async function findVisibleArticleIds(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await visibleArticles(db)
    .select('articles.id')
    .where('articles.id', '=', sql<number>`any(${sql.val([...ids])}::int[])`)
    .execute();
  return rows.map((row) => row.id);
}

export interface TrendingWindowSpec {
  name: string;
  /** Views in hourly buckets starting at or after this instant count. */
  since: Date;
  halfLifeHours: number;
}

export interface TrendingRow {
  window_name: string;
  article_id: number;
  section_id: number;
  views: number;
  score: number;
  /** Rank across the whole site within the window. */
  site_rank: number;
  /** Rank within the article's section within the window. */
  section_rank: number;
}

/**
 * Every window at once, in one statement: views per article over each window, weighted by
 * 2^(-age / half-life) where age is the time from the start of the view's hour to `now`, ranked
 * for the whole site and for each section. Only articles visible at `now` take part; only the top
 * `limit` of each list come back. Ties: score, then views, then the newer article, then the higher id.
 *
 * The rollups are read once, grouped by article with one filtered sum per window; articles are
 * joined only to those per-article totals, which keeps a 30-day scan over millions of rows cheap.
 */
export async function computeTrendingRows(
  db: Db,
  options: { now: Date; windows: readonly TrendingWindowSpec[]; limit: number },
): Promise<TrendingRow[]> {
  const { now, windows, limit } = options;
  if (windows.length === 0 || limit <= 0) return [];
  const earliest = new Date(Math.min(...windows.map((w) => w.since.getTime())));
  const nowParam = sql<Date>`${now.toISOString()}::timestamptz`;
  // Column names are generated from the window's position, never from input.
  const sums = windows.map((w, i) => {
    const since = sql`${w.since.toISOString()}::timestamptz`;
    return sql`sum(v.views) filter (where v.hour >= ${since}) as ${sql.raw(`views_${i}`)},
      sum(v.views * power(0.5::float8, v.age_hours / ${w.halfLifeHours}::float8)) filter (where v.hour >= ${since}) as ${sql.raw(`score_${i}`)}`;
  });
  const unpivot = windows.map((w, i) => sql`(${w.name}::text, p.${sql.raw(`views_${i}`)}, p.${sql.raw(`score_${i}`)})`);
  const result = await sql<TrendingRow>`
    with per_article as (
      select v.article_id, ${sql.join(sums)}
      from (
        select article_id, hour, views,
               greatest(0::float8, extract(epoch from (${nowParam} - hour))::float8 / 3600) as age_hours
        from article_views_hourly
        where hour >= ${earliest.toISOString()}::timestamptz and hour <= ${nowParam}
      ) v
      group by v.article_id
    ),
    per_window as (
      select w.window_name, p.article_id, a.section_id, a.published_at, w.views::bigint as views, w.score
      from per_article p
      join articles a on a.id = p.article_id
      cross join lateral (values ${sql.join(unpivot)}) as w(window_name, views, score)
      where ${isVisible('a', nowParam)}
        and w.views > 0
    ),
    ranked as (
      select *,
        row_number() over (partition by window_name order by score desc, views desc, published_at desc, article_id desc) as site_rank,
        row_number() over (partition by window_name, section_id order by score desc, views desc, published_at desc, article_id desc) as section_rank
      from per_window
    )
    select window_name, article_id, section_id, views, score, site_rank, section_rank
    from ranked
    where site_rank <= ${limit} or section_rank <= ${limit}
    order by window_name, site_rank`.execute(db);
  return result.rows.map((row) => ({
    ...row,
    views: Number(row.views),
    score: Number(row.score),
    site_rank: Number(row.site_rank),
    section_rank: Number(row.section_rank),
  }));
}

/** A lock key of Kabar's own (pg advisory locks share one key space per database). */
const VIEW_RETENTION_LOCK = 0x6b616276; // "kabv"

/**
 * Deletes hourly view rows older than `before`, at most `batchSize` rows a statement, until none is
 * left; returns how many went. The rollup would otherwise grow by up to one row per article and
 * hour forever. Under a transaction-level advisory lock, so with several Kabar processes one
 * prunes and the others skip the run (they return 0 at once).
 */
export async function pruneHourlyViews(db: Db, before: Date, batchSize: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const removed = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${VIEW_RETENTION_LOCK}) as locked`.execute(trx);
      if (!rows[0]?.locked) return null;
      const result = await sql`
        delete from article_views_hourly
        where ctid = any(array(select ctid from article_views_hourly where hour < ${before} limit ${batchSize}))`.execute(trx);
      return Number(result.numAffectedRows ?? 0);
    });
    if (removed === null) return deleted;
    deleted += removed;
    if (removed < batchSize) return deleted;
  }
}
