import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { ArticleRow, AuthorRow, Database, SectionRow, TagRow } from '../db/types';
import type { ArticlePosition, KeysetPage } from './pagination';
import { ReadBatch, compiler, preparedList, preparedListByLimit, preparedRow, reviveDates, slot, type Reader } from '../db/prepared';

// Article reads. Everything public goes through visibleArticles(): published (or scheduled) and
// published_at in the past. That predicate matches the partial indexes of the content migration.

/**
 * The article's section as one JSON value. Nearly every list shows each item's section name, and
 * sections are a handful of rows: carrying the row along (an index lookup per item inside the same
 * statement) saves every page a second round trip for them.
 */
const SECTION_OF_ARTICLE = sql<SectionRow>`(select to_json(s) from sections s where s.id = articles.section_id)`.as('section');

/** Columns a list item needs; body_html and blocks stay behind until an article page asks. */
export const SUMMARY_COLUMNS = [
  'articles.id', 'articles.slug', 'articles.section_id', 'articles.author_id',
  'articles.title', 'articles.subtitle', 'articles.excerpt', 'articles.word_count', 'articles.dateline',
  'articles.hero_image_url', 'articles.hero_image_caption', 'articles.hero_image_credit',
  'articles.hero_image_width', 'articles.hero_image_height', 'articles.language',
  'articles.canonical_url', 'articles.published_at', 'articles.updated_at', SECTION_OF_ARTICLE,
] as const;

/** An article as lists show it: what the Article type exposes, without the body. */
export type ArticleSummary = Omit<
  ArticleRow,
  'body_html' | 'blocks' | 'related_computed_at' | 'search_vector' | 'import_hash' | 'status' | 'source' | 'created_at'
> & {
  published_at: Date;
  /** The section row, when the query carried it along (SUMMARY_COLUMNS does). */
  section?: SectionRow;
};
export type ArticleRecord = ArticleSummary &
  Partial<Pick<ArticleRow, 'body_html' | 'blocks'>> & {
    /** Carried along by the single-article read: the byline author (null: none) and the tags in order. */
    author?: AuthorRow | null;
    tags?: TagRow[];
    /** Read along with the article when the page asked for its related list (src/content/related.ts). */
    relatedPrefetched?: { limit: number; articles: ArticleSummary[] };
  };
export type ArticleBody = Pick<ArticleRow, 'id' | 'body_html' | 'blocks'>;

/** The order of every article list, over a prepared read's output columns (src/db/prepared.ts). */
const NEWEST_FIRST = 'r.published_at desc, r.id desc';

export interface ArticleFilter {
  sectionId?: number;
  authorId?: number;
  tagId?: number;
  publishedAfter?: Date;
  publishedBefore?: Date;
}

type ArticleQuery<O> = SelectQueryBuilder<Database, 'articles', O>;

export function visibleArticles(db: Db) {
  return db
    .selectFrom('articles')
    // Literals, not parameters: the partial indexes carry this very predicate, and the plan of a
    // prepared statement (reused for every call) can only use them when it can see the values.
    .where(sql<boolean>`articles.status in ('published', 'scheduled')`)
    .where('articles.published_at', '<=', sql<Date>`now()`);
}

export function applyFilter<O>(query: ArticleQuery<O>, db: Db, filter: ArticleFilter): ArticleQuery<O> {
  let q = query;
  if (filter.sectionId !== undefined) q = q.where('articles.section_id', '=', filter.sectionId);
  if (filter.authorId !== undefined) q = q.where('articles.author_id', '=', filter.authorId);
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    q = q.where('articles.id', 'in', db.selectFrom('article_tags').select('article_tags.article_id').where('article_tags.tag_id', '=', tagId));
  }
  if (filter.publishedAfter) q = q.where('articles.published_at', '>=', filter.publishedAfter);
  if (filter.publishedBefore) q = q.where('articles.published_at', '<', filter.publishedBefore);
  return q;
}

function olderThan(position: ArticlePosition) {
  return sql<boolean>`(articles.published_at, articles.id) < (${position.publishedAt}, ${position.id})`;
}

function newerThan(position: ArticlePosition) {
  return sql<boolean>`(articles.published_at, articles.id) > (${position.publishedAt}, ${position.id})`;
}

/**
 * One keyset page, newest first. Fetches limit + 1 rows so the caller knows whether more exist.
 * Rows always come back newest first, whichever direction was walked.
 */
function pageQuery(db: Db, limit: number, bySection: boolean, after: boolean) {
  let query = applyFilter(visibleArticles(db).select(SUMMARY_COLUMNS), db, bySection ? { sectionId: slot<number>('sectionId') } : {});
  if (after) query = query.where(olderThan({ publishedAt: slot<Date>('afterAt'), id: slot<number>('afterId') }));
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(sql.lit(limit));
}

// "Load more" on the home and section pages: the next page after a cursor, compiled once per shape.
const PAGES = {
  all: preparedListByLimit<Record<string, unknown>, ArticleSummary>((limit) => pageQuery(compiler, limit, false, false), NEWEST_FIRST),
  allAfter: preparedListByLimit<Record<string, unknown>, ArticleSummary>((limit) => pageQuery(compiler, limit, false, true), NEWEST_FIRST),
  section: preparedListByLimit<Record<string, unknown>, ArticleSummary>((limit) => pageQuery(compiler, limit, true, false), NEWEST_FIRST),
  sectionAfter: preparedListByLimit<Record<string, unknown>, ArticleSummary>((limit) => pageQuery(compiler, limit, true, true), NEWEST_FIRST),
};

export async function listArticlesPage(db: Reader, filter: ArticleFilter, page: KeysetPage): Promise<ArticleSummary[]> {
  const onlySection = Object.keys(filter).every((key) => key === 'sectionId' && filter.sectionId !== undefined);
  if (page.direction === 'forward' && !page.until && onlySection) {
    const bySection = filter.sectionId !== undefined;
    const read = PAGES[`${bySection ? 'section' : 'all'}${page.from ? 'After' : ''}` as keyof typeof PAGES](page.limit + 1);
    const values = { sectionId: filter.sectionId, afterAt: page.from?.publishedAt, afterId: page.from?.id };
    return summariesFromJson(await read.run(db, values));
  }
  return listArticlesPageAnyShape(db instanceof ReadBatch ? db.db : db, filter, page);
}

async function listArticlesPageAnyShape(db: Db, filter: ArticleFilter, page: KeysetPage): Promise<ArticleSummary[]> {
  let query = applyFilter(visibleArticles(db).select(SUMMARY_COLUMNS), db, filter);
  const forward = page.direction === 'forward';
  if (page.from) query = query.where(forward ? olderThan(page.from) : newerThan(page.from));
  if (page.until) query = query.where(forward ? newerThan(page.until) : olderThan(page.until));
  const order = forward ? 'desc' : 'asc';
  const rows = (await query
    .orderBy('articles.published_at', order)
    .orderBy('articles.id', order)
    .limit(page.limit + 1)
    .execute()) as ArticleSummary[];
  return rows;
}

const COUNT_OF_SECTION = preparedRow<{ sectionId: number }, { count: number }>(
  applyFilter(visibleArticles(compiler).select((eb) => eb.fn.countAll<number>().as('count')), compiler, { sectionId: slot<number>('sectionId') }),
);

export async function countArticles(db: Reader, filter: ArticleFilter): Promise<number> {
  if (filter.sectionId !== undefined && Object.keys(filter).length === 1) {
    return Number((await COUNT_OF_SECTION.run(db, { sectionId: filter.sectionId }))?.count ?? 0);
  }
  const plain = db instanceof ReadBatch ? db.db : db;
  const row = await applyFilter(visibleArticles(plain).select((eb) => eb.fn.countAll<number>().as('count')), plain, filter)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Timestamp columns of an article row; JSON carries them as strings. */
export const DATE_COLUMNS = ['published_at', 'updated_at'] as const;

function summariesFromJson<T extends ArticleSummary>(rows: T[]): T[] {
  for (const row of rows) reviveDates(row, DATE_COLUMNS);
  return rows;
}


function latestQuery(db: Db, filter: ArticleFilter, limit: number) {
  return applyFilter(visibleArticles(db).select(SUMMARY_COLUMNS), db, filter)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(sql.lit(limit));
}

// The reads of every article page, compiled once (src/db/prepared.ts).
const LATEST = preparedListByLimit<Record<string, never>, ArticleSummary>((limit) => latestQuery(compiler, {}, limit), NEWEST_FIRST);
const LATEST_OF_SECTION = preparedListByLimit<{ sectionId: number }, ArticleSummary>(
  (limit) => latestQuery(compiler, { sectionId: slot<number>('sectionId') }, limit),
  NEWEST_FIRST,
);
const BY_IDS = preparedList<{ ids: number[] }, ArticleSummary>(
  visibleArticles(compiler).select(SUMMARY_COLUMNS).where('articles.id', '=', sql<number>`any(${slot<number[]>('ids')}::int[])`),
  'r.id',
);

export async function listLatestArticles(db: Reader, options: { sectionId?: number; limit: number }): Promise<ArticleSummary[]> {
  const rows = options.sectionId === undefined
    ? await LATEST(options.limit).run(db, {})
    : await LATEST_OF_SECTION(options.limit).run(db, { sectionId: options.sectionId });
  return summariesFromJson(rows);
}

/** The newest `limit` articles of each section, for all sections in one statement. */
function latestBySectionQuery(db: Db, limit: number) {
  return db
    .selectFrom(sql<{ id: number }>`(select unnest(${slot<number[]>('sectionIds')}::int[]) as id)`.as('wanted'))
    .innerJoinLateral(
      (eb) =>
        visibleArticles(eb as unknown as Db)
          .select(SUMMARY_COLUMNS)
          .whereRef('articles.section_id', '=', sql.ref('wanted.id'))
          .orderBy('articles.published_at', 'desc')
          .orderBy('articles.id', 'desc')
          .limit(sql.lit(limit))
          .as('latest'),
      (join) => join.onTrue(),
    )
    .selectAll('latest');
}
const LATEST_BY_SECTION = preparedListByLimit<{ sectionIds: number[] }, ArticleSummary>(
  (limit) => latestBySectionQuery(compiler, limit),
  'r.section_id, r.published_at desc, r.id desc',
);

export async function listLatestArticlesBySection(
  db: Reader,
  sectionIds: readonly number[],
  limit: number,
): Promise<Map<number, ArticleSummary[]>> {
  const rows = summariesFromJson(await LATEST_BY_SECTION(limit).run(db, { sectionIds: [...sectionIds] }));
  return groupBy(rows, (row) => row.section_id);
}

export async function findVisibleArticlesByIds(db: Reader, ids: readonly number[]): Promise<ArticleSummary[]> {
  if (ids.length === 0) return [];
  return summariesFromJson(await BY_IDS.run(db, { ids: [...ids] }));
}

export async function findVisibleArticleBodies(db: Db, ids: readonly number[]): Promise<ArticleBody[]> {
  if (ids.length === 0) return [];
  return visibleArticles(db)
    .select(['articles.id', 'articles.body_html', 'articles.blocks'])
    .where('articles.id', '=', sql<number>`any(${sql.val([...ids])}::int[])`)
    .execute();
}

const AUTHOR_OF_ARTICLE = sql<AuthorRow | null>`(select to_json(au) from authors au where au.id = articles.author_id)`.as('author');
const TAGS_OF_ARTICLE = sql<TagRow[]>`coalesce((
  select json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) order by at.position, t.id)
  from article_tags at join tags t on t.id = at.tag_id where at.article_id = articles.id), '[]')`.as('tags');

/**
 * A whole article (with its body, section, author and tags) by slug or id, in one statement, or
 * undefined when it is not publicly visible. An article page needs all of it, so it comes at once.
 */
/** A whole article: summary, body, author and tags. */
export function wholeArticle(db: Db) {
  return visibleArticles(db).select([...SUMMARY_COLUMNS, 'articles.body_html', 'articles.blocks', AUTHOR_OF_ARTICLE, TAGS_OF_ARTICLE]);
}
const ARTICLE_BY_SLUG = preparedRow<{ slug: string }, ArticleRecord>(wholeArticle(compiler).where('articles.slug', '=', slot<string>('slug')));
const ARTICLE_BY_ID = preparedRow<{ id: number }, ArticleRecord>(wholeArticle(compiler).where('articles.id', '=', slot<number>('id')));

export async function findVisibleArticle(db: Reader, key: { slug: string } | { id: number }): Promise<ArticleRecord | undefined> {
  const row = 'slug' in key ? await ARTICLE_BY_SLUG.run(db, { slug: key.slug }) : await ARTICLE_BY_ID.run(db, { id: key.id });
  return row && reviveDates(row, DATE_COLUMNS);
}

export function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
