import { createHash } from 'node:crypto';
import { prepareArticleBody, prepareArticleBodyFromParts, type PreparedBody } from '../content/body';
import { normaliseArticlePath } from '../content/old-paths';
import type { StoredBlock } from '../db/types';
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
} from './text';
import type { FlagReason, ImportArticle, SkipReason, SourceArticle, SourceImage } from './types';
import { convertWordPressContent } from './wordpress/convert';
import { NO_MEDIA } from './wordpress/media';

// One source record → one article in Kabar's shape, or the reason it cannot be one. Pure: no I/O.

/** Bumped when normalisation changes what it produces, so re-imports report those rows as updated. */
const NORMALISER_VERSION = 2;
const MAX_TAGS = 20;

export interface NormaliseOptions {
  sections: SectionMapper;
  /** Minutes east of UTC for dates without a zone: WIB (+07:00) unless the file says otherwise. */
  defaultOffsetMinutes: number;
  /** Overrides the records' own source (publisher) name. */
  source?: string | null;
}

export interface NormaliseFlag {
  reason: FlagReason;
  detail: string;
}

export type NormaliseResult =
  { ok: true; article: ImportArticle; pendingHeroId: string | null; flags: NormaliseFlag[] } | { ok: false; reason: SkipReason; detail: string };

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

interface Body {
  prepared: PreparedBody;
  /** Paragraph texts, when the source was plain text (they make the excerpt). */
  paragraphs: string[];
  problems: string[];
}

function body(source: SourceArticle): Body | NormaliseResult {
  const raw = source.body ?? '';
  if (isMissing(raw)) return skip('empty-body', 'the body is empty');
  if (isSpreadsheetError(raw)) return skip('broken-body', `the body is the spreadsheet error "${raw.trim()}"`);
  if (source.bodyFormat === 'wordpress' || source.bodyFormat === 'wordpress-rendered') {
    const converted = convertWordPressContent(raw, {
      postId: source.wordpress?.postId ?? null,
      media: source.wordpress?.media ?? NO_MEDIA,
      form: source.bodyFormat === 'wordpress' ? 'stored' : 'rendered',
    });
    const parts = converted.parts.map((part) => (part.kind === 'html' ? { ...part, html: dropBoilerplateParagraphs(part.html) } : part));
    return { prepared: prepareArticleBodyFromParts(parts), paragraphs: [], problems: converted.problems };
  }
  const format = source.bodyFormat === 'auto' ? (looksLikeHtml(raw) ? 'html' : 'text') : source.bodyFormat;
  if (format === 'text') {
    const paragraphs = splitScrapedText(raw);
    return { prepared: prepareArticleBody(paragraphsToHtml(paragraphs)), paragraphs, problems: [] };
  }
  return { prepared: prepareArticleBody(dropBoilerplateParagraphs(raw)), paragraphs: [], problems: [] };
}

const MAX_GENERATED_TITLE = 100;

/** A title for an untitled post: its first sentence, else its first caption, else what it embeds. */
function titleFromBody(blocks: readonly StoredBlock[]): string | null {
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    const text = cleanInline(htmlToText(block.html));
    if (!/\p{L}/u.test(text)) continue;
    const sentence = /^(.+?[.!?])(?=\s|$)/u.exec(text)?.[1] ?? text;
    if (sentence.length <= MAX_GENERATED_TITLE) return sentence.replace(/\.$/, '');
    const cut = sentence.slice(0, MAX_GENERATED_TITLE + 1).lastIndexOf(' ');
    return `${sentence.slice(0, cut > MAX_GENERATED_TITLE / 2 ? cut : MAX_GENERATED_TITLE)}…`;
  }
  for (const block of blocks) {
    const caption =
      block.type === 'image' ? block.caption : block.type === 'gallery' ? (block.caption ?? block.images.find((i) => i.caption)?.caption) : null;
    if (caption) return caption.replace(/\.$/, '');
  }
  const embed = blocks.find((b) => b.type === 'embed');
  return embed?.type === 'embed' ? embed.url.replace(/^https?:\/\//, '') : null;
}

function oldPathsOf(url: string | null, previous: readonly string[] | undefined): string[] {
  const paths = new Set<string>();
  for (const address of [...(url ? [url] : []), ...(previous ?? [])]) {
    const path = normaliseArticlePath(address);
    if (path) paths.add(path);
  }
  return [...paths];
}

export function normaliseArticle(source: SourceArticle, options: NormaliseOptions): NormaliseResult {
  if (source.postType && source.postType !== 'post') return skip('not-an-article', `WordPress ${source.postType}, not a post`);
  const articleStatus = status(source.status);
  if (!articleStatus) return skip('not-public', `status "${clip(source.status ?? '')}" is not published, scheduled or draft`);

  const url = isMissing(source.url) ? null : canonicalUrl(source.url!);
  if (!isMissing(source.url) && !url && !source.sourceKey) return skip('invalid-url', `"${clip(source.url!)}" is not an http(s) URL`);
  const importKey = url ?? source.sourceKey ?? null;
  if (!importKey) return skip('missing-url', 'no canonical URL, and no source site and id to identify the article by');

  const givenTitle = isMissing(source.title) ? '' : cleanInline(source.titleIsHtml ? htmlToText(source.title!) : source.title!);
  if (isSpreadsheetError(givenTitle)) return skip('missing-title', `the title is the spreadsheet error "${givenTitle}"`);
  if (!givenTitle && source.bodyFormat !== 'wordpress' && source.bodyFormat !== 'wordpress-rendered') return skip('missing-title', 'no title');

  let publishedAt: Date | null = null;
  if (source.dateUtc && !/^0000/.test(source.dateUtc)) publishedAt = parseDate(source.dateUtc, { defaultOffsetMinutes: 0 });
  if (!publishedAt) {
    if (isMissing(source.date)) return skip('missing-date', 'no publication date');
    const time = isMissing(source.time) ? null : source.time;
    publishedAt = parseDate(source.date!, { defaultOffsetMinutes: options.defaultOffsetMinutes, time });
    if (!publishedAt) return skip('invalid-date', `"${clip(source.date!)}" is not a date in a known format`);
  }
  const modified = source.modifiedUtc && !/^0000/.test(source.modifiedUtc) ? parseDate(source.modifiedUtc, { defaultOffsetMinutes: 0 }) : null;

  const converted = body(source);
  if ('ok' in converted) return converted;
  const prepared = converted.prepared;
  if (prepared.blocks.length === 0) return skip('empty-body', 'no text, image or embed left after removing boilerplate');
  const flags: NormaliseFlag[] = [];
  if (converted.problems.length > 0) flags.push({ reason: 'malformed-content', detail: converted.problems.join('; ') });
  // WordPress publishes untitled posts (status updates, photos); they are kept with a title made
  // from their body, and reported so that an editor can write a real one.
  const title = givenTitle || titleFromBody(prepared.blocks);
  if (!title) return skip('missing-title', 'no title, and no sentence, caption or embed to make one from');
  if (!givenTitle) flags.push({ reason: 'generated-title', detail: `untitled; titled "${title}" from its body` });
  const paragraphs =
    converted.paragraphs.length > 0
      ? converted.paragraphs
      : prepared.blocks.filter((b) => b.type === 'paragraph').map((b) => cleanInline(htmlToText(b.html)));

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
  const sourceName =
    options.source ?? (isMissing(source.source) ? null : cleanInline(source.source!)) ?? (url ? new URL(url).hostname.replace(/^www\./, '') : null);

  const article: Omit<ImportArticle, 'hash'> = {
    canonicalUrl: url,
    importKey,
    oldPaths: oldPathsOf(url, source.previousAddresses),
    slugHint: shortenSlug(
      (!isMissing(source.slug) ? slugify(source.slug!, 200) : '') || (url ? slugFromUrl(url) : '') || slugify(title, 200) || 'artikel',
    ),
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
  return { ok: true, article: { ...article, hash }, pendingHeroId: source.pendingHeroId ?? null, flags };
}
