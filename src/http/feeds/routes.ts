import { FEED_FILES, type FeedFormat } from '../../feeds/urls';

// The syndication URLs, parsed into what they ask for. Anything else is not ours and falls through
// to the next plugin.

export type FeedRoute =
  | { kind: 'feed'; scope: 'site' | 'section' | 'tag'; slug?: string; format: FeedFormat }
  | { kind: 'sitemapIndex' }
  | { kind: 'newsSitemap' }
  | { kind: 'monthSitemap'; year: number; month: number; page: number }
  | { kind: 'ninjs'; slug: string };

const FORMAT_BY_FILE: Record<string, FeedFormat> = Object.fromEntries(
  Object.entries(FEED_FILES).map(([format, file]) => [file, format as FeedFormat]),
);

const SITE_FEED = /^\/feeds\/(rss\.xml|atom\.xml|feed\.json)$/;
const SCOPED_FEED = /^\/feeds\/(sections|tags)\/([^/]+)\/(rss\.xml|atom\.xml|feed\.json)$/;
// Page 1 has no suffix; "-1" and leading zeros are refused so that each page has one URL.
const MONTH_SITEMAP = /^\/sitemaps\/articles-(\d{4})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/;
const NINJS = /^\/articles\/([^/]+)\.ninjs\.json$/;

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchFeedRoute(pathname: string): FeedRoute | null {
  let m = SITE_FEED.exec(pathname);
  if (m) return { kind: 'feed', scope: 'site', format: FORMAT_BY_FILE[m[1]!]! };
  m = SCOPED_FEED.exec(pathname);
  if (m) {
    const slug = decodeSegment(m[2]!);
    return slug === null ? null : { kind: 'feed', scope: m[1] === 'sections' ? 'section' : 'tag', slug, format: FORMAT_BY_FILE[m[3]!]! };
  }
  if (pathname === '/sitemap.xml') return { kind: 'sitemapIndex' };
  if (pathname === '/sitemaps/news.xml') return { kind: 'newsSitemap' };
  m = MONTH_SITEMAP.exec(pathname);
  if (m) return { kind: 'monthSitemap', year: Number(m[1]), month: Number(m[2]), page: m[3] ? Number(m[3]) : 1 };
  m = NINJS.exec(pathname);
  if (m) {
    const slug = decodeSegment(m[1]!);
    return slug === null ? null : { kind: 'ninjs', slug };
  }
  return null;
}
