import { createContextCache } from '@pothos/core';
import { Loader, inKeyOrder } from '../content/loaders';
import { groupBy } from '../content/articles';
import type { Context } from '../context';
import { findPublicEntries, listFirstEntryPages, readLiveArticleIds } from './repository';
import type { PublicLiveEntry } from './tables';

// Per-request loaders of the live-blog reads: a page of 20 articles asks for their live flags in
// one read and for their first pages of entries in one read.

export const liveFlagLoader = createContextCache(
  (ctx: Context) =>
    new Loader<boolean>(async (articleIds) => {
      const live = await readLiveArticleIds(ctx.reader, articleIds);
      return articleIds.map((id) => live.has(id));
    }),
);

export const liveEntryLoader = createContextCache(
  (ctx: Context) => new Loader<PublicLiveEntry | null>(async (ids) => inKeyOrder(ids, await findPublicEntries(ctx.reader, ids), (e) => e.id)),
);

const firstPageLoaders = createContextCache(() => new Map<number, Loader<PublicLiveEntry[]>>());

/** The newest `limit` entries of articles; one loader per length. */
export function firstEntriesLoader(ctx: Context, limit: number): Loader<PublicLiveEntry[]> {
  const byLimit = firstPageLoaders(ctx);
  let loader = byLimit.get(limit);
  if (!loader) {
    loader = new Loader(async (articleIds) => {
      const byArticle = groupBy(await listFirstEntryPages(ctx.reader, articleIds, limit), (entry) => entry.article_id);
      return articleIds.map((id) => byArticle.get(id) ?? []);
    });
    byLimit.set(limit, loader);
  }
  return loader;
}
