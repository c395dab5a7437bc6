import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// Independent readers for the feed tests: fast-xml-parser for well-formedness and exact elements,
// Debian's python3-feedparser (what many feed readers are built on) for a reader's view, and JSON
// Schemas (checked with ajv) for JSON Feed 1.1 and the subset of IPTC ninjs 2.1 that Kabar emits.

const ALWAYS_ARRAYS = new Set(['item', 'entry', 'category', 'dc:creator', 'media:content', 'atom:link', 'link', 'author', 'url', 'sitemap']);

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

/** Parses XML after checking it is well-formed; throws with the parser's message otherwise. */
export function parseXml(xml: string): any {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return xmlParser.parse(xml);
}

/** Text of an element parsed by parseXml (plain string, or an object with "#text" when it has attributes). */
export function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as Record<string, unknown>)['#text']);
  return '';
}

export const PYTHON = '/usr/bin/python3';

const FEEDPARSER_SCRIPT = `
import json, sys, feedparser
out = []
for name in sys.argv[1:]:
    d = feedparser.parse(name)
    out.append({
        'bozo': d.bozo,
        'bozo_exception': str(d.get('bozo_exception', '')),
        'version': d.version,
        'feed': {'title': d.feed.get('title'), 'link': d.feed.get('link'), 'language': d.feed.get('language'), 'links': [dict(l) for l in d.feed.get('links', [])]},
        'entries': [{
            'id': e.get('id'), 'guidislink': e.get('guidislink'), 'title': e.get('title'), 'link': e.get('link'),
            'published': e.get('published'), 'updated': e.get('updated'), 'author': e.get('author'),
            'tags': [t.get('term') for t in e.get('tags', [])],
            'summary': e.get('summary'),
            'content': [{'type': c.get('type'), 'value': c.get('value')} for c in e.get('content', [])],
            'media_content': [dict(m) for m in e.get('media_content', [])],
        } for e in d.entries],
    })
json.dump(out, sys.stdout)
`;

export interface FeedparserResult {
  bozo: boolean | number;
  bozo_exception: string;
  version: string;
  feed: { title: string | null; link: string | null; language: string | null; links: Array<Record<string, string>> };
  entries: Array<{
    id: string | null;
    guidislink: boolean | null;
    title: string | null;
    link: string | null;
    published: string | null;
    updated: string | null;
    author: string | null;
    tags: string[];
    summary: string | null;
    content: Array<{ type: string; value: string }>;
    media_content: Array<Record<string, string>>;
  }>;
}

/** Parses documents with Debian's python3-feedparser; throws a clear message when it is not installed. */
export function feedparser(...documents: string[]): FeedparserResult[] {
  try {
    execFileSync(PYTHON, ['-c', 'import feedparser'], { stdio: 'ignore' });
  } catch {
    throw new Error('python3-feedparser is missing: install it with "apt-get install -y python3-feedparser" (.ci/run does this)');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-feeds-'));
  try {
    const files = documents.map((doc, i) => {
      const file = path.join(dir, `feed-${i}.xml`);
      writeFileSync(file, doc);
      return file;
    });
    return JSON.parse(execFileSync(PYTHON, ['-c', FEEDPARSER_SCRIPT, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const dateTime = { type: 'string', format: 'date-time' } as const;
const uri = { type: 'string', format: 'uri' } as const;
const author = {
  type: 'object',
  properties: { name: { type: 'string' }, url: uri, avatar: uri },
  anyOf: [{ required: ['name'] }, { required: ['url'] }, { required: ['avatar'] }],
  additionalProperties: false,
  patternProperties: { '^_': {} },
} as const;

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a JSON Schema: required fields, types, and extensions only under "_" keys. */
export const JSON_FEED_SCHEMA = {
  type: 'object',
  required: ['version', 'title', 'items'],
  additionalProperties: false,
  patternProperties: { '^_': { type: 'object' } },
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string', minLength: 1 },
    home_page_url: uri,
    feed_url: uri,
    description: { type: 'string' },
    user_comment: { type: 'string' },
    next_url: uri,
    icon: uri,
    favicon: uri,
    authors: { type: 'array', items: author },
    language: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)*$' },
    expired: { type: 'boolean' },
    hubs: { type: 'array' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
        additionalProperties: false,
        patternProperties: { '^_': { type: 'object' } },
        properties: {
          id: { type: 'string', minLength: 1 },
          url: uri,
          external_url: uri,
          title: { type: 'string' },
          content_html: { type: 'string' },
          content_text: { type: 'string' },
          summary: { type: 'string' },
          image: uri,
          banner_image: uri,
          date_published: dateTime,
          date_modified: dateTime,
          authors: { type: 'array', items: author },
          tags: { type: 'array', items: { type: 'string' } },
          language: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)*$' },
          attachments: { type: 'array' },
        },
      },
    },
  },
} as const;

const textBlock = {
  type: 'object',
  required: ['value'],
  additionalProperties: false,
  properties: { role: { type: 'string' }, contenttype: { type: 'string' }, value: { type: 'string' } },
} as const;

const rendition = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    href: uri,
    contenttype: { type: 'string' },
    title: { type: 'string' },
    height: { type: 'number' },
    width: { type: 'number' },
    sizeinbytes: { type: 'number' },
  },
} as const;

const subject = {
  type: 'object',
  additionalProperties: false,
  properties: { name: { type: 'string' }, rel: { type: 'string' }, uri, literal: { type: 'string' } },
} as const;

const ninjsCommon = {
  uri,
  type: { enum: ['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component'] },
  representationtype: { enum: ['full', 'partial'] },
  version: { type: 'string' },
  firstcreated: dateTime,
  versioncreated: dateTime,
  pubstatus: { enum: ['usable', 'withheld', 'canceled'] },
  language: { type: 'string' },
  copyrightholder: { type: 'string' },
  slugline: { type: 'string' },
  by: { type: 'string' },
  located: { type: 'string' },
  headlines: { type: 'array', items: textBlock },
  descriptions: { type: 'array', items: textBlock },
  bodies: {
    type: 'array',
    items: {
      type: 'object',
      required: ['value'],
      additionalProperties: false,
      properties: {
        role: { type: 'string' },
        contenttype: { type: 'string' },
        value: { type: 'string' },
        charcount: { type: 'number' },
        wordcount: { type: 'number' },
      },
    },
  },
  subjects: { type: 'array', items: subject },
  renditions: { type: 'array', items: rendition },
  altids: {
    type: 'array',
    items: { type: 'object', additionalProperties: false, properties: { role: { type: 'string' }, value: { type: 'string' } } },
  },
  standard: {
    type: 'object',
    additionalProperties: false,
    properties: { name: { type: 'string' }, version: { type: 'string' }, schema: uri },
  },
} as const;

/**
 * The part of IPTC ninjs 2.1 that Kabar emits, with the standard's rules for it (uri required,
 * arrays of objects with "value" or "name", associations as named ninjs objects, no unknown
 * properties). Written from the specification; the official schema is not vendored.
 */
export const NINJS_SUBSET_SCHEMA = {
  type: 'object',
  required: ['uri'],
  additionalProperties: false,
  properties: {
    ...ninjsCommon,
    associations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'uri'],
        additionalProperties: false,
        properties: { ...ninjsCommon, name: { type: 'string' } },
      },
    },
  },
} as const;
