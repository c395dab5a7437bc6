import { createHash } from 'node:crypto';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { findSectionBySlug, findTagBySlug } from '../content/taxonomy';
import { directReader } from '../db/prepared';
import { feedArticleUrl, feedChannel, toFeedItem, type FeedItem } from './model';
import {
  findFeedArticle,
  listFeedArticles,
  listMonthArticles,
  listRecentArticles,
  listSitemapMonths,
  loadFeedRelations,
  type FeedScope,
  type SitemapArticleRow,
} from './repository';
import { DEFAULT_SIZE_LIMITS, fitFeed, type SizeLimits } from './fit';
import { renderRss } from './render-rss';
import { renderAtom } from './render-atom';
import { renderJsonFeed } from './render-json';
import { renderNewsSitemap, renderSitemapIndex, renderUrlSitemap, type SitemapRef } from './render-sitemaps';
import { renderNinjs } from './render-ninjs';
import { monthSitemapUrl, newsSitemapUrl, type FeedFormat } from './urls';

// Builds every syndication document: data from the repository, the format-neutral model, a
// renderer, then the validators HTTP needs (ETag from the bytes, Last-Modified from the content).
// Nothing here reads the clock, so unchanged content renders to identical bytes.

export interface FeedDocument {
  body: string;
  contentType: string;
  etag: string;
  /** Newest change in the document; null when it has no content. */
  lastModified: Date | null;
}

export const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  sitemap: 'application/xml; charset=utf-8',
  ninjs: 'application/json; charset=utf-8',
} as const;

const RENDERERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const;

export interface FeedOptions {
  limit: number;
  fullText: boolean;
  sizeLimits?: SizeLimits;
}

export interface SitemapOptions {
  /** Google News: articles of the last this many hours (48). */
  newsHours: number;
  /** Google News: at most this many (1,000). */
  newsMaxUrls: number;
  /** sitemaps.org: at most this many URLs per file (50,000). */
  maxUrlsPerSitemap: number;
  /** sitemaps.org: at most this many bytes per file (50 MB). */
  maxSitemapBytes: number;
}

export const DEFAULT_SITEMAP_OPTIONS: SitemapOptions = {
  newsHours: 48,
  newsMaxUrls: 1000,
  maxUrlsPerSitemap: 50_000,
  maxSitemapBytes: 50_000_000,
};

function document(body: string, contentType: string, lastModified: Date | null): FeedDocument {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  return { body, contentType, etag, lastModified };
}

function newest(dates: Iterable<Date>): Date | null {
  let result: Date | null = null;
  for (const date of dates) if (!result || date > result) result = date;
  return result;
}

export async function resolveScope(db: Db, kind: 'site' | 'section' | 'tag', slug?: string): Promise<FeedScope | null> {
  if (kind === 'site') return { kind: 'site' };
  if (kind === 'section') {
    const section = await findSectionBySlug(directReader(db), slug ?? '');
    return section ? { kind: 'section', section } : null;
  }
  const tag = await findTagBySlug(directReader(db), slug ?? '');
  return tag ? { kind: 'tag', tag } : null;
}

async function feedItems(db: Db, config: Config, scope: FeedScope, options: FeedOptions): Promise<FeedItem[]> {
  const rows = await listFeedArticles(db, scope, { limit: options.limit, fullText: options.fullText });
  const relations = await loadFeedRelations(db, rows);
  return rows.map((row) => toFeedItem(row, relations, config, options.fullText));
}

export async function buildFeed(db: Db, config: Config, scope: FeedScope, format: FeedFormat, options: FeedOptions): Promise<FeedDocument> {
  const items = await feedItems(db, config, scope, options);
  const fitted = fitFeed(items, (kept) => feedChannel(scope, config, kept), RENDERERS[format], options.sizeLimits ?? DEFAULT_SIZE_LIMITS);
  if (fitted.shortened || fitted.dropped) {
    console.warn(
      `[feeds] ${format} feed of ${scope.kind}: ${fitted.shortened} item(s) sent without full text, ${fitted.dropped} left out to stay within the size limits`,
    );
  }
  return document(fitted.body, CONTENT_TYPES[format], feedChannel(scope, config, fitted.items).updatedAt);
}

/** One article as ninjs, or null when no visible article has that slug. */
export async function buildNinjs(db: Db, config: Config, slug: string, options: Omit<FeedOptions, 'limit'>): Promise<FeedDocument | null> {
  const row = await findFeedArticle(db, slug, options.fullText);
  if (!row) return null;
  const relations = await loadFeedRelations(db, [row]);
  let item = toFeedItem(row, relations, config, options.fullText);
  let body = renderNinjs(item, config.siteName);
  const maxItemBytes = (options.sizeLimits ?? DEFAULT_SIZE_LIMITS).maxItemBytes;
  if (Buffer.byteLength(body) > maxItemBytes) {
    item = { ...item, contentHtml: null };
    body = renderNinjs(item, config.siteName);
  }
  return document(body, CONTENT_TYPES.ninjs, item.updatedAt);
}

function lastChange(row: SitemapArticleRow): Date {
  return row.updated_at > row.published_at ? row.updated_at : row.published_at;
}

export async function buildNewsSitemap(db: Db, config: Config, options: SitemapOptions = DEFAULT_SITEMAP_OPTIONS): Promise<FeedDocument> {
  const rows = await listRecentArticles(db, { hours: options.newsHours, limit: options.newsMaxUrls });
  const body = renderNewsSitemap(
    { name: config.siteName, language: 'id' },
    rows.map((row) => ({
      url: feedArticleUrl(row, config.publicBaseUrl),
      title: row.title,
      language: row.language,
      publishedAt: row.published_at,
      updatedAt: lastChange(row),
    })),
  );
  return document(body, CONTENT_TYPES.sitemap, newest(rows.map(lastChange)));
}

export async function buildSitemapIndex(db: Db, config: Config, options: SitemapOptions = DEFAULT_SITEMAP_OPTIONS): Promise<FeedDocument> {
  const months = await listSitemapMonths(db);
  const refs: SitemapRef[] = [];
  for (const month of months) {
    const pages = Math.ceil(month.count / options.maxUrlsPerSitemap);
    for (let page = 1; page <= pages; page += 1) {
      refs.push({ url: monthSitemapUrl(config.publicBaseUrl, month.month, page), lastModified: month.lastModified });
    }
  }
  const lastModified = newest(months.map((m) => m.lastModified));
  // The news sitemap changes with every new article; its lastmod is the newest change of all.
  refs.unshift({ url: newsSitemapUrl(config.publicBaseUrl), lastModified });
  return document(renderSitemapIndex(refs), CONTENT_TYPES.sitemap, lastModified);
}

/** One page of a month's article sitemap, or null when that month or page has no articles. */
export async function buildMonthSitemap(
  db: Db,
  config: Config,
  target: { year: number; month: number; page: number },
  options: SitemapOptions = DEFAULT_SITEMAP_OPTIONS,
): Promise<FeedDocument | null> {
  const rows = await listMonthArticles(db, {
    year: target.year,
    month: target.month,
    offset: (target.page - 1) * options.maxUrlsPerSitemap,
    limit: options.maxUrlsPerSitemap,
  });
  if (rows.length === 0) return null;
  const entries = rows.map((row) => ({ url: feedArticleUrl(row, config.publicBaseUrl), lastModified: lastChange(row) }));
  let body = renderUrlSitemap(entries);
  if (Buffer.byteLength(body) > options.maxSitemapBytes) {
    // Only unusually long addresses get here (50,000 typical URLs take about 10 MB). A file over the
    // limit is rejected whole by search engines, so the tail is left out and the fact logged.
    const sizes = entries.map((e) => Buffer.byteLength(renderUrlSitemap([e])) - Buffer.byteLength(renderUrlSitemap([])));
    let total = Buffer.byteLength(renderUrlSitemap([]));
    let count = 0;
    while (count < entries.length && total + sizes[count]! <= options.maxSitemapBytes) total += sizes[count++]!;
    console.error(
      `[feeds] sitemap ${target.year}-${target.month} page ${target.page}: ${entries.length - count} URL(s) left out to stay within ${options.maxSitemapBytes} bytes`,
    );
    body = renderUrlSitemap(entries.slice(0, count));
  }
  return document(body, CONTENT_TYPES.sitemap, newest(rows.map(lastChange)));
}
