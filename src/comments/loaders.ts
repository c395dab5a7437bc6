import { createContextCache } from '@pothos/core';
import { Loader, inKeyOrder } from '../content/loaders';
import { groupBy } from '../content/articles';
import type { Context } from '../context';
import { countReplies, findPublishedComments, listReplies, readCommentThreads, type CommentThreadState, type PublicComment } from './read';

// Per-request loaders of the comment reads: a page of 20 articles asks for its counts in one read,
// a page of comments for all its replies in one read.

const NO_THREAD: CommentThreadState = { count: 0, closed: false };

export const commentThreadLoader = createContextCache(
  (ctx: Context) =>
    new Loader<CommentThreadState>(async (articleIds) => {
      const threads = await readCommentThreads(ctx.reader, articleIds);
      return articleIds.map((id) => threads.get(id) ?? NO_THREAD);
    }),
);

export const commentLoader = createContextCache(
  (ctx: Context) => new Loader<PublicComment | null>(async (ids) => inKeyOrder(ids, await findPublishedComments(ctx.reader, ids), (c) => c.id)),
);

const repliesLoaders = createContextCache(() => new Map<number, Loader<PublicComment[]>>());

/** The first `limit` replies of comments; one loader per length. */
export function repliesLoader(ctx: Context, limit: number): Loader<PublicComment[]> {
  const byLimit = repliesLoaders(ctx);
  let loader = byLimit.get(limit);
  if (!loader) {
    loader = new Loader(async (parentIds) => {
      const byParent = groupBy(await listReplies(ctx.reader, parentIds, limit), (reply) => reply.parent_id!);
      return parentIds.map((id) => byParent.get(id) ?? []);
    });
    byLimit.set(limit, loader);
  }
  return loader;
}

export const replyCountLoader = createContextCache(
  (ctx: Context) =>
    new Loader<number>(async (parentIds) => {
      const counts = await countReplies(ctx.reader, parentIds);
      return parentIds.map((id) => counts.get(id) ?? 0);
    }),
);
