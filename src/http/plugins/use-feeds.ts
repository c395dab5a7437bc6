import type { Plugin } from 'graphql-yoga';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import {
  buildFeed, buildMonthSitemap, buildNewsSitemap, buildNinjs, buildSitemapIndex, resolveScope,
  DEFAULT_SITEMAP_OPTIONS, type FeedDocument, type SitemapOptions,
} from '../../feeds/documents';
import { DocumentCache } from '../../feeds/cache';
import { DEFAULT_SIZE_LIMITS, type SizeLimits } from '../../feeds/fit';
import { findActivePartner } from '../../feeds/partner-keys';
import { feedLinks, type FeedFormat } from '../../feeds/urls';

// Syndication routes: RSS, Atom and JSON Feed for the site, each section and each tag; the sitemap
// index, the Google News sitemap and monthly article sitemaps; one article as IPTC ninjs.
// Every document answers conditional GETs (ETag / Last-Modified → 304). Feeds carry excerpts, and
// full text for a valid partner key (header X-Kabar-Partner-Key or query parameter "key").

export interface FeedsOptions {
  db: Db;
  config: Config;
  /** Built documents belong to a content generation: a committed change is in the next build at once. */
  generation?: { readonly current: string };
  /** Items in a feed when "limit" is not given. */
  defaultLimit?: number;
  /** Largest accepted "limit". */
  maxLimit?: number;
  sitemaps?: Partial<SitemapOptions>;
  sizeLimits?: Partial<SizeLimits>;
  /** Seconds a built document is reused; config.feedCacheSeconds when not given. */
  cacheSeconds?: number;
}

export const PARTNER_KEY_HEADER = 'x-kabar-partner-key';

type ResponseCtor = typeof Response;

type Route =
  | { kind: 'feed'; scope: 'site' | 'section' | 'tag'; slug?: string; format: FeedFormat }
  | { kind: 'sitemapIndex' }
  | { kind: 'newsSitemap' }
  | { kind: 'monthSitemap'; year: number; month: number; page: number }
  | { kind: 'ninjs'; slug: string };

const FORMAT_BY_FILE: Record<string, FeedFormat> = { 'rss.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function matchRoute(pathname: string): Route | null {
  let m = /^\/feeds\/(rss\.xml|atom\.xml|feed\.json)$/.exec(pathname);
  if (m) return { kind: 'feed', scope: 'site', format: FORMAT_BY_FILE[m[1]!]! };
  m = /^\/feeds\/(sections|tags)\/([^/]+)\/(rss\.xml|atom\.xml|feed\.json)$/.exec(pathname);
  if (m) {
    const slug = decodeSegment(m[2]!);
    return slug === null ? null : { kind: 'feed', scope: m[1] === 'sections' ? 'section' : 'tag', slug, format: FORMAT_BY_FILE[m[3]!]! };
  }
  if (pathname === '/sitemap.xml') return { kind: 'sitemapIndex' };
  if (pathname === '/sitemaps/news.xml') return { kind: 'newsSitemap' };
  m = /^\/sitemaps\/articles-(\d{4})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/.exec(pathname);
  if (m) return { kind: 'monthSitemap', year: Number(m[1]), month: Number(m[2]), page: m[3] ? Number(m[3]) : 1 };
  m = /^\/articles\/([^/]+)\.ninjs\.json$/.exec(pathname);
  if (m) {
    const slug = decodeSegment(m[1]!);
    return slug === null ? null : { kind: 'ninjs', slug };
  }
  return null;
}

function etagMatches(header: string, etag: string): boolean {
  // If-None-Match uses the weak comparison: W/"x" matches "x".
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only otherwise. */
export function isNotModified(request: Request, doc: Pick<FeedDocument, 'etag' | 'lastModified'>): boolean {
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, doc.etag);
  const ifModifiedSince = request.headers.get('if-modified-since');
  if (ifModifiedSince === null || doc.lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  // HTTP dates have whole seconds.
  return Math.floor(doc.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

export function useFeeds(options: FeedsOptions): Plugin {
  const { db, config } = options;
  const defaultLimit = options.defaultLimit ?? 50;
  const maxLimit = options.maxLimit ?? 100;
  const sitemapOptions: SitemapOptions = { ...DEFAULT_SITEMAP_OPTIONS, ...options.sitemaps };
  const sizeLimits: SizeLimits = { ...DEFAULT_SIZE_LIMITS, ...options.sizeLimits };

  const text = (R: ResponseCtor, status: number, message: string, headers: Record<string, string> = {}) =>
    new R(`${message}\n`, {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
    });

  function respond(R: ResponseCtor, request: Request, doc: FeedDocument, headers: Record<string, string>): Response {
    const common: Record<string, string> = { etag: doc.etag, 'x-content-type-options': 'nosniff', ...headers };
    if (doc.lastModified) common['last-modified'] = doc.lastModified.toUTCString();
    if (isNotModified(request, doc)) return new R(null, { status: 304, headers: common });
    const body = request.method === 'HEAD' ? null : doc.body;
    return new R(body, { status: 200, headers: { ...common, 'content-type': doc.contentType } });
  }

  /** The partner behind the request's key: undefined without a key, null for a key that is not valid. */
  async function partnerOf(request: Request, url: URL): Promise<{ name: string } | null | undefined> {
    const key = request.headers.get(PARTNER_KEY_HEADER)?.trim() || url.searchParams.get('key')?.trim();
    if (!key) return undefined;
    return findActivePartner(db, key);
  }

  function parseLimit(url: URL): number | string {
    const raw = url.searchParams.get('limit');
    if (raw === null) return defaultLimit;
    const value = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < 1 || value > maxLimit) {
      return `Invalid "limit": expected a whole number from 1 to ${maxLimit} (default ${defaultLimit}); got "${raw.slice(0, 40)}".`;
    }
    return value;
  }

  // Built documents are reused for config.feedCacheSeconds; a null (no such month, article, section
  // or tag) is reused too, so probing unknown URLs costs no more than known ones.
  const cache = new DocumentCache<FeedDocument | null>({ ttlMs: (options.cacheSeconds ?? config.feedCacheSeconds) * 1000 });
  const cached = (key: string, build: () => Promise<FeedDocument | null>) =>
    cache.get(`${options.generation?.current ?? ''}|${key}`, build, (doc) => (doc ? Buffer.byteLength(doc.body) : 0));

  async function handle(R: ResponseCtor, route: Route, request: Request, url: URL): Promise<Response> {
    if (route.kind === 'sitemapIndex') {
      const doc = (await cached('sitemap-index', () => buildSitemapIndex(db, config, sitemapOptions)))!;
      return respond(R, request, doc, { 'cache-control': 'public, max-age=3600' });
    }
    if (route.kind === 'newsSitemap') {
      const doc = (await cached('news-sitemap', () => buildNewsSitemap(db, config, sitemapOptions)))!;
      return respond(R, request, doc, { 'cache-control': 'public, max-age=300' });
    }
    if (route.kind === 'monthSitemap') {
      const name = `${route.year}-${String(route.month).padStart(2, '0')}${route.page > 1 ? `-${route.page}` : ''}`;
      const doc = await cached(`month-sitemap|${name}`, () => buildMonthSitemap(db, config, route, sitemapOptions));
      if (!doc) return text(R, 404, `No article sitemap for ${name}: no published articles there. The list of sitemaps is at ${config.publicBaseUrl}/sitemap.xml.`, { 'cache-control': 'public, max-age=300' });
      return respond(R, request, doc, { 'cache-control': 'public, max-age=3600' });
    }

    const partner = await partnerOf(request, url);
    if (partner === null) {
      return text(R, 401, `The partner key is not valid (unknown or revoked). Send a key issued by ${config.siteName} in the X-Kabar-Partner-Key header or the "key" query parameter, or leave it out to get the public feed with excerpts.`);
    }
    const fullText = partner !== undefined;
    const variant = fullText ? 'full' : 'excerpt';
    // Full text goes to one partner, so shared caches must not keep it; excerpts are public.
    const cacheControl = fullText ? 'private, max-age=300' : 'public, max-age=300';

    if (route.kind === 'ninjs') {
      const doc = await cached(`ninjs|${variant}|${route.slug}`, () => buildNinjs(db, config, route.slug, { fullText, sizeLimits }));
      if (!doc) return text(R, 404, `No published article has the slug "${route.slug.slice(0, 200)}".`, { 'cache-control': 'public, max-age=60' });
      return respond(R, request, doc, { 'cache-control': cacheControl, vary: 'X-Kabar-Partner-Key' });
    }

    const limit = parseLimit(url);
    if (typeof limit === 'string') return text(R, 400, limit);
    const doc = await cached(`feed|${route.scope}|${route.slug ?? ''}|${route.format}|${limit}|${variant}`, async () => {
      const scope = await resolveScope(db, route.scope, route.slug);
      return scope ? buildFeed(db, config, scope, route.format, { limit, fullText, sizeLimits }) : null;
    });
    if (!doc) {
      const what = route.scope === 'section' ? 'section' : 'tag';
      const list = route.scope === 'section' ? 'the "sections" query' : 'an article\'s "tags"';
      return text(R, 404, `No ${what} has the slug "${(route.slug ?? '').slice(0, 200)}". Existing ${what} slugs are listed by ${list} at ${config.publicBaseUrl}/graphql.`, { 'cache-control': 'public, max-age=60' });
    }
    const links = feedLinks(config.publicBaseUrl, route.scope === 'site' ? { kind: 'site' } : { kind: route.scope, slug: route.slug! });
    const link = [
      `<${links.rss}>; rel="${route.format === 'rss' ? 'self' : 'alternate'}"; type="application/rss+xml"`,
      `<${links.atom}>; rel="${route.format === 'atom' ? 'self' : 'alternate'}"; type="application/atom+xml"`,
      `<${links.json}>; rel="${route.format === 'json' ? 'self' : 'alternate'}"; type="application/feed+json"`,
    ].join(', ');
    return respond(R, request, doc, { 'cache-control': cacheControl, vary: 'X-Kabar-Partner-Key', link });
  }

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const route = matchRoute(url.pathname);
      if (!route) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(text(fetchAPI.Response, 405, `${url.pathname} only answers GET and HEAD.`, { allow: 'GET, HEAD' }));
        return;
      }
      try {
        endResponse(await handle(fetchAPI.Response, route, request, url));
      } catch (error) {
        console.error('[feeds] failed to build', url.pathname, error);
        endResponse(text(fetchAPI.Response, 503, 'The feed is temporarily unavailable; please retry in a minute.', { 'retry-after': '60' }));
      }
    },
  };
}
