import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { ArticleRow, AuthorRow, SectionRow, TagRow } from '../db/types';
import { ARTICLE_COLUMNS, visibleArticles } from '../content/articles';
import { WIB_TIME_ZONE, wibMonthRange } from '../common/time';
import { findAuthorsByIds, findSectionsByIds, listTagsOfArticles, type ArticleTagRow } from '../content/taxonomy';
import { directReader } from '../db/prepared';

// SQL behind the feeds and sitemaps. Only publicly visible articles (visibleArticles()) ever reach a
// partner. A feed costs a constant number of statements whatever its length: the articles, then
// their authors, sections and tags in one statement each.

export type FeedScope = { kind: 'site' } | { kind: 'section'; section: SectionRow } | { kind: 'tag'; tag: TagRow };

export type FeedArticleRow = Pick<
  ArticleRow,
  | 'id'
  | 'slug'
  | 'section_id'
  | 'author_id'
  | 'title'
  | 'subtitle'
  | 'excerpt'
  | 'dateline'
  | 'hero_image_url'
  | 'hero_image_caption'
  | 'hero_image_credit'
  | 'hero_image_width'
  | 'hero_image_height'
  | 'language'
  | 'canonical_url'
  | 'word_count'
  | 'updated_at'
  | 'created_at'
> & {
  /** Never null here: only published (and due) articles reach a feed. */
  published_at: Date;
  /** The whole body in full-text mode; otherwise only the body's start, and only when there is no excerpt. */
  body_html: string | null;
};

export interface FeedRelations {
  authors: Map<number, AuthorRow>;
  sections: Map<number, SectionRow>;
  tags: Map<number, ArticleTagRow[]>;
}

// An article record's columns, plus the creation time that feed items carry.
const FEED_COLUMNS = [...ARTICLE_COLUMNS, 'articles.created_at'] as const;

// Excerpt-only feeds need the body only to derive a summary for articles without an excerpt, and
// then only its beginning.
const BODY_LEAD_CHARS = 4000;

function bodyColumn(fullText: boolean) {
  return fullText
    ? sql<string | null>`articles.body_html`.as('body_html')
    : sql<string | null>`case when coalesce(articles.excerpt, '') = '' then left(articles.body_html, ${BODY_LEAD_CHARS}) end`.as('body_html');
}

/** The newest visible articles of a feed's scope, newest first (ties broken by id, so the order is stable). */
export async function listFeedArticles(db: Db, scope: FeedScope, options: { limit: number; fullText: boolean }): Promise<FeedArticleRow[]> {
  let query = visibleArticles(db).select([...FEED_COLUMNS, bodyColumn(options.fullText)]);
  if (scope.kind === 'section') query = query.where('articles.section_id', '=', scope.section.id);
  if (scope.kind === 'tag') {
    const tagId = scope.tag.id;
    query = query.where(
      'articles.id',
      'in',
      db.selectFrom('article_tags').select('article_tags.article_id').where('article_tags.tag_id', '=', tagId),
    );
  }
  const rows = await query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(options.limit).execute();
  return rows as FeedArticleRow[];
}

/** One visible article by slug with its whole body (the ninjs rendition). */
export async function findFeedArticle(db: Db, slug: string, fullText: boolean): Promise<FeedArticleRow | undefined> {
  const row = await visibleArticles(db)
    .select([...FEED_COLUMNS, bodyColumn(fullText)])
    .where('articles.slug', '=', slug)
    .executeTakeFirst();
  return row as FeedArticleRow | undefined;
}

/** Authors, sections and tags of all the given articles: three statements, however many articles. */
export async function loadFeedRelations(db: Db, articles: readonly FeedArticleRow[]): Promise<FeedRelations> {
  if (articles.length === 0) return { authors: new Map(), sections: new Map(), tags: new Map() };
  const authorIds = [...new Set(articles.map((a) => a.author_id).filter((id): id is number => id !== null))];
  const sectionIds = [...new Set(articles.map((a) => a.section_id))];
  const reader = directReader(db);
  const [authors, sections, tags] = await Promise.all([
    authorIds.length ? findAuthorsByIds(reader, authorIds) : Promise.resolve([]),
    findSectionsByIds(reader, sectionIds),
    listTagsOfArticles(
      reader,
      articles.map((a) => a.id),
    ),
  ]);
  const tagsByArticle = new Map<number, ArticleTagRow[]>();
  for (const tag of tags) {
    const list = tagsByArticle.get(tag.article_id);
    if (list) list.push(tag);
    else tagsByArticle.set(tag.article_id, [tag]);
  }
  return {
    authors: new Map(authors.map((a) => [a.id, a])),
    sections: new Map(sections.map((s) => [s.id, s])),
    tags: tagsByArticle,
  };
}

export interface SitemapArticleRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  canonical_url: string | null;
  published_at: Date;
  updated_at: Date;
}

const SITEMAP_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.title',
  'articles.language',
  'articles.canonical_url',
  'articles.published_at',
  'articles.updated_at',
] as const;

/**
 * Articles for the Google News sitemap: published within the last `hours` hours by the database's
 * clock (the same clock that decides visibility), newest first, at most `limit`.
 */
export async function listRecentArticles(db: Db, options: { hours: number; limit: number }): Promise<SitemapArticleRow[]> {
  const rows = await visibleArticles(db)
    .select(SITEMAP_COLUMNS)
    .where('articles.published_at', '>', sql<Date>`now() - make_interval(hours => ${options.hours})`)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(options.limit)
    .execute();
  return rows as SitemapArticleRow[];
}

export interface SitemapMonthRow {
  /** "YYYY-MM" in Western Indonesian Time, the zone of article URLs and date lines. */
  month: string;
  count: number;
  lastModified: Date;
}

/** Every month that has visible articles, oldest first, with its article count and newest change. */
export async function listSitemapMonths(db: Db): Promise<SitemapMonthRow[]> {
  const rows = await visibleArticles(db)
    .select([
      sql<string>`to_char(articles.published_at at time zone ${sql.lit(WIB_TIME_ZONE)}, 'YYYY-MM')`.as('month'),
      sql<number>`count(*)::int`.as('count'),
      sql<Date>`max(greatest(articles.updated_at, articles.published_at))`.as('last_modified'),
    ])
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.count), lastModified: r.last_modified }));
}

/** One page of a month's visible articles, oldest first, so that earlier pages stay stable as the month fills. */
export async function listMonthArticles(
  db: Db,
  options: { year: number; month: number; offset: number; limit: number },
): Promise<SitemapArticleRow[]> {
  const { start, end } = wibMonthRange(options.year, options.month);
  const rows = await visibleArticles(db)
    .select(SITEMAP_COLUMNS)
    .where('articles.published_at', '>=', start)
    .where('articles.published_at', '<', end)
    .orderBy('articles.published_at', 'asc')
    .orderBy('articles.id', 'asc')
    .offset(options.offset)
    .limit(options.limit)
    .execute();
  return rows as SitemapArticleRow[];
}
