import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';
import { DATE_COLUMNS, SUMMARY_COLUMNS, visibleArticles, wholeArticle, type ArticleRecord, type ArticleSummary } from './articles';
import { compiler, preparedListByLimit, preparedRow, reviveDates, slot, type PreparedRead, type Reader } from '../db/prepared';

// Artikel Terkait. Editors' picks come first, in their order; then stored automatic candidates.
//
// Score of a candidate c for an article t (computed when t is published or edited, and again
// hourly while t is recent, so follow-up stories join its list):
//   Σ over shared tags of ln(1 + N / df(tag))     rarer tags weigh more (N: tagged articles)
// + 0.75 if c is in t's section
// + 2.0 × trigram similarity of the titles        (pg_trgm, 0…1)
// + 1.0 × 0.5 ^ (|published(c) − published(t)| / 7 days)   closeness in time, half-life 7 days
// Ties go to the newer candidate, then the higher id, so the list is deterministic.
//
// Candidates: for each tag of t, the 100 newest articles with that tag published up to 7 days after
// t, and the 30 newest of t's section in that range (index range scans, never a whole tag). Only
// the best 40 by the cheaper terms get the title-similarity term (at most 2.0: a candidate outside
// that shortlist could still overtake, which we accept for a 5× cheaper refresh).

export const STORED_RELATED_PER_ARTICLE = 20;
/** Candidates per article that get the (costly) title-similarity term; the rest cannot reach the top 20. */
const SHORTLIST = 40;
const RECENT_REFRESH = { publishedWithin: '3 days', olderThan: '1 hour' };

export interface RelatedCandidate {
  article_id: number;
  rank: number;
  related_article_id: number;
  score: number;
}

/** Scores candidates for the given articles without storing them (used to refresh, and to compare designs). */
export async function scoreRelatedCandidates(db: Db, articleIds: readonly number[]): Promise<RelatedCandidate[]> {
  if (articleIds.length === 0) return [];
  const ids = sql.val([...articleIds]);
  const { rows } = await sql<RelatedCandidate>`
    with targets as (
      select id, section_id, published_at, title from articles
      where id = any(${ids}::int[]) and published_at is not null
    ),
    target_tags as (
      select article_id, tag_id from article_tags where article_id = any(${ids}::int[])
    ),
    tag_idf as (
      select tag_id, ln(1 + (select count(distinct article_id) from article_tags)::float8 / count(*)) as idf
      from article_tags where tag_id in (select tag_id from target_tags) group by tag_id
    ),
    tag_candidates as (
      select t.id as article_id, c.article_id as candidate_id, sum(i.idf) as tag_score
      from targets t
      join target_tags tt on tt.article_id = t.id
      join tag_idf i on i.tag_id = tt.tag_id
      cross join lateral (
        select ct.article_id from article_tags ct
        where ct.tag_id = tt.tag_id and ct.article_id <> t.id
          and ct.published_at <= t.published_at + interval '7 days'
        order by ct.published_at desc
        limit 100
      ) c
      group by t.id, c.article_id
    ),
    section_candidates as (
      select t.id as article_id, c.id as candidate_id
      from targets t
      cross join lateral (
        select a.id from articles a
        where a.section_id = t.section_id and a.status in ('published', 'scheduled') and a.id <> t.id
          and a.published_at <= t.published_at + interval '7 days'
        order by a.published_at desc, a.id desc
        limit 30
      ) c
    ),
    candidates as (
      select article_id, candidate_id, max(tag_score) as tag_score from (
        select article_id, candidate_id, tag_score from tag_candidates
        union all
        select article_id, candidate_id, 0 from section_candidates
      ) both_kinds
      group by article_id, candidate_id
    ),
    base_scored as (
      select c.article_id, c.candidate_id, a.published_at, a.title,
        ( c.tag_score
        + case when a.section_id = t.section_id then 0.75 else 0 end
        + power(0.5, abs(extract(epoch from a.published_at - t.published_at)) / 604800.0)
        ) as base_score,
        row_number() over (
          partition by c.article_id
          order by c.tag_score + case when a.section_id = t.section_id then 0.75 else 0 end
                 + power(0.5, abs(extract(epoch from a.published_at - t.published_at)) / 604800.0) desc,
                   a.published_at desc, c.candidate_id desc
        ) as shortlist_rank
      from candidates c
      join targets t on t.id = c.article_id
      join articles a on a.id = c.candidate_id
      where a.status in ('published', 'scheduled')
    ),
    -- Trigram similarity is the costly term: only the shortlist by the other terms gets it.
    scored as (
      select b.article_id, b.candidate_id, b.published_at,
        (b.base_score + 2.0 * similarity(b.title, t.title))::real as score
      from base_scored b
      join targets t on t.id = b.article_id
      where b.shortlist_rank <= ${SHORTLIST}
    ),
    ranked as (
      select article_id, candidate_id, score,
        row_number() over (partition by article_id order by score desc, published_at desc, candidate_id desc) as rank
      from scored
    )
    select article_id, rank::int, candidate_id as related_article_id, score
    from ranked where rank <= ${STORED_RELATED_PER_ARTICLE}
    order by article_id, rank`.execute(db);
  return rows;
}

/** Recomputes and stores the related lists of these articles, atomically per batch. */
export async function refreshRelatedArticles(db: Db, articleIds: readonly number[]): Promise<void> {
  if (articleIds.length === 0) return;
  const candidates = await scoreRelatedCandidates(db, articleIds);
  await db.transaction().execute(async (trx) => {
    const ids = sql<number>`any(${sql.val([...articleIds])}::int[])`;
    await trx.deleteFrom('article_related').where('article_id', '=', ids).execute();
    for (let i = 0; i < candidates.length; i += 5000) {
      await trx.insertInto('article_related').values(candidates.slice(i, i + 5000)).execute();
    }
    await trx.updateTable('articles').set({ related_computed_at: sql`now()` }).where('id', '=', ids).execute();
  });
}

/**
 * Articles whose stored list is missing or older than their last edit, and recent articles whose
 * list is over an hour old (new follow-ups may have appeared); newest first.
 */
export async function listArticlesNeedingRelated(db: Db, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('status', 'in', ['published', 'scheduled'])
    .where((eb) =>
      eb.or([
        eb('related_computed_at', 'is', null),
        // An edit stamped in the future (scheduled articles) counts once its time has come.
        eb.and([eb('related_computed_at', '<', eb.ref('updated_at')), eb('updated_at', '<=', sql<Date>`now()`)]),
        eb.and([
          eb('published_at', '>', sql<Date>`now() - ${RECENT_REFRESH.publishedWithin}::interval`),
          eb('related_computed_at', '<', sql<Date>`now() - ${RECENT_REFRESH.olderThan}::interval`),
        ]),
      ]),
    )
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Refreshes stale lists batch by batch until none is left (or `maxBatches`); returns how many. */
export async function refreshStaleRelated(db: Db, options: { batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let refreshed = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch += 1) {
    const ids = await listArticlesNeedingRelated(db, batchSize);
    if (ids.length === 0) break;
    await refreshRelatedArticles(db, ids);
    refreshed += ids.length;
    if (ids.length < batchSize) break;
  }
  return refreshed;
}

type RelatedRow = ArticleSummary & { for_id: number; n: number };

/**
 * The related rows of the articles named by `of`: an array of ids, one id, or an SQL expression
 * (a column of an enclosing query). One article (an article page) compares with a scalar:
 * PostgreSQL then keeps one plan for the statement instead of planning it on every call, as it
 * does for an array of unknown length.
 */
function relatedQuery(db: Db, limit: number, of: 'ids' | 'id' | RawBuilder<number>) {
  const ids = of === 'ids' ? sql`any(${slot<number[]>('ids')}::int[])` : of === 'id' ? sql`${slot<number>('id')}::int` : of;
  // Which articles, in which order, first; only the `limit` shown per article are then read whole.
  const picked = sql<{ for_id: number; rel_id: number; n: number }>`(
    select w.for_id, w.rel_id, row_number() over (partition by w.for_id order by w.origin, w.ord) as n
    from (
      -- Each candidate once, where it ranks best: an editor's pick before the same article as a stored candidate.
      select distinct on (for_id, rel_id) for_id, rel_id, origin, ord from (
        select article_id as for_id, related_article_id as rel_id, 0 as origin, position as ord
        from article_picks where article_id = ${ids}
        union all
        select article_id, related_article_id, 1, rank
        from article_related where article_id = ${ids}
      ) candidates
      where rel_id <> for_id
      order by for_id, rel_id, origin, ord
    ) w
    join articles v on v.id = w.rel_id and v.status in ('published', 'scheduled') and v.published_at <= now()
  )`;
  return visibleArticles(db)
    .innerJoin(picked.as('picked'), (join) => join.onRef('picked.rel_id', '=', 'articles.id'))
    .select([...SUMMARY_COLUMNS, 'picked.for_id', 'picked.n'])
    .where('picked.n', '<=', sql.lit(limit));
}

// Every article page asks for its related list: compiled once (src/db/prepared.ts).
const RELATED = preparedListByLimit<{ ids: number[] }, RelatedRow>((limit) => relatedQuery(compiler, limit, 'ids'), 'r.for_id, r.n');
const RELATED_OF_ONE = preparedListByLimit<{ id: number }, RelatedRow>((limit) => relatedQuery(compiler, limit, 'id'), 'r.n');

function summariesOf(rows: readonly RelatedRow[]): ArticleSummary[] {
  return rows.map(({ for_id: _forId, n: _n, ...article }) => reviveDates(article, DATE_COLUMNS));
}

// An article page reads the article and its related list in one statement.
function articleWithRelated(db: Db, key: 'slug' | 'id', limit: number) {
  const article = key === 'slug'
    ? wholeArticle(db).where('articles.slug', '=', slot<string>('slug'))
    : wholeArticle(db).where('articles.id', '=', slot<number>('id'));
  return db
    .selectFrom(article.as('x'))
    .selectAll('x')
    .select(sql<RelatedRow[]>`(select coalesce(json_agg(rr order by rr.n), '[]'::json) from (${relatedQuery(db, limit, sql.ref<number>('x.id'))}) rr)`.as('related'));
}
const ARTICLE_WITH_RELATED = new Map<string, PreparedRead<Record<string, unknown>, (ArticleRecord & { related: RelatedRow[] }) | undefined>>();

/**
 * findVisibleArticle with the article's first `limit` related articles read in the same statement
 * (as `relatedPrefetched`), for a page that shows both.
 */
export async function findVisibleArticleWithRelated(
  db: Reader,
  key: { slug: string } | { id: number },
  limit: number,
): Promise<ArticleRecord | undefined> {
  const by = 'slug' in key ? 'slug' : 'id';
  const name = `${by}:${limit}`;
  let read = ARTICLE_WITH_RELATED.get(name);
  if (!read) {
    if (!Number.isInteger(limit) || limit < 1 || limit > STORED_RELATED_PER_ARTICLE) throw new RangeError(`related limit out of range: ${limit}`);
    read = preparedRow(articleWithRelated(compiler, by, limit));
    ARTICLE_WITH_RELATED.set(name, read);
  }
  const row = await read.run(db, key as Record<string, unknown>);
  if (!row) return undefined;
  const { related, ...article } = row;
  return { ...reviveDates(article, DATE_COLUMNS), relatedPrefetched: { limit, articles: summariesOf(related) } };
}

/**
 * Related articles of many articles in one statement: picks, then stored candidates, visible only,
 * without duplicates or the article itself, at most `limit` each, in key order. Only the rows that
 * are shown leave the database (a page asks for 5 of up to 20 stored).
 */
export async function listRelatedArticles(db: Reader, articleIds: readonly number[], limit: number): Promise<ArticleSummary[][]> {
  if (articleIds.length === 0) return [];
  const rows = articleIds.length === 1
    ? await RELATED_OF_ONE(limit).run(db, { id: articleIds[0]! })
    : await RELATED(limit).run(db, { ids: [...articleIds] });
  const byArticle = new Map<number, ArticleSummary[]>();
  for (const { for_id, n: _n, ...article } of rows) {
    reviveDates(article, DATE_COLUMNS);
    const list = byArticle.get(for_id);
    if (list) list.push(article);
    else byArticle.set(for_id, [article]);
  }
  return articleIds.map((id) => byArticle.get(id) ?? []);
}
