import { create } from 'xmlbuilder2';
import type { FeedChannel, FeedItem } from './model';
import { rfc3339 } from './dates';
import { appendMediaContent } from './xml-media';

// Atom 1.0 (RFC 4287). Entry ids equal the RSS guids; "updated" moves when an article is edited,
// "published" does not. Media RSS carries the hero image's size, as in the RSS feed.

const ATOM = 'http://www.w3.org/2005/Atom';
const MEDIA = 'http://search.yahoo.com/mrss/';
// An empty feed still needs an "updated"; a fixed instant keeps its bytes stable.
const EPOCH = new Date(0);

export function renderAtom(channel: FeedChannel, items: readonly FeedItem[]): string {
  const feed = create({ version: '1.0', encoding: 'UTF-8' }).ele('feed', { xmlns: ATOM, 'xmlns:media': MEDIA, 'xml:lang': channel.language });
  feed.ele('id').txt(channel.id);
  feed.ele('title', { type: 'text' }).txt(channel.title);
  feed.ele('subtitle', { type: 'text' }).txt(channel.description);
  feed.ele('updated').txt(rfc3339(channel.updatedAt ?? EPOCH));
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: channel.links.atom });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: channel.homeUrl });
  feed.ele('link', { rel: 'alternate', type: 'application/rss+xml', href: channel.links.rss });
  feed.ele('link', { rel: 'alternate', type: 'application/feed+json', href: channel.links.json });
  // Entries without a byline inherit the publication as their author (RFC 4287 §4.1.1).
  feed.ele('author').ele('name').txt(channel.publisher);
  feed.ele('rights', { type: 'text' }).txt(`Hak cipta ${channel.publisher}`);
  feed.ele('generator').txt('Kabar');

  for (const item of items) {
    const entry = feed.ele('entry', item.language !== channel.language ? { 'xml:lang': item.language } : {});
    entry.ele('id').txt(item.id);
    entry.ele('title', { type: 'text' }).txt(item.title);
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: item.url });
    entry.ele('published').txt(rfc3339(item.publishedAt));
    entry.ele('updated').txt(rfc3339(item.updatedAt));
    for (const author of item.authors) entry.ele('author').ele('name').txt(author.name);
    if (item.section) entry.ele('category', { term: item.section.slug, label: item.section.name, scheme: item.section.scheme });
    for (const tag of item.tags) entry.ele('category', { term: tag.slug, label: tag.name, scheme: tag.scheme });
    entry.ele('summary', { type: 'text' }).txt(item.summary);
    if (item.contentHtml !== null) entry.ele('content', { type: 'html' }).txt(item.contentHtml);
    if (item.image) appendMediaContent(entry, item.image);
  }
  return feed.end({ prettyPrint: true });
}
