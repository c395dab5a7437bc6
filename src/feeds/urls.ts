import type { FeedScope } from './repository';

// Addresses of the feeds and sitemaps, shared by the HTTP routes, the feeds' links to each other and
// the GraphQL `feeds` fields, so that what is advertised is exactly what is served.

export interface FeedLinks {
  rss: string;
  atom: string;
  json: string;
}

export type FeedFormat = keyof FeedLinks;

export const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

/** The site's page of a section; the frontend serves it (feeds only link to it). */
export function sectionPageUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/sections/${encodeURIComponent(slug)}`;
}

export function tagPageUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/tags/${encodeURIComponent(slug)}`;
}

/** A feed scope as the routes name it: the site, or a section or tag by slug. */
export type ScopeRef = { kind: 'site' } | { kind: 'section' | 'tag'; slug: string };

export function scopeRef(scope: FeedScope): ScopeRef {
  if (scope.kind === 'site') return { kind: 'site' };
  return { kind: scope.kind, slug: scope.kind === 'section' ? scope.section.slug : scope.tag.slug };
}

export function feedPath(scope: ScopeRef, format: FeedFormat): string {
  if (scope.kind === 'site') return `/feeds/${FEED_FILES[format]}`;
  return `/feeds/${scope.kind === 'section' ? 'sections' : 'tags'}/${encodeURIComponent(scope.slug)}/${FEED_FILES[format]}`;
}

export function feedLinks(baseUrl: string, scope: FeedScope | ScopeRef): FeedLinks {
  const ref = 'section' in scope || 'tag' in scope ? scopeRef(scope as FeedScope) : (scope as ScopeRef);
  return {
    rss: baseUrl + feedPath(ref, 'rss'),
    atom: baseUrl + feedPath(ref, 'atom'),
    json: baseUrl + feedPath(ref, 'json'),
  };
}

export function sitemapIndexUrl(baseUrl: string): string {
  return `${baseUrl}/sitemap.xml`;
}

export function newsSitemapUrl(baseUrl: string): string {
  return `${baseUrl}/sitemaps/news.xml`;
}

/** A month's article sitemap; months with more URLs than one file may hold continue in "-2", "-3", … */
export function monthSitemapUrl(baseUrl: string, month: string, page: number): string {
  return `${baseUrl}/sitemaps/articles-${month}${page > 1 ? `-${page}` : ''}.xml`;
}
