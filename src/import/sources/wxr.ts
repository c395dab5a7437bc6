import fs from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { FileReadOptions } from './csv';
import type { SourceArticle, SourceImage, SourceItem } from '../types';

// WordPress eXtended RSS (Tools → Export), streamed with a SAX parser: one <item> at a time, so a
// multi-gigabyte export never sits in memory. Items are posts, pages, attachments, menu items…;
// only posts become articles. Featured images are attachments referenced by id from a post's
// `_thumbnail_id` meta; an attachment listed before its post is resolved at once, one listed after
// is reported through `pendingHero` and attached by the importer at the end.

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

function itemToSource(item: RawItem, authors: Map<string, string>, attachments: AttachmentIndex, site: string | null): SourceArticle {
  const f = item.fields;
  const thumbnailId = item.meta._thumbnail_id?.trim() || null;
  const hero = thumbnailId ? attachments.get(thumbnailId) : undefined;
  const login = f['dc:creator']?.trim();
  return {
    url: f.link || (/^https?:\/\//.test(f.guid ?? '') ? f.guid : null),
    title: f.title,
    titleIsHtml: true,
    excerpt: f['excerpt:encoded'],
    excerptIsHtml: true,
    body: f['content:encoded'],
    bodyFormat: 'wordpress',
    date: f['wp:post_date'] || f.pubDate,
    dateUtc: f['wp:post_date_gmt'],
    modifiedUtc: f['wp:post_modified_gmt'],
    categories: item.categories.filter((c) => c.domain === 'category').map((c) => c.name),
    tags: item.categories.filter((c) => c.domain === 'post_tag').map((c) => c.name),
    author: login ? { name: authors.get(login) ?? login } : null,
    status: f['wp:status'] ?? 'publish',
    postType: f['wp:post_type'] ?? 'post',
    slug: f['wp:post_name'] ? decodeURIComponentSafe(f['wp:post_name']) : null,
    source: site,
    heroImage: thumbnailId ? hero : null,
    pendingHeroId: thumbnailId && !hero ? thumbnailId : null,
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export async function* readWxr(file: string, attachments: AttachmentIndex, options: FileReadOptions = {}): AsyncGenerator<SourceItem> {
  const parser = new SaxesParser({ xmlns: false, fileName: file });
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  const authors = new Map<string, string>();
  const ready: RawItem[] = [];
  const stack: string[] = [];
  let item: RawItem | null = null;
  let text = '';
  let author: Record<string, string> | null = null;
  let postmeta: Record<string, string> | null = null;
  let site: string | null = null;
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
      if (login) authors.set(login, author['wp:author_display_name'] || login);
      author = null;
    } else if (parent === 'channel' && tag.name === 'link' && !site) {
      site = hostOf(text.trim());
    }
    text = '';
  });
  parser.on('error', (error) => {
    failure ??= error;
  });

  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  let record = 0;
  const drain = function* (): Generator<SourceItem> {
    for (const raw of ready.splice(0)) {
      record += 1;
      const position = { file, record, line: raw.line };
      const type = raw.fields['wp:post_type'] ?? 'post';
      if (type === 'attachment') {
        const id = raw.fields['wp:post_id']?.trim();
        const url = raw.fields['wp:attachment_url']?.trim();
        if (id && url) attachments.set(id, { url, caption: raw.fields['excerpt:encoded']?.trim() || null });
      }
      yield { kind: 'article', position, article: itemToSource(raw, authors, attachments, site) };
    }
  };
  for await (const chunk of stream) {
    parser.write(chunk as string);
    options.onBytes?.(stream.bytesRead);
    yield* drain();
    if (failure) break;
  }
  if (!failure) {
    try {
      parser.close();
    } catch (error) {
      failure = error as Error;
    }
  }
  yield* drain();
  if (failure) {
    record += 1;
    yield {
      kind: 'skip',
      position: { file, record, line: (item as RawItem | null)?.line ?? parser.line },
      reason: 'malformed-record',
      detail: `XML error, the rest of the file was not read: ${(failure as Error).message}`,
    };
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
