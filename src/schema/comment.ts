import { builder } from './builder';
import { ArticleRef } from './refs';
import { badUserInput } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, NEXT_PAGE_HINT, checkCount, connectionComplexity } from './arguments';
import { commentHtml } from '../comments/body';
import { commentLoader, commentThreadLoader, replyCountLoader, repliesLoader } from '../comments/loaders';
import {
  countTopLevelComments,
  decodeCommentCursor,
  encodeCommentCursor,
  listRepliesAfter,
  listTopLevelComments,
  type CommentOrder,
  type CommentPosition,
  type PublicComment,
} from '../comments/read';
import { commentsOpen } from '../comments/service';
import { whenLoaded } from '../content/loaders';
import type { Context } from '../context';

// Comment: what readers see of a published comment (never the e-mail or the client), and the
// comment fields of Article. Lists are read fresh on every request (the cache policy never caches
// them), so a published comment shows at once.

/** Ids are PostgreSQL integers (int4). */
function parseCommentId(id: string): number {
  const value = /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) {
    throw badUserInput('Malformed id: expected a Comment id returned by this API.');
  }
  return value;
}

export const CommentRef = builder.nodeRef<PublicComment, number>('Comment', {
  id: { resolve: (comment) => comment.id, parse: parseCommentId },
  loadMany: (ids, ctx) => ids.map((id) => commentLoader(ctx).load(id)),
});

export const CommentOrderEnum = builder.enumType('CommentOrder', {
  description: 'The order of a comment list.',
  values: {
    OLDEST_FIRST: { value: 'oldest', description: 'Oldest first: a conversation read from the start.' },
    NEWEST_FIRST: { value: 'newest', description: 'Newest first.' },
  } as const,
});

interface CommentPage {
  edges: { cursor: string; node: PublicComment }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  total: () => number | Promise<number>;
}

function decodeAfter(after: string | null | undefined): CommentPosition | null {
  if (after == null) return null;
  const position = decodeCommentCursor(after);
  if (!position)
    throw badUserInput('"after" is not a valid cursor: pass an "endCursor" or "cursor" value returned by this comment list.', { argument: 'after' });
  return position;
}

function onlyForward(args: { last?: number | null; before?: string | null }): void {
  if (args.last != null || args.before != null)
    throw badUserInput('Comment lists page forward only: use "first" and "after" (and "order" for newest first).');
}

function toPage(rows: PublicComment[], limit: number, hadCursor: boolean, total: CommentPage['total']): CommentPage {
  const hasMore = rows.length > limit;
  const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCommentCursor({ createdAt: node.created_at, id: node.id }), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: hasMore,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    total,
  };
}

export const CommentConnection = builder.connectionObject(
  {
    type: CommentRef,
    name: 'CommentConnection',
    description: 'A page of published comments with cursors.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many published comments the list has in all pages.',
        resolve: (page) => (page as unknown as CommentPage).total(),
      }),
    }),
  },
  { name: 'CommentEdge', description: 'A comment and its position in the list.' },
);

CommentRef.implement({
  description: "A reader's published comment. The author's e-mail address is never part of it.",
  fields: (t) => ({
    authorName: t.exposeString('author_name', { description: 'The name the reader gave.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was posted.', resolve: (c) => c.created_at }),
    html: t.string({
      description: 'The comment as HTML: text escaped, paragraphs and line breaks kept, links clickable with rel="nofollow ugc noopener".',
      resolve: (c) => commentHtml(c.body),
    }),
    text: t.exposeString('body', { description: 'The comment as the reader wrote it (plain text).' }),
    isReply: t.boolean({ description: 'Whether it answers another comment.', resolve: (c) => c.parent_id !== null }),
    replies: t.connection(
      {
        type: CommentRef,
        description: 'Published replies, oldest first (replies go one level deep: a reply has none).',
        complexity: connectionComplexity,
        resolve: async (comment, args, ctx) => {
          onlyForward(args);
          const limit = checkCount(args.first ?? 10, { argument: 'first', max: MAX_PAGE_SIZE, hint: NEXT_PAGE_HINT });
          const total = () => (comment.parent_id !== null ? 0 : replyCountLoader(ctx).load(comment.id));
          if (comment.parent_id !== null || limit === 0) return toPage([], limit, false, total);
          const after = decodeAfter(args.after);
          if (after) return toPage(await listRepliesAfter(ctx.reader, comment.id, after, limit), limit, true, total);
          // The first page of every comment's replies comes from one read; one row more tells whether there is a next page.
          return whenLoaded(repliesLoader(ctx, limit + 1).load(comment.id), (rows) => toPage(rows, limit, false, total));
        },
      },
      CommentConnection,
    ),
  }),
});

async function articleComments(
  ctx: Context,
  articleId: number,
  args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null; order?: CommentOrder | null },
) {
  onlyForward(args);
  const limit = checkCount(args.first ?? DEFAULT_PAGE_SIZE, { argument: 'first', max: MAX_PAGE_SIZE, hint: NEXT_PAGE_HINT });
  const after = decodeAfter(args.after);
  const total = () => countTopLevelComments(ctx.reader, articleId);
  if (limit === 0) return toPage([], 0, after !== null, total);
  const rows = await listTopLevelComments(ctx.reader, articleId, { order: args.order ?? 'oldest', after, limit });
  return toPage(rows, limit, after !== null, total);
}

builder.objectFields(ArticleRef, (t) => ({
  commentCount: t.int({
    description: 'Published comments on the article, replies included (kept per article: no counting per request).',
    resolve: (a, _args, ctx) => whenLoaded(commentThreadLoader(ctx).load(a.id), (thread) => thread.count),
  }),
  commentsOpen: t.boolean({
    description: 'Whether the article takes new comments (closed by the newsroom, for its section, or some days after publication).',
    resolve: (a, _args, ctx) => whenLoaded(commentThreadLoader(ctx).load(a.id), (thread) => commentsOpen(a, thread.closed, ctx.config.comments)),
  }),
  comments: t.connection(
    {
      type: CommentRef,
      description: 'Published top-level comments, oldest first unless "order" says otherwise; each with its replies. Forward paging only.',
      args: { order: t.arg({ type: CommentOrderEnum, defaultValue: 'oldest', description: 'OLDEST_FIRST (default) or NEWEST_FIRST.' }) },
      complexity: connectionComplexity,
      resolve: (a, args, ctx) => articleComments(ctx, a.id, args),
    },
    CommentConnection,
  ),
}));
