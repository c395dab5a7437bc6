import fs from 'node:fs/promises';
import { htmlToText } from '../text';
import type { SourceArticle, SourceItem } from '../types';
import { NO_MEDIA } from '../wordpress/media';
import { previousAddresses } from './wxr';

// WordPress REST API pages (`/wp-json/wp/v2/posts?_embed&per_page=100&page=N`) saved to files: each
// file is a JSON array of posts (a page holds at most 100, so reading one whole is fine). `_embed`
// matters: it carries the author's name, the category and tag names and the featured image.

type Json = Record<string, unknown>;

function rendered(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Json).rendered === 'string') return (value as Json).rendered as string;
  return null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

function embedded(post: Json): Json {
  return post._embedded && typeof post._embedded === 'object' ? (post._embedded as Json) : {};
}

function terms(post: Json, taxonomy: string): string[] {
  const groups = embedded(post)['wp:term'];
  if (!Array.isArray(groups)) return [];
  return groups
    .flat()
    .filter((t): t is Json => !!t && typeof t === 'object' && (t as Json).taxonomy === taxonomy)
    .map((t) => htmlToText(str(t.name) ?? '').trim())
    .filter(Boolean);
}

/** The site's address: from the post's link, else from its own API address (…/wp-json/wp/v2/posts/1). */
function siteBase(post: Json, link: string | null): string | null {
  const links = post._links && typeof post._links === 'object' ? (post._links as Json) : {};
  const self = Array.isArray(links.self) ? str((links.self[0] as Json | undefined)?.href) : null;
  for (const candidate of [link, self]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      const apiAt = url.pathname.indexOf('/wp-json/');
      return candidate === self && apiAt >= 0 ? `${url.origin}${url.pathname.slice(0, apiAt)}` : url.origin;
    } catch {
      // try the next
    }
  }
  return null;
}

function postToSource(post: Json): SourceArticle {
  const embeds = embedded(post);
  const author = Array.isArray(embeds.author) ? (embeds.author[0] as Json | undefined) : undefined;
  const media = Array.isArray(embeds['wp:featuredmedia']) ? (embeds['wp:featuredmedia'][0] as Json | undefined) : undefined;
  const details = media?.media_details && typeof media.media_details === 'object' ? (media.media_details as Json) : {};
  const avatars = author?.avatar_urls && typeof author.avatar_urls === 'object' ? Object.values(author.avatar_urls as Json) : [];
  const link = str(post.link);
  const base = siteBase(post, link);
  const id = str(post.id);
  const renderedBody = rendered(post.content);
  const rawBody = post.content && typeof post.content === 'object' ? str((post.content as Json).raw) : null;
  return {
    url: link,
    sourceKey: base && id ? `wordpress:${hostOf(base)}:${id}` : null,
    previousAddresses: previousAddresses(base, id, str(post.slug), str(post.date)?.replace('T', ' ') ?? undefined, [link, rendered(post.guid)]),
    wordpress: { postId: id, media: NO_MEDIA },
    title: rendered(post.title),
    titleIsHtml: true,
    excerpt: rendered(post.excerpt),
    excerptIsHtml: true,
    // content.rendered is what readers saw; content.raw (blocks, shortcodes) only when nothing was rendered.
    body: renderedBody ?? rawBody,
    bodyFormat: renderedBody !== null ? 'wordpress-rendered' : 'wordpress',
    date: str(post.date),
    dateUtc: str(post.date_gmt),
    modifiedUtc: str(post.modified_gmt),
    categories: terms(post, 'category'),
    tags: terms(post, 'post_tag'),
    author:
      author && str(author.name)
        ? { name: htmlToText(str(author.name)!), bio: str(author.description) || null, avatarUrl: str(avatars[avatars.length - 1]) }
        : null,
    status: str(post.status) ?? 'publish',
    postType: str(post.type) ?? 'post',
    slug: str(post.slug),
    source: base ? hostOf(base) : null,
    heroImage:
      media && str(media.source_url)
        ? {
            url: str(media.source_url)!,
            caption: htmlToText(rendered(media.caption) ?? '').trim() || str(media.alt_text) || null,
            width: typeof details.width === 'number' ? details.width : null,
            height: typeof details.height === 'number' ? details.height : null,
          }
        : null,
  };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

export async function* readWpRest(file: string): AsyncGenerator<SourceItem> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    yield { kind: 'skip', position: { file, record: 1 }, reason: 'malformed-record', detail: `not a JSON file: ${(error as Error).message}` };
    return;
  }
  const posts = Array.isArray(data) ? data : [data];
  let record = 0;
  for (const post of posts) {
    record += 1;
    const position = { file, record };
    if (!post || typeof post !== 'object' || Array.isArray(post)) {
      yield { kind: 'skip', position, reason: 'malformed-record', detail: 'not a post object' };
      continue;
    }
    yield { kind: 'article', position, article: postToSource(post as Json) };
  }
}
