import type { FeedChannel, FeedItem } from './model';
import { rfc822, rfc3339 } from './dates';
import { compact, mediaContent, xmlDocument, type XmlNode } from './xml';

// RSS 2.0 with the extensions news partners read: content:encoded (full text), Media RSS
// (media:content for the hero image), Dublin Core (dc:creator; dcterms:modified for edits) and
// atom:link (self and the other formats). Text is escaped, never put in CDATA: escaped text has no
// "]]>" problem and no whitespace around CDATA sections for readers to trip on.

/** Polling hint for aggregators, in minutes. */
const TTL_MINUTES = 15;

function item(entry: FeedItem): XmlNode {
  const categories = [...(entry.section ? [entry.section] : []), ...entry.tags];
  return compact({
    title: entry.title,
    link: entry.url,
    description: entry.summary,
    'content:encoded': entry.contentHtml ?? undefined,
    'dc:creator': entry.authors.length ? entry.authors.map((a) => a.name) : undefined,
    category: categories.length ? categories.map((c) => ({ '@domain': c.url, '#text': c.name })) : undefined,
    guid: { '@isPermaLink': 'false', '#text': entry.id },
    pubDate: rfc822(entry.publishedAt),
    'dcterms:modified': rfc3339(entry.updatedAt),
    'media:content': entry.image ? mediaContent(entry.image) : undefined,
  });
}

export function renderRss(channel: FeedChannel, items: readonly FeedItem[]): string {
  return xmlDocument('rss', {
    '@version': '2.0',
    '@xmlns:atom': 'http://www.w3.org/2005/Atom',
    '@xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
    '@xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    '@xmlns:dcterms': 'http://purl.org/dc/terms/',
    '@xmlns:media': 'http://search.yahoo.com/mrss/',
    channel: compact({
      title: channel.title,
      link: channel.homeUrl,
      description: channel.description,
      language: channel.language,
      copyright: `Hak cipta ${channel.publisher}`,
      pubDate: channel.updatedAt ? rfc822(channel.updatedAt) : undefined,
      lastBuildDate: channel.updatedAt ? rfc822(channel.updatedAt) : undefined,
      generator: 'Kabar',
      docs: 'https://www.rssboard.org/rss-specification',
      ttl: String(TTL_MINUTES),
      'atom:link': [
        { '@href': channel.links.rss, '@rel': 'self', '@type': 'application/rss+xml' },
        // "related" rather than "alternate", as in the Atom feed (see render-atom.ts).
        { '@href': channel.links.atom, '@rel': 'related', '@type': 'application/atom+xml' },
        { '@href': channel.links.json, '@rel': 'related', '@type': 'application/feed+json' },
      ],
      item: items.length ? items.map(item) : undefined,
    }),
  });
}
