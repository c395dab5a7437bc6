import { generateJsonFeed, type JsonFeed } from 'feedsmith';
import type { FeedChannel, FeedItem } from './model';
import { rfc3339 } from './dates';

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), generated with feedsmith, which fills in
// "version" and drops empty fields. JSON Feed has no field for alternate formats, so the other
// formats are named in a "_kabar" extension object (the spec reserves "_"-keys for extensions) as
// well as in the response's Link header.

type Extended<T> = T & { _kabar?: Record<string, unknown> };

export function renderJsonFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const feed: Extended<JsonFeed.Feed<string>> = {
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.links.json,
    description: channel.description,
    language: channel.language,
    authors: [{ name: channel.publisher, url: channel.siteUrl }],
    items: items.map((item) => {
      const entry: Extended<JsonFeed.Item<string>> = {
        id: item.id,
        url: item.url,
        title: item.title,
        summary: item.summary,
        // Every item needs content: the full HTML for partners, the excerpt as text otherwise.
        ...(item.contentHtml !== null ? { content_html: item.contentHtml } : { content_text: item.summary }),
        image: item.image?.url,
        date_published: rfc3339(item.publishedAt),
        date_modified: rfc3339(item.updatedAt),
        authors: item.authors.length ? item.authors.map((a) => ({ name: a.name })) : undefined,
        tags: [...(item.section ? [item.section.name] : []), ...item.tags.map((t) => t.name)],
        language: item.language,
      };
      if (item.image || item.section) {
        entry._kabar = {
          section: item.section ? { slug: item.section.slug, name: item.section.name, url: item.section.url } : undefined,
          image: item.image
            ? {
                url: item.image.url,
                mime_type: item.image.type ?? undefined,
                width: item.image.width ?? undefined,
                height: item.image.height ?? undefined,
                caption: item.image.caption ?? undefined,
                credit: item.image.credit ?? undefined,
              }
            : undefined,
        };
      }
      return entry;
    }),
    _kabar: {
      alternates: [
        { type: 'application/rss+xml', url: channel.links.rss },
        { type: 'application/atom+xml', url: channel.links.atom },
      ],
    },
  };
  const generated = generateJsonFeed(feed as JsonFeed.Feed<string>) as Record<string, unknown>;
  // feedsmith leaves out empty arrays, but "items" is required even when a tag has no articles yet.
  if (!Array.isArray(generated.items)) generated.items = [];
  return `${JSON.stringify(generated, null, 2)}\n`;
}
