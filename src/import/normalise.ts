import { createHash } from 'node:crypto';
import { prepareArticleBody } from '../content/body';
import { slugify } from '../content/slug';
import type { ArticleStatus } from '../db/types';
import { parseDate } from './dates';
import type { SectionMapper } from './sections';
import {
  cleanInline,
  dropBoilerplateParagraphs,
  excerptFrom,
  htmlToText,
  isMissing,
  isSpreadsheetError,
  looksLikeHtml,
  paragraphsToHtml,
  splitScrapedText,
  wordpressToHtml,
} from './text';
import type { ImportArticle, SkipReason, SourceArticle, SourceImage } from './types';

// One source record → one article in Kabar's shape, or the reason it cannot be one. Pure: no I/O.

/** Bumped when normalisation changes what it produces, so re-imports report those rows as updated. */
const NORMALISER_VERSION = 1;
const MAX_TAGS = 20;

export interface NormaliseOptions {
  sections: SectionMapper;
  /** Minutes east of UTC for dates without a zone: WIB (+07:00) unless the file says otherwise. */
  defaultOffsetMinutes: number;
  /** Overrides the records' own source (publisher) name. */
  source?: string | null;
}

export type NormaliseResult = { ok: true; article: ImportArticle; pendingHeroId: string | null } | { ok: false; reason: SkipReason; detail: string };

function skip(reason: SkipReason, detail: string): NormaliseResult {
  return { ok: false, reason, detail };
}

function clip(text: string, max = 60): string {
  const clean = cleanInline(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function status(raw: string | null | undefined): ArticleStatus | null {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === '-' || ['publish', 'published', 'live', 'terbit'].includes(value)) return 'published';
  if (['future', 'scheduled', 'terjadwal'].includes(value)) return 'scheduled';
  if (['draft', 'pending', 'konsep'].includes(value)) return 'draft';
  return null;
}

/** The canonical form of an article URL: absolute http(s), no fragment, no tracking parameters. */
export function canonicalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) {
    if (/^(utm_\w+|fbclid|gclid|amp)$/i.test(key)) url.searchParams.delete(key);
  }
  return url.toString();
}

function slugFromUrl(url: string): string {
  const segments = new URL(url).pathname.split('/').filter(Boolean);
  const last = segments[segments.length - 1] ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // keep it as it is
  }
  return slugify(decoded.replace(/\.(html?|php|aspx?)$/i, ''), 200);
}

/** At most 80 characters, cut between words rather than inside one. */
function shortenSlug(slug: string, max = 80): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1).lastIndexOf('-');
  return (cut > max / 2 ? slug.slice(0, cut) : slug.slice(0, max)).replace(/-+$/, '');
}

function heroImage(image: SourceImage | null | undefined): SourceImage | null | undefined {
  if (image === undefined || image === null) return image;
  if (!canonicalUrl(image.url)) return null;
  return {
    url: image.url.trim(),
    caption: image.caption ? cleanInline(image.caption) || null : null,
    credit: image.credit ? cleanInline(image.credit) || null : null,
    width: image.width && image.width > 0 ? Math.round(image.width) : null,
    height: image.height && image.height > 0 ? Math.round(image.height) : null,
  };
}

function bodyHtml(source: SourceArticle): { html: string; paragraphs: string[] } | NormaliseResult {
  const raw = source.body ?? '';
  if (isMissing(raw)) return skip('empty-body', 'the body is empty');
  if (isSpreadsheetError(raw)) return skip('broken-body', `the body is the spreadsheet error "${raw.trim()}"`);
  const format = source.bodyFormat === 'auto' ? (looksLikeHtml(raw) ? 'html' : 'text') : source.bodyFormat;
  if (format === 'text') {
    const paragraphs = splitScrapedText(raw);
    return { html: paragraphsToHtml(paragraphs), paragraphs };
  }
  return { html: dropBoilerplateParagraphs(format === 'wordpress' ? wordpressToHtml(raw) : raw), paragraphs: [] };
}

export function normaliseArticle(source: SourceArticle, options: NormaliseOptions): NormaliseResult {
  if (source.postType && source.postType !== 'post') return skip('not-an-article', `WordPress ${source.postType}, not a post`);
  const articleStatus = status(source.status);
  if (!articleStatus) return skip('not-public', `status "${clip(source.status ?? '')}" is not published, scheduled or draft`);

  if (isMissing(source.url)) return skip('missing-url', 'no canonical URL (it identifies the article)');
  const url = canonicalUrl(source.url!);
  if (!url) return skip('invalid-url', `"${clip(source.url!)}" is not an http(s) URL`);

  const title = isMissing(source.title) ? '' : cleanInline(source.titleIsHtml ? htmlToText(source.title!) : source.title!);
  if (!title || isSpreadsheetError(title)) return skip('missing-title', title ? `the title is the spreadsheet error "${title}"` : 'no title');

  let publishedAt: Date | null = null;
  if (source.dateUtc && !/^0000/.test(source.dateUtc)) publishedAt = parseDate(source.dateUtc, { defaultOffsetMinutes: 0 });
  if (!publishedAt) {
    if (isMissing(source.date)) return skip('missing-date', 'no publication date');
    const time = isMissing(source.time) ? null : source.time;
    publishedAt = parseDate(source.date!, { defaultOffsetMinutes: options.defaultOffsetMinutes, time });
    if (!publishedAt) return skip('invalid-date', `"${clip(source.date!)}" is not a date in a known format`);
  }
  const modified = source.modifiedUtc && !/^0000/.test(source.modifiedUtc) ? parseDate(source.modifiedUtc, { defaultOffsetMinutes: 0 }) : null;

  const body = bodyHtml(source);
  if ('ok' in body) return body;
  const prepared = prepareArticleBody(body.html);
  if (prepared.wordCount === 0 || prepared.blocks.length === 0) return skip('empty-body', 'no text left after removing boilerplate');
  const paragraphs =
    body.paragraphs.length > 0 ? body.paragraphs : prepared.blocks.filter((b) => b.type === 'paragraph').map((b) => cleanInline(htmlToText(b.html)));

  const givenExcerpt = isMissing(source.excerpt)
    ? ''
    : cleanInline(source.excerptIsHtml ? htmlToText(source.excerpt!) : source.excerpt!).replace(/\s*\[(…|&hellip;|\.\.\.)\]$/, '…');
  const excerpt = givenExcerpt || excerptFrom(paragraphs);
  const subtitle = isMissing(source.subtitle) ? null : cleanInline(source.subtitle!) || null;

  const authorName = source.author && !isMissing(source.author.name) ? cleanInline(source.author.name) : '';
  const authorSlug = slugify(authorName);
  const tagsBySlug = new Map<string, { slug: string; name: string }>();
  for (const tag of source.tags ?? []) {
    const name = isMissing(tag) ? '' : cleanInline(tag);
    const slug = slugify(name);
    if (slug && !tagsBySlug.has(slug) && tagsBySlug.size < MAX_TAGS) tagsBySlug.set(slug, { slug, name });
  }
  const sourceName = options.source ?? (isMissing(source.source) ? null : cleanInline(source.source!)) ?? new URL(url).hostname.replace(/^www\./, '');

  const article: Omit<ImportArticle, 'hash'> = {
    canonicalUrl: url,
    slugHint: shortenSlug((!isMissing(source.slug) ? slugify(source.slug!, 200) : '') || slugFromUrl(url) || slugify(title, 200) || 'artikel'),
    title,
    subtitle,
    excerpt,
    bodyHtml: prepared.bodyHtml,
    blocks: prepared.blocks,
    wordCount: prepared.wordCount,
    status: articleStatus,
    publishedAt,
    updatedAt: modified,
    section: options.sections(source.categories ?? []),
    author: authorSlug
      ? {
          slug: authorSlug,
          name: authorName,
          bio: source.author?.bio ? cleanInline(htmlToText(source.author.bio)) || null : null,
          avatarUrl: source.author?.avatarUrl ?? null,
        }
      : null,
    tags: [...tagsBySlug.values()],
    source: sourceName,
    heroImage: heroImage(source.heroImage),
  };
  const hash = createHash('sha256')
    .update(JSON.stringify({ v: NORMALISER_VERSION, ...article }))
    .digest('base64url');
  return { ok: true, article: { ...article, hash }, pendingHeroId: source.pendingHeroId ?? null };
}
