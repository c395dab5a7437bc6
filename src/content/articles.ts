import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { ArticleRow, AuthorRow, Database, SectionRow, TagRow } from '../db/types';
import type { ArticlePosition, KeysetPage } from './pagination';
import { compiler, preparedList, preparedListByLimit, preparedRow, slot, type Reader } from '../db/prepared';
import { isVisible } from './visibility';

// Article reads. Everything public goes through visibleArticles() (the rule: ./visibility.ts).
//
// Reads return plain records. What a statement fetched along with them (each list item's section,
// an article page's author, tags, body and related list) comes back beside them as `alongside`;
// src/content/loaders.ts hands it to the request's loaders, so the resolvers that ask for it later
// find it there without another statement.

/** An article as the Article type shows it: every public column except the body. */
export type ArticleRecord = Omit<
  ArticleRow,
  | 'body_html'
  | 'blocks'
  | 'related_computed_at'
  | 'search_vector'
  | 'title_vector'
  | 'import_hash'
  | 'import_key'
  | 'status'
  | 'source'
  | 'created_at'
> & { published_at: Date };
export type ArticleBody = Pick<ArticleRow, 'id' | 'body_html' | 'blocks'>;

/** What a read fetched along with its records, for the loaders (src/content/loaders.ts). */
export interface Alongside {
  sections?: readonly SectionRow[];
  authors?: readonly AuthorRow[];
  /** Tags by article id, each list in editorial order. */
  tags?: ReadonlyMap<number, TagRow[]>;
  bodies?: readonly ArticleBody[];
  /** Related lists by article id, each at most `limit` long. */
  related?: { limit: number; lists: ReadonlyMap<number, ArticleRecord[]> };
}

/** A read's own result and what came with it. */
export interface Fetched<T> {
  records: T;
  alongside: Alongside;
}

/** Columns of an ArticleRecord; body_html and blocks stay behind until an article page asks. */
export const ARTICLE_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.section_id',
  'articles.author_id',
  'articles.title',
  'articles.subtitle',
  'articles.excerpt',
  'articles.word_count',
  'articles.dateline',
  'articles.hero_image_url',
  'articles.hero_image_caption',
  'articles.hero_image_credit',
  'articles.hero_image_width',
  'articles.hero_image_height',
  'articles.language',
  'articles.canonical_url',
  'articles.published_at',
  'articles.updated_at',
] as const;

/**
 * The article's section as one JSON value. Nearly every list shows each item's section name, and
 * sections are a handful of rows: reading the row along (an index lookup per item inside the same
 * statement) saves every page a second round trip for them.
 */
const SECTION_OF_ARTICLE = sql<SectionRow>`(select to_json(s) from sections s where s.id = articles.section_id)`.as('section');

/** What every list selects: the record, and its section alongside (see withSectionsAlongside). */
export const LIST_COLUMNS = [...ARTICLE_COLUMNS, SECTION_OF_ARTICLE] as const;

/** A row of LIST_COLUMNS. */
export type ListRow = ArticleRecord & { section: SectionRow };

/** JSON carries timestamps as ISO strings; rows read through the driver have Dates already. */
function asDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/**
 * The ArticleRecord in a row that has more columns (a section, a list position, search marks).
 * Copied field by field rather than with `{ section, ...record }`: object rest is about ten times
 * slower, which on a home page of a hundred rows was a measurable part of a request's CPU.
 */
export function recordOf(row: ArticleRecord): ArticleRecord {
  return {
    id: row.id,
    slug: row.slug,
    section_id: row.section_id,
    author_id: row.author_id,
    title: row.title,
    subtitle: row.subtitle,
    excerpt: row.excerpt,
    word_count: row.word_count,
    dateline: row.dateline,
    hero_image_url: row.hero_image_url,
    hero_image_caption: row.hero_image_caption,
    hero_image_credit: row.hero_image_credit,
    hero_image_width: row.hero_image_width,
    hero_image_height: row.hero_image_height,
    language: row.language,
    canonical_url: row.canonical_url,
    published_at: asDate(row.published_at),
    updated_at: asDate(row.updated_at),
  };
}

/** Takes each row's section off it: plain records, and the sections (each once) alongside. */
export function withSectionsAlongside(rows: readonly ListRow[]): Fetched<ArticleRecord[]> {
  const sections = new Map<number, SectionRow>();
  const records = rows.map((row) => {
    sections.set(row.section.id, row.section);
    return recordOf(row);
  });
  return { records, alongside: { sections: [...sections.values()] } };
}

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

/** Articles a reader may see (./visibility.ts); every public read starts here. */
export function visibleArticles(db: Db) {
  return db.selectFrom('articles').where(isVisible('articles'));
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
  let query = applyFilter(visibleArticles(db).select(LIST_COLUMNS), db, bySection ? { sectionId: slot<number>('sectionId') } : {});
  if (after) query = query.where(olderThan({ publishedAt: slot<Date>('afterAt'), id: slot<number>('afterId') }));
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(sql.lit(limit));
}

// "Load more" on the home and section pages: the next page after a cursor, compiled once per shape.
const PAGES = {
  all: preparedListByLimit<Record<string, unknown>, ListRow>((limit) => pageQuery(compiler, limit, false, false), NEWEST_FIRST),
  allAfter: preparedListByLimit<Record<string, unknown>, ListRow>((limit) => pageQuery(compiler, limit, false, true), NEWEST_FIRST),
  section: preparedListByLimit<Record<string, unknown>, ListRow>((limit) => pageQuery(compiler, limit, true, false), NEWEST_FIRST),
  sectionAfter: preparedListByLimit<Record<string, unknown>, ListRow>((limit) => pageQuery(compiler, limit, true, true), NEWEST_FIRST),
};

export async function listArticlesPage(reader: Reader, filter: ArticleFilter, page: KeysetPage): Promise<Fetched<ArticleRecord[]>> {
  const onlySection = Object.keys(filter).every((key) => key === 'sectionId' && filter.sectionId !== undefined);
  if (page.direction === 'forward' && !page.until && onlySection) {
    const bySection = filter.sectionId !== undefined;
    const read = PAGES[`${bySection ? 'section' : 'all'}${page.from ? 'After' : ''}` as keyof typeof PAGES](page.limit + 1);
    const values = { sectionId: filter.sectionId, afterAt: page.from?.publishedAt, afterId: page.from?.id };
    return withSectionsAlongside(await reader.read(read, values));
  }
  return withSectionsAlongside(await listArticlesPageAnyShape(reader.db, filter, page));
}

/** Pages of any other shape (filters by tag, author or date, walking backwards): built per call. */
async function listArticlesPageAnyShape(db: Db, filter: ArticleFilter, page: KeysetPage): Promise<ListRow[]> {
  let query = applyFilter(visibleArticles(db).select(LIST_COLUMNS), db, filter);
  const forward = page.direction === 'forward';
  if (page.from) query = query.where(forward ? olderThan(page.from) : newerThan(page.from));
  if (page.until) query = query.where(forward ? newerThan(page.until) : olderThan(page.until));
  const order = forward ? 'desc' : 'asc';
  const rows = await query
    .orderBy('articles.published_at', order)
    .orderBy('articles.id', order)
    .limit(page.limit + 1)
    .execute();
  return rows as ListRow[];
}

const COUNT_OF_SECTION = preparedRow<{ sectionId: number }, { count: number }>(
  applyFilter(
    visibleArticles(compiler).select((eb) => eb.fn.countAll<number>().as('count')),
    compiler,
    { sectionId: slot<number>('sectionId') },
  ),
);

export async function countArticles(reader: Reader, filter: ArticleFilter): Promise<number> {
  if (filter.sectionId !== undefined && Object.keys(filter).length === 1) {
    return Number((await reader.read(COUNT_OF_SECTION, { sectionId: filter.sectionId }))?.count ?? 0);
  }
  const { db } = reader;
  const row = await applyFilter(
    visibleArticles(db).select((eb) => eb.fn.countAll<number>().as('count')),
    db,
    filter,
  ).executeTakeFirstOrThrow();
  return Number(row.count);
}

function latestQuery(db: Db, filter: ArticleFilter, limit: number) {
  return applyFilter(visibleArticles(db).select(LIST_COLUMNS), db, filter)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(sql.lit(limit));
}

// The reads of every article page, compiled once (src/db/prepared.ts).
const LATEST = preparedListByLimit<Record<string, never>, ListRow>((limit) => latestQuery(compiler, {}, limit), NEWEST_FIRST);
const LATEST_OF_SECTION = preparedListByLimit<{ sectionId: number }, ListRow>(
  (limit) => latestQuery(compiler, { sectionId: slot<number>('sectionId') }, limit),
  NEWEST_FIRST,
);
const BY_IDS = preparedList<{ ids: number[] }, ListRow>(
  visibleArticles(compiler)
    .select(LIST_COLUMNS)
    .where('articles.id', '=', sql<number>`any(${slot<number[]>('ids')}::int[])`),
  'r.id',
);

export async function listLatestArticles(reader: Reader, options: { sectionId?: number; limit: number }): Promise<Fetched<ArticleRecord[]>> {
  const rows =
    options.sectionId === undefined
      ? await reader.read(LATEST(options.limit), {})
      : await reader.read(LATEST_OF_SECTION(options.limit), { sectionId: options.sectionId });
  return withSectionsAlongside(rows);
}

/** The newest `limit` articles of each section, for all sections in one statement. */
function latestBySectionQuery(db: Db, limit: number) {
  return db
    .selectFrom(sql<{ id: number }>`(select unnest(${slot<number[]>('sectionIds')}::int[]) as id)`.as('wanted'))
    .innerJoinLateral(
      (eb) =>
        visibleArticles(eb as unknown as Db)
          .select(LIST_COLUMNS)
          .whereRef('articles.section_id', '=', sql.ref('wanted.id'))
          .orderBy('articles.published_at', 'desc')
          .orderBy('articles.id', 'desc')
          .limit(sql.lit(limit))
          .as('latest'),
      (join) => join.onTrue(),
    )
    .selectAll('latest');
}
const LATEST_BY_SECTION = preparedListByLimit<{ sectionIds: number[] }, ListRow>(
  (limit) => latestBySectionQuery(compiler, limit),
  'r.section_id, r.published_at desc, r.id desc',
);

/** The newest `limit` articles of each of these sections, in one statement. */
export async function listLatestArticlesBySection(
  reader: Reader,
  sectionIds: readonly number[],
  limit: number,
): Promise<Fetched<Map<number, ArticleRecord[]>>> {
  const { records, alongside } = withSectionsAlongside(await reader.read(LATEST_BY_SECTION(limit), { sectionIds: [...sectionIds] }));
  return { records: groupBy(records, (record) => record.section_id), alongside };
}

/** The visible ones among these articles, in id order. */
export async function findVisibleArticlesByIds(reader: Reader, ids: readonly number[]): Promise<Fetched<ArticleRecord[]>> {
  if (ids.length === 0) return { records: [], alongside: {} };
  return withSectionsAlongside(await reader.read(BY_IDS, { ids: [...ids] }));
}

/** Bodies of visible articles, for pages that show an article not read whole. */
export async function findVisibleArticleBodies(reader: Reader, ids: readonly number[]): Promise<ArticleBody[]> {
  if (ids.length === 0) return [];
  return visibleArticles(reader.db)
    .select(['articles.id', 'articles.body_html', 'articles.blocks'])
    .where('articles.id', '=', sql<number>`any(${sql.val([...ids])}::int[])`)
    .execute();
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
