import { decodeGlobalID } from '@pothos/plugin-relay';
import type { ChangeEvent } from '../events/change-log';

// What a cached answer read, as tags, and what a change invalidates, in the same vocabulary. The
// response cache learns an answer's entities from the ids in it (yoga's response cache adds `id`
// and `__typename` to every selection); the cache policy adds the answer's lists (src/cache/policy.ts).
//
//   a<id>  an article        s<id>  a section      t<id>  a tag      u<id>  an author
//   lists  the answer shows a list (latest, a section page, search, Terpopuler, related…)
//   q:<field>  the answer selects Query.<field> (editors' picks, sections…)
//   feeds, sitemaps  syndication documents
//
// Short tags keep CDN headers small: a home page names a few dozen articles.

const ENTITY_PREFIX: Record<string, string> = { Article: 'a', Section: 's', Tag: 't', Author: 'u' };

/** The tag of an entity the response cache saw in an answer (its global id), or null for other types. */
export function entityTag(typename: string, id: string | number | undefined): string | null {
  const prefix = ENTITY_PREFIX[typename];
  if (!prefix || id === undefined) return null;
  try {
    const decoded = decodeGlobalID(String(id));
    return decoded.typename === typename && /^\d+$/.test(decoded.id) ? `${prefix}${decoded.id}` : null;
  } catch {
    return null;
  }
}

export const articleTag = (id: number) => `a${id}`;
export const LISTS_TAG = 'lists';
export const FEEDS_TAG = 'feeds';
export const SITEMAPS_TAG = 'sitemaps';
/** Replaces the article tags of an answer whose tags would not fit in a CDN header. */
export const ALL_ARTICLES_TAG = 'articles';

export interface Invalidation {
  /** Dropped at once, in Kabar's caches and (hard purge) at the CDN: what was read has changed. */
  tags: string[];
  /** Marked stale at the CDN (soft purge): a list gained an item; the copy may be served while refreshed. */
  softTags: string[];
  /** Syndication documents must be rebuilt (Kabar's own feed cache). */
  feeds: boolean;
}

/**
 * What one committed change makes out of date. An edit or a take-down invalidates exactly the
 * answers that read the article (a list that shows it read it too); a new publication only makes
 * lists older, and lists are fresh for the list TTL (CACHE_LIST_TTL_SECONDS) anyway, so nothing
 * cached is dropped for it. Comments are never cached (src/cache/policy.ts).
 */
export function invalidationOf(event: ChangeEvent): Invalidation {
  switch (event.type) {
    case 'article.updated':
      return { tags: [articleTag(event.entityId ?? 0), ALL_ARTICLES_TAG], softTags: [FEEDS_TAG], feeds: true };
    case 'article.withdrawn':
      return { tags: [articleTag(event.entityId ?? 0), ALL_ARTICLES_TAG, FEEDS_TAG, SITEMAPS_TAG], softTags: [], feeds: true };
    case 'article.published':
      return { tags: [], softTags: [FEEDS_TAG, SITEMAPS_TAG], feeds: true };
    case 'article.scheduled':
      return { tags: [], softTags: [], feeds: false };
    case 'section.changed':
      return { tags: [`s${event.entityId}`, 'q:sections'], softTags: [], feeds: true };
    case 'tag.changed':
      return { tags: [`t${event.entityId}`], softTags: [], feeds: true };
    case 'author.changed':
      return { tags: [`u${event.entityId}`], softTags: [], feeds: true };
    case 'picks.changed':
      // Editors' picks open Artikel Terkait: related lists are re-read within the list TTL.
      return { tags: [], softTags: [LISTS_TAG], feeds: false };
    case 'live_entry.added':
    case 'live_entry.updated':
    case 'live_entry.deleted':
      // A live blog's page shows its entries: answers that read the article show the change at once.
      return { tags: event.articleId ? [articleTag(event.articleId)] : [], softTags: [], feeds: false };
    default:
      return { tags: [], softTags: [], feeds: false };
  }
}

/** The union of the invalidations of a batch of events. */
export function invalidationOfAll(events: readonly ChangeEvent[]): Invalidation {
  const tags = new Set<string>();
  const softTags = new Set<string>();
  let feeds = false;
  for (const event of events) {
    const one = invalidationOf(event);
    for (const tag of one.tags) tags.add(tag);
    for (const tag of one.softTags) softTags.add(tag);
    feeds ||= one.feeds;
  }
  for (const tag of tags) softTags.delete(tag);
  return { tags: [...tags], softTags: [...softTags], feeds };
}

/** Total bytes the two tag headers may take (Fastly's Surrogate-Key limit is 16 KB; Cloudflare's Cache-Tag 16 KB). */
export const MAX_TAG_HEADER_BYTES = 8_000;

/**
 * The CDN tag headers of an answer: Surrogate-Key (Fastly, space-separated) and Cache-Tag
 * (Cloudflare, comma-separated), together under MAX_TAG_HEADER_BYTES. When an answer names too
 * many articles, their tags give way to the coarse "articles", which every edit and take-down purges.
 */
export function cdnTagHeaders(tags: Iterable<string>, maxBytes = MAX_TAG_HEADER_BYTES): [string, string][] {
  let list = [...new Set(tags)].sort();
  const size = (values: string[]) => 2 * values.join(' ').length;
  if (size(list) > maxBytes) list = [...list.filter((tag) => !/^a\d+$/.test(tag)), ALL_ARTICLES_TAG].sort();
  if (size(list) > maxBytes) list = [ALL_ARTICLES_TAG, LISTS_TAG];
  return [
    ['surrogate-key', list.join(' ')],
    ['cache-tag', list.join(',')],
  ];
}
