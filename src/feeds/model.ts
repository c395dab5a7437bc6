import type { Config } from '../config';
import { absoluteUrl, articleUrl } from '../content/urls';
import { cleanText, feedHtml, figureHtml, textExcerpt } from './html';
import { truncateWords } from '../common/text';
import type { FeedArticleRow, FeedRelations, FeedScope } from './repository';
import { feedLinks, sectionPageUrl, tagPageUrl, type FeedLinks } from './urls';

// The format-neutral shape of a feed. Renderers (RSS, Atom, JSON Feed, ninjs) only translate it;
// every decision about what a partner sees (ids, addresses, text cleaning, full text or excerpt) is
// made here, once, so the formats cannot disagree.

export interface FeedImage {
  url: string;
  type: string | null;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
}

export interface FeedCategory {
  kind: 'section' | 'tag';
  slug: string;
  name: string;
  /** The category's page on the site. */
  url: string;
  /** Identifies the vocabulary (Atom category scheme): the site's section or tag folder. */
  scheme: string;
}

export interface FeedAuthor {
  name: string;
}

export interface FeedItem {
  /** Never changes for an article, whatever is edited: "urn:kabar:article:<id>". */
  id: string;
  articleId: number;
  slug: string;
  url: string;
  title: string;
  subtitle: string | null;
  /** Plain text. */
  summary: string;
  /** Full body HTML with the hero image on top; null in excerpt mode. */
  contentHtml: string | null;
  wordCount: number;
  dateline: string | null;
  authors: FeedAuthor[];
  section: FeedCategory | null;
  tags: FeedCategory[];
  image: FeedImage | null;
  language: string;
  publishedAt: Date;
  /** When the article last changed, never earlier than its publication. */
  updatedAt: Date;
  createdAt: Date;
}

export interface FeedChannel {
  id: string;
  title: string;
  description: string;
  homeUrl: string;
  links: FeedLinks;
  language: string;
  publisher: string;
  /** The publication's home page (homeUrl is the scope's page). */
  siteUrl: string;
  /** Newest change among the items; null for an empty feed. The render never reads the clock. */
  updatedAt: Date | null;
}

// Plain-text fields are bounded so that an item without its body is always small; only the body can
// make an item large, and the size rules (src/feeds/fit.ts) deal with that.
const MAX_TITLE_CHARS = 500;
const MAX_SUMMARY_CHARS = 2000;

export function articleGuid(articleId: number): string {
  return `urn:kabar:article:${articleId}`;
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

export function imageMimeType(url: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return extension ? (IMAGE_TYPES[extension] ?? null) : null;
}

function heroImage(row: FeedArticleRow, baseUrl: string): FeedImage | null {
  if (!row.hero_image_url) return null;
  let url: string;
  try {
    url = absoluteUrl(row.hero_image_url, baseUrl);
  } catch {
    return null;
  }
  if (!/^https?:/.test(url)) return null;
  const positive = (n: number | null) => (n !== null && Number.isInteger(n) && n > 0 ? n : null);
  return {
    url,
    type: imageMimeType(url),
    width: positive(row.hero_image_width),
    height: positive(row.hero_image_height),
    caption: cleanText(row.hero_image_caption) || null,
    credit: cleanText(row.hero_image_credit) || null,
  };
}

/** A URL as the WHATWG parser normalises it (controls and spaces percent-encoded), or null if unusable. */
function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** The article's address for partners; a stored canonical URL that is not a usable http(s) URL is ignored. */
export function feedArticleUrl(row: Parameters<typeof articleUrl>[0], baseUrl: string): string {
  return safeUrl(articleUrl(row, baseUrl)) ?? articleUrl({ ...row, canonical_url: null }, baseUrl);
}

export function toFeedItem(row: FeedArticleRow, relations: FeedRelations, config: Config, fullText: boolean): FeedItem {
  const base = config.publicBaseUrl;
  const image = heroImage(row, base);
  const author = row.author_id !== null ? relations.authors.get(row.author_id) : undefined;
  const section = relations.sections.get(row.section_id);
  const summary = truncateWords(
    cleanText(row.excerpt) || cleanText(row.subtitle) || (row.body_html ? textExcerpt(row.body_html) : '') || cleanText(row.title),
    MAX_SUMMARY_CHARS,
  );
  let contentHtml: string | null = null;
  if (fullText) {
    const body = feedHtml(row.body_html ?? '', base);
    // The line break keeps readers that build a text teaser from the content from gluing the
    // caption to the first sentence.
    contentHtml = image ? `${figureHtml(image)}\n${body}` : body;
  }
  return {
    id: articleGuid(row.id),
    articleId: row.id,
    slug: row.slug,
    url: feedArticleUrl(row, base),
    title: truncateWords(cleanText(row.title), MAX_TITLE_CHARS),
    subtitle: truncateWords(cleanText(row.subtitle), MAX_SUMMARY_CHARS) || null,
    summary,
    contentHtml,
    wordCount: row.word_count,
    dateline: cleanText(row.dateline) || null,
    authors: author ? [{ name: cleanText(author.name) }] : [],
    section: section
      ? { kind: 'section', slug: section.slug, name: cleanText(section.name), url: sectionPageUrl(base, section.slug), scheme: `${base}/sections/` }
      : null,
    tags: (relations.tags.get(row.id) ?? []).map((t) => ({
      kind: 'tag',
      slug: t.slug,
      name: cleanText(t.name),
      url: tagPageUrl(base, t.slug),
      scheme: `${base}/tags/`,
    })),
    image,
    language: row.language || 'id',
    publishedAt: row.published_at,
    updatedAt: row.updated_at > row.published_at ? row.updated_at : row.published_at,
    createdAt: row.created_at,
  };
}

export function newestChange(items: readonly FeedItem[]): Date | null {
  let newest: Date | null = null;
  for (const item of items) if (!newest || item.updatedAt > newest) newest = item.updatedAt;
  return newest;
}

export function feedChannel(scope: FeedScope, config: Config, items: readonly FeedItem[]): FeedChannel {
  const base = config.publicBaseUrl;
  const site = config.siteName;
  const common = { language: 'id', publisher: site, siteUrl: `${base}/`, updatedAt: newestChange(items), links: feedLinks(base, scope) };
  switch (scope.kind) {
    case 'site':
      return { ...common, id: 'urn:kabar:feed:site', title: site, description: `Berita terbaru dari ${site}.`, homeUrl: `${base}/` };
    case 'section':
      return {
        ...common,
        id: `urn:kabar:feed:section:${scope.section.id}`,
        title: `${cleanText(scope.section.name)} — ${site}`,
        description: cleanText(scope.section.description) || `Berita terbaru rubrik ${cleanText(scope.section.name)} dari ${site}.`,
        homeUrl: sectionPageUrl(base, scope.section.slug),
      };
    case 'tag':
      return {
        ...common,
        id: `urn:kabar:feed:tag:${scope.tag.id}`,
        title: `${cleanText(scope.tag.name)} — ${site}`,
        description: `Berita terbaru bertopik ${cleanText(scope.tag.name)} dari ${site}.`,
        homeUrl: tagPageUrl(base, scope.tag.slug),
      };
  }
}
