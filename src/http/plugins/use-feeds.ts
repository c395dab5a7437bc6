import type { Plugin } from 'graphql-yoga';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import {
  buildFeed,
  buildMonthSitemap,
  buildNewsSitemap,
  buildNinjs,
  buildSitemapIndex,
  resolveScope,
  DEFAULT_SITEMAP_OPTIONS,
  type FeedDocument,
  type SitemapOptions,
} from '../../feeds/documents';
import { DocumentCache } from '../../feeds/cache';
import { cdnTagHeaders, FEEDS_TAG, SITEMAPS_TAG } from '../../cache/tags';
import { DEFAULT_SIZE_LIMITS, type SizeLimits } from '../../feeds/fit';
import { matchFeedRoute, type FeedRoute } from '../feeds/routes';
import { partnerOf } from '../feeds/partner';
import { documentResponse, ECHO_MAX_CHARS, FEED_CACHE_CONTROL, feedLinkHeader, RETRY_AFTER_SECONDS, textResponse } from '../feeds/responses';

// Syndication routes: RSS, Atom and JSON Feed for the site, each section and each tag; the sitemap
// index, the Google News sitemap and monthly article sitemaps; one article as IPTC ninjs.
// Every document answers conditional GETs (ETag / Last-Modified → 304). Feeds carry excerpts, and
// full text for a valid partner key (src/http/feeds/partner.ts). URLs are parsed in
// src/http/feeds/routes.ts, answers shaped in src/http/feeds/responses.ts; this file decides.

export interface FeedsOptions {
  db: Db;
  config: Config;
  /** Built documents belong to a generation, moved on by every change that reaches syndication (src/cache/freshness.ts). */
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

const DEFAULT_FEED_LIMIT = 50;
const MAX_FEED_LIMIT = 100;

type ResponseCtor = typeof Response;

export function useFeeds(options: FeedsOptions): Plugin {
  const { db, config } = options;
  const defaultLimit = options.defaultLimit ?? DEFAULT_FEED_LIMIT;
  const maxLimit = options.maxLimit ?? MAX_FEED_LIMIT;
  const sitemapOptions: SitemapOptions = { ...DEFAULT_SITEMAP_OPTIONS, ...options.sitemaps };
  const sizeLimits: SizeLimits = { ...DEFAULT_SIZE_LIMITS, ...options.sizeLimits };

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

  async function handle(R: ResponseCtor, route: FeedRoute, request: Request, url: URL): Promise<Response> {
    if (route.kind === 'sitemapIndex') {
      const doc = (await cached('sitemap-index', () => buildSitemapIndex(db, config, sitemapOptions)))!;
      return documentResponse(R, request, doc, { 'cache-control': FEED_CACHE_CONTROL.sitemapIndex });
    }
    if (route.kind === 'newsSitemap') {
      const doc = (await cached('news-sitemap', () => buildNewsSitemap(db, config, sitemapOptions)))!;
      return documentResponse(R, request, doc, { 'cache-control': FEED_CACHE_CONTROL.newsSitemap });
    }
    if (route.kind === 'monthSitemap') {
      const name = `${route.year}-${String(route.month).padStart(2, '0')}${route.page > 1 ? `-${route.page}` : ''}`;
      const doc = await cached(`month-sitemap|${name}`, () => buildMonthSitemap(db, config, route, sitemapOptions));
      if (!doc)
        return textResponse(
          R,
          404,
          `No article sitemap for ${name}: no published articles there. The list of sitemaps is at ${config.publicBaseUrl}/sitemap.xml.`,
          { 'cache-control': FEED_CACHE_CONTROL.missingMonth },
        );
      return documentResponse(R, request, doc, { 'cache-control': FEED_CACHE_CONTROL.monthSitemap });
    }

    const partner = await partnerOf(db, request, url);
    if (partner === null) {
      return textResponse(
        R,
        401,
        `The partner key is not valid (unknown or revoked). Send a key issued by ${config.siteName} in the X-Kabar-Partner-Key header or the "key" query parameter, or leave it out to get the public feed with excerpts.`,
      );
    }
    const fullText = partner !== undefined;
    const variant = fullText ? 'full' : 'excerpt';
    const cacheControl = fullText ? FEED_CACHE_CONTROL.partnerFeed : FEED_CACHE_CONTROL.publicFeed;

    if (route.kind === 'ninjs') {
      const doc = await cached(`ninjs|${variant}|${route.slug}`, () => buildNinjs(db, config, route.slug, { fullText, sizeLimits }));
      if (!doc)
        return textResponse(R, 404, `No published article has the slug "${route.slug.slice(0, ECHO_MAX_CHARS)}".`, {
          'cache-control': FEED_CACHE_CONTROL.notFound,
        });
      return documentResponse(R, request, doc, { 'cache-control': cacheControl, vary: 'X-Kabar-Partner-Key' });
    }

    const limit = parseLimit(url);
    if (typeof limit === 'string') return textResponse(R, 400, limit);
    const doc = await cached(`feed|${route.scope}|${route.slug ?? ''}|${route.format}|${limit}|${variant}`, async () => {
      const scope = await resolveScope(db, route.scope, route.slug);
      return scope ? buildFeed(db, config, scope, route.format, { limit, fullText, sizeLimits }) : null;
    });
    if (!doc) {
      const what = route.scope === 'section' ? 'section' : 'tag';
      const list = route.scope === 'section' ? 'the "sections" query' : 'an article\'s "tags"';
      return textResponse(
        R,
        404,
        `No ${what} has the slug "${(route.slug ?? '').slice(0, ECHO_MAX_CHARS)}". Existing ${what} slugs are listed by ${list} at ${config.publicBaseUrl}/graphql.`,
        { 'cache-control': FEED_CACHE_CONTROL.notFound },
      );
    }
    const link = feedLinkHeader(
      config.publicBaseUrl,
      route.scope === 'site' ? { kind: 'site' } : { kind: route.scope, slug: route.slug! },
      route.format,
    );
    return documentResponse(R, request, doc, { 'cache-control': cacheControl, vary: 'X-Kabar-Partner-Key', link });
  }

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const route = matchFeedRoute(url.pathname);
      if (!route) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(textResponse(fetchAPI.Response, 405, `${url.pathname} only answers GET and HEAD.`, { allow: 'GET, HEAD' }));
        return;
      }
      try {
        const response = await handle(fetchAPI.Response, route, request, url);
        // CDN tags: a take-down purges both, a publication soft-purges both (src/cache/tags.ts).
        const tag = route.kind === 'sitemapIndex' || route.kind === 'newsSitemap' || route.kind === 'monthSitemap' ? SITEMAPS_TAG : FEEDS_TAG;
        if (response.status === 200 || response.status === 304) for (const [name, value] of cdnTagHeaders([tag])) response.headers.set(name, value);
        endResponse(response);
      } catch (error) {
        console.error('[feeds] failed to build', url.pathname, error);
        endResponse(
          textResponse(fetchAPI.Response, 503, 'The feed is temporarily unavailable; please retry in a minute.', {
            'retry-after': String(RETRY_AFTER_SECONDS),
          }),
        );
      }
    },
  };
}
