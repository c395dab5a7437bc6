import fs from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { FileReadOptions } from './csv';
import type { SourceArticle, SourceImage, SourceItem } from '../types';
import { attachmentKind, MediaIndex } from '../wordpress/media';

// WordPress eXtended RSS (Tools → Export), streamed with a SAX parser: one <item> at a time, so a
// multi-gigabyte export never sits in memory. Items are posts, pages, attachments, menu items…;
// only posts become articles. Featured images are attachments referenced by id from a post's
// `_thumbnail_id` meta; an attachment listed before its post is resolved at once, one listed after
// is reported through `pendingHero` and attached by the importer at the end.
//
// Posts refer to attachments (galleries, captions, playlists) and reusable blocks by id, and an
// export lists them in id order, often after the posts that use them. A first pass over the file
// indexes just those (their URLs, captions, credits, sizes), so that every post is converted whole
// in the second pass; the index is what the file holds in memory, a few hundred bytes per upload.

/** Attachment id → image, filled as the export is read. */
export type AttachmentIndex = Map<string, SourceImage>;

interface RawItem {
  line: number;
  fields: Record<string, string>;
  categories: { domain: string; name: string }[];
  meta: Record<string, string>;
}

// Named HTML entities that turn up in hand-edited or plugin-written exports; XML knows only five.
const HTML_ENTITIES: Record<string, string> = {
  nbsp: '\u00A0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  bull: '•',
  middot: '·',
  eacute: 'é',
  deg: '°',
};

function itemToSource(item: RawItem, channel: Channel, attachments: AttachmentIndex, media: MediaIndex): SourceArticle {
  const f = item.fields;
  const thumbnailId = item.meta._thumbnail_id?.trim() || null;
  const hero = thumbnailId ? attachments.get(thumbnailId) : undefined;
  const login = f['dc:creator']?.trim();
  const postId = f['wp:post_id']?.trim() || null;
  const slug = f['wp:post_name'] ? decodeURIComponentSafe(f['wp:post_name']) : null;
  const guid = /^https?:\/\//.test(f.guid?.trim() ?? '') ? f.guid!.trim() : null;
  return {
    url: f.link || guid,
    title: f.title,
    titleIsHtml: true,
    excerpt: f['excerpt:encoded'],
    excerptIsHtml: true,
    body: f['content:encoded'],
    bodyFormat: 'wordpress',
    wordpress: { postId, media },
    sourceKey: channel.site && postId ? `wordpress:${channel.site}:${postId}` : null,
    previousAddresses: previousAddresses(channel.base, postId, slug, f['wp:post_date'], [f.link, guid]),
    date: f['wp:post_date'] || f.pubDate,
    dateUtc: f['wp:post_date_gmt'],
    modifiedUtc: f['wp:post_modified_gmt'],
    categories: item.categories.filter((c) => c.domain === 'category').map((c) => c.name),
    tags: item.categories.filter((c) => c.domain === 'post_tag').map((c) => c.name),
    author: login ? { name: channel.authors.get(login) ?? login } : null,
    status: f['wp:status'] ?? 'publish',
    postType: f['wp:post_type'] ?? 'post',
    slug,
    source: channel.site,
    heroImage: thumbnailId ? hero : null,
    pendingHeroId: thumbnailId && !hero ? thumbnailId : null,
  };
}

/**
 * The addresses a WordPress post answers to under each permalink setting (Settings → Permalinks):
 * plain (/?p=123), day and name, month and name, numeric (/archives/123) and post name. Dates in
 * permalinks are the site's local date (wp:post_date).
 */
export function previousAddresses(
  base: string | null,
  postId: string | null,
  slug: string | null,
  localDate: string | undefined,
  given: (string | null | undefined)[],
): string[] {
  const addresses = given.filter((a): a is string => !!a && !!a.trim());
  const prefix = base ?? '';
  if (postId) addresses.push(`${prefix}/?p=${postId}`, `${prefix}/archives/${postId}`);
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(localDate ?? '');
  if (slug) {
    const encoded = encodeURIComponent(slug);
    addresses.push(`${prefix}/${encoded}/`);
    if (date && date[1] !== '0000')
      addresses.push(`${prefix}/${date[1]}/${date[2]}/${date[3]}/${encoded}/`, `${prefix}/${date[1]}/${date[2]}/${encoded}/`);
  }
  return addresses;
}

interface Channel {
  site: string | null;
  base: string | null;
  authors: Map<string, string>;
}

function phpSerialised(meta: string | undefined, key: string, kind: 'i' | 's'): string | null {
  if (!meta) return null;
  const pattern = kind === 'i' ? `s:${key.length}:"${key}";i:(\\d+);` : `s:${key.length}:"${key}";s:\\d+:"([^"]*)";`;
  return new RegExp(pattern).exec(meta)?.[1] ?? null;
}

function indexMedia(item: RawItem, media: MediaIndex): void {
  const f = item.fields;
  const id = f['wp:post_id']?.trim();
  if (!id) return;
  const type = f['wp:post_type'] ?? 'post';
  if (type === 'wp_block') {
    media.reusableBlocks.set(id, f['content:encoded'] ?? '');
    return;
  }
  const url = f['wp:attachment_url']?.trim();
  if (type !== 'attachment' || !url) return;
  const metadata = item.meta._wp_attachment_metadata;
  const number = (key: string) => {
    const n = Number(phpSerialised(metadata, key, 'i'));
    return Number.isFinite(n) && n > 0 ? n : null;
  };
  const parent = f['wp:post_parent']?.trim();
  media.addAttachment(id, {
    url,
    kind: attachmentKind(url),
    title: f.title?.trim() || null,
    caption: f['excerpt:encoded']?.trim() || null,
    credit: phpSerialised(metadata, 'credit', 's')?.trim() || null,
    width: number('width'),
    height: number('height'),
    parentId: parent && parent !== '0' ? parent : null,
    order: Number(f['wp:menu_order'] ?? 0) || 0,
  });
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

type WxrEvent = { kind: 'item'; item: RawItem } | { kind: 'error'; line: number; error: Error };

/** The export's items one at a time, filling `channel` (site, authors) as its header is read. */
async function* wxrItems(file: string, channel: Channel, onBytes?: (n: number) => void): AsyncGenerator<WxrEvent> {
  const parser = new SaxesParser({ xmlns: false, fileName: file });
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  const ready: RawItem[] = [];
  const stack: string[] = [];
  let item: RawItem | null = null;
  let text = '';
  let author: Record<string, string> | null = null;
  let postmeta: Record<string, string> | null = null;
  let failure: Error | null = null;

  parser.on('opentag', (tag: SaxesTagPlain) => {
    stack.push(tag.name);
    text = '';
    const depth = stack.length;
    if (tag.name === 'item' && stack[depth - 2] === 'channel') {
      item = { line: parser.line, fields: {}, categories: [], meta: {} };
    } else if (item && tag.name === 'wp:postmeta' && stack[depth - 2] === 'item') {
      postmeta = {};
    } else if (!item && tag.name === 'wp:author') {
      author = {};
    }
  });
  parser.on('text', (chunk) => (text += chunk));
  parser.on('cdata', (chunk) => (text += chunk));
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const parent = stack[stack.length - 2];
    stack.pop();
    if (item) {
      if (tag.name === 'item') {
        ready.push(item);
        item = null;
      } else if (parent === 'item' && tag.name === 'category') {
        item.categories.push({ domain: String(tag.attributes.domain ?? 'category'), name: text.trim() });
      } else if (parent === 'item' && tag.name === 'wp:postmeta') {
        if (postmeta?.key) item.meta[postmeta.key] = postmeta.value ?? '';
        postmeta = null;
      } else if (parent === 'wp:postmeta' && postmeta) {
        if (tag.name === 'wp:meta_key') postmeta.key = text.trim();
        if (tag.name === 'wp:meta_value') postmeta.value = text;
      } else if (parent === 'item') {
        item.fields[tag.name] = text;
      }
    } else if (author && parent === 'wp:author') {
      author[tag.name] = text.trim();
    } else if (author && tag.name === 'wp:author') {
      const login = author['wp:author_login'];
      if (login) channel.authors.set(login, author['wp:author_display_name'] || login);
      author = null;
    } else if (parent === 'channel' && (tag.name === 'link' || tag.name === 'wp:base_blog_url') && !channel.base) {
      channel.base = text.trim().replace(/\/+$/, '') || null;
      channel.site = hostOf(text.trim());
    }
    text = '';
  });
  parser.on('error', (error) => {
    failure ??= error;
  });

  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  for await (const chunk of stream) {
    parser.write(chunk as string);
    onBytes?.(stream.bytesRead);
    for (const raw of ready.splice(0)) yield { kind: 'item', item: raw };
    if (failure) break;
  }
  stream.destroy();
  if (!failure) {
    try {
      parser.close();
    } catch (error) {
      failure = error as Error;
    }
  }
  for (const raw of ready.splice(0)) yield { kind: 'item', item: raw };
  if (failure) yield { kind: 'error', line: (item as RawItem | null)?.line ?? parser.line, error: failure };
}

export async function* readWxr(file: string, attachments: AttachmentIndex, options: FileReadOptions = {}): AsyncGenerator<SourceItem> {
  const media = new MediaIndex();
  for await (const event of wxrItems(file, { site: null, base: null, authors: new Map() })) {
    if (event.kind === 'item') indexMedia(event.item, media);
  }
  for (const [id, a] of media.attachments) {
    if (a.kind === 'image') attachments.set(id, { url: a.url, caption: a.caption, credit: a.credit, width: a.width, height: a.height });
  }

  const channel: Channel = { site: null, base: null, authors: new Map() };
  let record = 0;
  for await (const event of wxrItems(file, channel, options.onBytes)) {
    record += 1;
    if (event.kind === 'error') {
      yield {
        kind: 'skip',
        position: { file, record, line: event.line },
        reason: 'malformed-record',
        detail: `XML error, the rest of the file was not read: ${event.error.message}`,
      };
      continue;
    }
    const raw = event.item;
    yield { kind: 'article', position: { file, record, line: raw.line }, article: itemToSource(raw, channel, attachments, media) };
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
