import type { FeedDocument } from '../../feeds/documents';
import { feedLinks, type FeedFormat, type ScopeRef } from '../../feeds/urls';
import { isNotModified } from '../../common/http';

// How feed documents and refusals go out: validators and 304s, the content types, and the Link
// header that points feed readers at the other formats.

type ResponseCtor = typeof Response;

/** Cache-Control of each kind of answer. Full text goes to one partner: shared caches must not keep it. */
export const FEED_CACHE_CONTROL = {
  sitemapIndex: 'public, max-age=3600',
  monthSitemap: 'public, max-age=3600',
  newsSitemap: 'public, max-age=300',
  publicFeed: 'public, max-age=300',
  partnerFeed: 'private, max-age=300',
  notFound: 'public, max-age=60',
  missingMonth: 'public, max-age=300',
} as const;

/** Seconds a client should wait before retrying a feed that failed to build. */
export const RETRY_AFTER_SECONDS = 60;

/** How much of a client's own input an error message repeats. */
export const ECHO_MAX_CHARS = 200;

/** A short plain-text answer that is never cached unless `headers` says otherwise. */
export function textResponse(R: ResponseCtor, status: number, message: string, headers: Record<string, string> = {}): Response {
  return new R(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });
}

/** The document, or 304 when the request's validators name it; HEAD gets the headers only. */
export function documentResponse(R: ResponseCtor, request: Request, doc: FeedDocument, headers: Record<string, string>): Response {
  const common: Record<string, string> = { etag: doc.etag, 'x-content-type-options': 'nosniff', ...headers };
  if (doc.lastModified) common['last-modified'] = doc.lastModified.toUTCString();
  if (isNotModified(request, doc)) return new R(null, { status: 304, headers: common });
  const body = request.method === 'HEAD' ? null : doc.body;
  return new R(body, { status: 200, headers: { ...common, 'content-type': doc.contentType } });
}

const MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

/** RFC 8288 links to the same feed in each format: "self" for the one served, "alternate" for the others. */
export function feedLinkHeader(baseUrl: string, scope: ScopeRef, served: FeedFormat): string {
  const links = feedLinks(baseUrl, scope);
  return (Object.keys(MEDIA_TYPES) as FeedFormat[])
    .map((format) => `<${links[format]}>; rel="${format === served ? 'self' : 'alternate'}"; type="${MEDIA_TYPES[format]}"`)
    .join(', ');
}
