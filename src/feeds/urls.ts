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

export function feedPath(scope: FeedScope, format: FeedFormat): string {
  switch (scope.kind) {
    case 'site':
      return `/feeds/${FEED_FILES[format]}`;
    case 'section':
      return `/feeds/sections/${encodeURIComponent(scope.section.slug)}/${FEED_FILES[format]}`;
    case 'tag':
      return `/feeds/tags/${encodeURIComponent(scope.tag.slug)}/${FEED_FILES[format]}`;
  }
}

export function feedLinks(baseUrl: string, scope: FeedScope): FeedLinks {
  return {
    rss: baseUrl + feedPath(scope, 'rss'),
    atom: baseUrl + feedPath(scope, 'atom'),
    json: baseUrl + feedPath(scope, 'json'),
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

export function ninjsUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/articles/${encodeURIComponent(slug)}.ninjs.json`;
}
