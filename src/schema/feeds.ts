import { builder } from './builder';
import { PublicationRef } from './publication';
import { SectionRef, TagRef } from './refs';
import { feedLinks, newsSitemapUrl, sitemapIndexUrl, type FeedLinks } from '../feeds/urls';

// Where partners and readers find the syndication feeds (served by src/http/plugins/use-feeds.ts).
// The addresses come from the same functions as the routes, so what is advertised is what is served.

const FeedLinksRef = builder.objectRef<FeedLinks>('FeedLinks').implement({
  description:
    'Addresses of one scope\'s feeds (the site, a section or a tag). Without a partner key they carry excerpts; with one ("key" query parameter or X-Kabar-Partner-Key header), full text.',
  fields: (t) => ({
    rss: t.field({ type: 'URL', description: 'RSS 2.0 with content:encoded, Media RSS and dc:creator.', resolve: (l) => l.rss }),
    atom: t.field({ type: 'URL', description: 'Atom 1.0 (RFC 4287).', resolve: (l) => l.atom }),
    json: t.field({ type: 'URL', description: 'JSON Feed 1.1.', resolve: (l) => l.json }),
  }),
});

interface PublicationFeeds extends FeedLinks {
  newsSitemap: string;
  sitemapIndex: string;
}

const PublicationFeedsRef = builder.objectRef<PublicationFeeds>('PublicationFeeds').implement({
  description: "The publication's syndication feeds and sitemaps.",
  fields: (t) => ({
    rss: t.field({ type: 'URL', description: 'RSS 2.0 feed of the whole site.', resolve: (f) => f.rss }),
    atom: t.field({ type: 'URL', description: 'Atom 1.0 feed of the whole site.', resolve: (f) => f.atom }),
    json: t.field({ type: 'URL', description: 'JSON Feed 1.1 of the whole site.', resolve: (f) => f.json }),
    newsSitemap: t.field({
      type: 'URL',
      description: 'Google News sitemap: articles of the last 48 hours, at most 1,000.',
      resolve: (f) => f.newsSitemap,
    }),
    sitemapIndex: t.field({
      type: 'URL',
      description: 'Sitemap index: the news sitemap and one article sitemap per month.',
      resolve: (f) => f.sitemapIndex,
    }),
  }),
});

builder.objectField(PublicationRef, 'feeds', (t) =>
  t.field({
    type: PublicationFeedsRef,
    description: 'Syndication feeds and sitemaps of the whole publication.',
    resolve: (config) => ({
      ...feedLinks(config.publicBaseUrl, { kind: 'site' }),
      newsSitemap: newsSitemapUrl(config.publicBaseUrl),
      sitemapIndex: sitemapIndexUrl(config.publicBaseUrl),
    }),
  }),
);

builder.objectField(SectionRef, 'feeds', (t) =>
  t.field({
    type: FeedLinksRef,
    description: "Feeds of this section's articles.",
    resolve: (section, _args, ctx) => feedLinks(ctx.config.publicBaseUrl, { kind: 'section', section }),
  }),
);

builder.objectField(TagRef, 'feeds', (t) =>
  t.field({
    type: FeedLinksRef,
    description: 'Feeds of the articles with this tag.',
    resolve: (tag, _args, ctx) => feedLinks(ctx.config.publicBaseUrl, { kind: 'tag', tag }),
  }),
);
