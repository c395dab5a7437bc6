import { create } from 'xmlbuilder2';
import { w3cWib } from './dates';
import { cleanText } from './html';

// Sitemaps (sitemaps.org 0.9) and the Google News extension. Dates carry the WIB offset, as Google
// News asks for ("publication_date with offset").

const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';

export interface SitemapRef {
  url: string;
  lastModified: Date | null;
}

export function renderSitemapIndex(sitemaps: readonly SitemapRef[]): string {
  const index = create({ version: '1.0', encoding: 'UTF-8' }).ele('sitemapindex', { xmlns: SITEMAP });
  for (const sitemap of sitemaps) {
    const el = index.ele('sitemap');
    el.ele('loc').txt(sitemap.url);
    if (sitemap.lastModified) el.ele('lastmod').txt(w3cWib(sitemap.lastModified));
  }
  return index.end({ prettyPrint: true });
}

export interface NewsSitemapEntry {
  url: string;
  title: string;
  language: string;
  publishedAt: Date;
  updatedAt: Date;
}

export function renderNewsSitemap(publication: { name: string; language: string }, entries: readonly NewsSitemapEntry[]): string {
  const urlset = create({ version: '1.0', encoding: 'UTF-8' }).ele('urlset', { xmlns: SITEMAP, 'xmlns:news': NEWS });
  for (const entry of entries) {
    const url = urlset.ele('url');
    url.ele('loc').txt(entry.url);
    url.ele('lastmod').txt(w3cWib(entry.updatedAt));
    const news = url.ele('news:news');
    const pub = news.ele('news:publication');
    pub.ele('news:name').txt(cleanText(publication.name));
    pub.ele('news:language').txt(entry.language || publication.language);
    news.ele('news:publication_date').txt(w3cWib(entry.publishedAt));
    news.ele('news:title').txt(cleanText(entry.title));
  }
  return urlset.end({ prettyPrint: true });
}

export interface SitemapEntry {
  url: string;
  lastModified: Date;
}

export function renderUrlSitemap(entries: readonly SitemapEntry[]): string {
  const urlset = create({ version: '1.0', encoding: 'UTF-8' }).ele('urlset', { xmlns: SITEMAP });
  for (const entry of entries) {
    const url = urlset.ele('url');
    url.ele('loc').txt(entry.url);
    url.ele('lastmod').txt(w3cWib(entry.lastModified));
  }
  return urlset.end({ prettyPrint: true });
}
