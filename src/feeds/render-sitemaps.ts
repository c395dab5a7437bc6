import { w3cWib } from '../common/time';
import { cleanText } from './html';
import { compact, xmlDocument } from './xml';

// Sitemaps (sitemaps.org 0.9) and the Google News extension. Dates carry the WIB offset, as Google
// News asks for ("publication_date with offset").

const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';

export interface SitemapRef {
  url: string;
  lastModified: Date | null;
}

export function renderSitemapIndex(sitemaps: readonly SitemapRef[]): string {
  return xmlDocument(
    'sitemapindex',
    compact({
      '@xmlns': SITEMAP,
      sitemap: sitemaps.length
        ? sitemaps.map((s) => compact({ loc: s.url, lastmod: s.lastModified ? w3cWib(s.lastModified) : undefined }))
        : undefined,
    }),
  );
}

export interface NewsSitemapEntry {
  url: string;
  title: string;
  language: string;
  publishedAt: Date;
  updatedAt: Date;
}

export function renderNewsSitemap(publication: { name: string; language: string }, entries: readonly NewsSitemapEntry[]): string {
  return xmlDocument(
    'urlset',
    compact({
      '@xmlns': SITEMAP,
      '@xmlns:news': NEWS,
      url: entries.length
        ? entries.map((e) => ({
            loc: e.url,
            lastmod: w3cWib(e.updatedAt),
            'news:news': {
              'news:publication': { 'news:name': cleanText(publication.name), 'news:language': e.language || publication.language },
              'news:publication_date': w3cWib(e.publishedAt),
              'news:title': cleanText(e.title),
            },
          }))
        : undefined,
    }),
  );
}

export interface SitemapEntry {
  url: string;
  lastModified: Date;
}

export function renderUrlSitemap(entries: readonly SitemapEntry[]): string {
  return xmlDocument(
    'urlset',
    compact({
      '@xmlns': SITEMAP,
      url: entries.length ? entries.map((e) => ({ loc: e.url, lastmod: w3cWib(e.lastModified) })) : undefined,
    }),
  );
}
