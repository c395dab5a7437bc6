import type { FeedChannel, FeedItem } from './model';

// Size rules. Aggregators drop a feed they cannot fetch or parse, so an oversized article must
// never break a feed: an item whose full text would pass `maxItemBytes` is sent with its summary
// only, and a feed that would pass `maxFeedBytes` carries fewer items (the oldest go first).

export interface SizeLimits {
  maxItemBytes: number;
  maxFeedBytes: number;
}

export const DEFAULT_SIZE_LIMITS: SizeLimits = { maxItemBytes: 1_000_000, maxFeedBytes: 2_000_000 };

export type Renderer = (channel: FeedChannel, items: readonly FeedItem[]) => string;

// Escaping can grow text at most six-fold ('"' becomes "&quot;"), so items whose raw text is far
// below the limit are not measured one by one.
const WORST_ESCAPE_FACTOR = 6;

function rawSize(item: FeedItem): number {
  return Buffer.byteLength(item.contentHtml ?? '') + Buffer.byteLength(item.summary) + Buffer.byteLength(item.title) + 4096;
}

export interface FittedFeed {
  items: FeedItem[];
  body: string;
  /** Items sent without their full text because of their size. */
  shortened: number;
  /** Items left out because of the feed's size. */
  dropped: number;
}

export function fitFeed(
  items: readonly FeedItem[],
  channelOf: (items: readonly FeedItem[]) => FeedChannel,
  render: Renderer,
  limits: SizeLimits = DEFAULT_SIZE_LIMITS,
): FittedFeed {
  const probe = channelOf(items);
  const emptySize = Buffer.byteLength(render(probe, []));
  const itemSize = (item: FeedItem) => Buffer.byteLength(render(probe, [item])) - emptySize;

  let shortened = 0;
  const bounded = items.map((item) => {
    if (item.contentHtml === null || rawSize(item) * WORST_ESCAPE_FACTOR <= limits.maxItemBytes) return item;
    if (itemSize(item) <= limits.maxItemBytes) return item;
    shortened += 1;
    return { ...item, contentHtml: null };
  });

  let kept = bounded;
  let body = render(channelOf(kept), kept);
  if (Buffer.byteLength(body) > limits.maxFeedBytes) {
    const sizes = bounded.map(itemSize);
    let total = emptySize;
    let count = 0;
    while (count < bounded.length && total + sizes[count]! <= limits.maxFeedBytes) total += sizes[count++]!;
    kept = bounded.slice(0, count);
    body = render(channelOf(kept), kept);
    // The channel's dates can differ by a few bytes once items are gone; trim until it fits.
    while (Buffer.byteLength(body) > limits.maxFeedBytes && kept.length > 0) {
      kept = kept.slice(0, -1);
      body = render(channelOf(kept), kept);
    }
  }
  return { items: kept, body, shortened, dropped: bounded.length - kept.length };
}
