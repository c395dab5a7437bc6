import { create } from 'xmlbuilder2';
import type { FeedChannel, FeedItem } from './model';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { rfc822, rfc3339 } from './dates';
import { appendMediaContent } from './xml-media';

// RSS 2.0 with the extensions news partners read: content:encoded (full text), Media RSS
// (media:content for the hero image), Dublin Core (dc:creator; dcterms:modified for edits) and
// atom:link (self and the other formats). Text is XML-escaped by the builder, never put in CDATA:
// escaped text has no "]]>" problem and no whitespace around CDATA sections for readers to trip on.

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
};

/** Polling hint for aggregators, in minutes. */
const TTL_MINUTES = 15;

export function renderRss(channel: FeedChannel, items: readonly FeedItem[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', {
    version: '2.0',
    'xmlns:atom': NS.atom,
    'xmlns:content': NS.content,
    'xmlns:dc': NS.dc,
    'xmlns:dcterms': NS.dcterms,
    'xmlns:media': NS.media,
  });
  const ch = root.ele('channel');
  ch.ele('title').txt(channel.title);
  ch.ele('link').txt(channel.homeUrl);
  ch.ele('description').txt(channel.description);
  ch.ele('language').txt(channel.language);
  ch.ele('copyright').txt(`Hak cipta ${channel.publisher}`);
  if (channel.updatedAt) {
    ch.ele('pubDate').txt(rfc822(channel.updatedAt));
    ch.ele('lastBuildDate').txt(rfc822(channel.updatedAt));
  }
  ch.ele('generator').txt('Kabar');
  ch.ele('docs').txt('https://www.rssboard.org/rss-specification');
  ch.ele('ttl').txt(String(TTL_MINUTES));
  ch.ele('atom:link', { href: channel.links.rss, rel: 'self', type: 'application/rss+xml' });
  ch.ele('atom:link', { href: channel.links.atom, rel: 'alternate', type: 'application/atom+xml' });
  ch.ele('atom:link', { href: channel.links.json, rel: 'alternate', type: 'application/feed+json' });
  for (const item of items) renderItem(ch, item);
  return root.end({ prettyPrint: true });
}

function renderItem(ch: XMLBuilder, item: FeedItem): void {
  const el = ch.ele('item');
  el.ele('title').txt(item.title);
  el.ele('link').txt(item.url);
  el.ele('description').txt(item.summary);
  if (item.contentHtml !== null) el.ele('content:encoded').txt(item.contentHtml);
  for (const author of item.authors) el.ele('dc:creator').txt(author.name);
  for (const category of [...(item.section ? [item.section] : []), ...item.tags]) {
    el.ele('category', { domain: category.url }).txt(category.name);
  }
  el.ele('guid', { isPermaLink: 'false' }).txt(item.id);
  el.ele('pubDate').txt(rfc822(item.publishedAt));
  el.ele('dcterms:modified').txt(rfc3339(item.updatedAt));
  if (item.image) appendMediaContent(el, item.image);
}
