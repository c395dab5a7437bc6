import type { FeedChannel, FeedItem } from './model';
import { rfc3339 } from './dates';
import { compact, mediaContent, xmlDocument, type XmlNode } from './xml';

// Atom 1.0 (RFC 4287). Entry ids equal the RSS guids; "updated" moves when an article is edited,
// "published" does not. Media RSS carries the hero image's size, as in the RSS feed.

// An empty feed still needs an "updated"; a fixed instant keeps its bytes stable.
const EPOCH = new Date(0);

function entry(channel: FeedChannel, item: FeedItem): XmlNode {
  const categories = [...(item.section ? [item.section] : []), ...item.tags].map((c) => ({ '@term': c.slug, '@label': c.name, '@scheme': c.scheme }));
  return compact({
    '@xml:lang': item.language !== channel.language ? item.language : undefined,
    id: item.id,
    title: { '@type': 'text', '#text': item.title },
    link: [{ '@rel': 'alternate', '@type': 'text/html', '@href': item.url }],
    published: rfc3339(item.publishedAt),
    updated: rfc3339(item.updatedAt),
    author: item.authors.length ? item.authors.map((a) => ({ name: a.name })) : undefined,
    category: categories.length ? categories : undefined,
    summary: { '@type': 'text', '#text': item.summary },
    content: item.contentHtml !== null ? { '@type': 'html', '#text': item.contentHtml } : undefined,
    'media:content': item.image ? mediaContent(item.image) : undefined,
  });
}

export function renderAtom(channel: FeedChannel, items: readonly FeedItem[]): string {
  return xmlDocument(
    'feed',
    compact({
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xmlns:media': 'http://search.yahoo.com/mrss/',
      '@xml:lang': channel.language,
      id: channel.id,
      title: { '@type': 'text', '#text': channel.title },
      subtitle: { '@type': 'text', '#text': channel.description },
      updated: rfc3339(channel.updatedAt ?? EPOCH),
      link: [
        { '@rel': 'self', '@type': 'application/atom+xml', '@href': channel.links.atom },
        { '@rel': 'alternate', '@type': 'text/html', '@href': channel.homeUrl },
        // The other formats are "related", not "alternate": readers such as newsboat take the last
        // alternate link as the site's address, whatever its type.
        { '@rel': 'related', '@type': 'application/rss+xml', '@href': channel.links.rss },
        { '@rel': 'related', '@type': 'application/feed+json', '@href': channel.links.json },
      ],
      // Entries without a byline inherit the publication as their author (RFC 4287 §4.1.1).
      author: { name: channel.publisher },
      rights: { '@type': 'text', '#text': `Hak cipta ${channel.publisher}` },
      generator: 'Kabar',
      entry: items.length ? items.map((item) => entry(channel, item)) : undefined,
    }),
  );
}
