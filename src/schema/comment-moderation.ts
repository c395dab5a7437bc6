import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from './builder';
import { ArticleRef } from './refs';
import { badUserInput } from './errors';
import { MAX_PAGE_SIZE, NEXT_PAGE_HINT, checkCount, sectionIdForSlug } from './arguments';
import { CommentStatusEnum } from './comment-mutations';
import { CommentOrderEnum } from './comment';
import { articleLoader } from '../content/loaders';
import {
  MAX_MODERATION_IDS,
  countQueue,
  listQueue,
  moderateComments,
  moderationStats,
  setArticleCommentsClosed,
  setSectionCommentsClosed,
  type CommentQueue,
  type ModeratedComment,
  type ModerationStats,
} from '../comments/moderation';
import { decodeCommentCursor, encodeCommentCursor } from '../comments/read';
import { listWords, removeWords, upsertWords } from '../comments/words';
import { commentsDb, type CommentStatus } from '../comments/tables';
import { PRIVATE } from '../editorial/private-fields';
import { writeAudit } from '../editorial/audit';
import type { FilterWord } from '../comments/word-filter';
import type { Context } from '../context';

// The moderators' side: queues, bulk actions, handling times; for admins the word lists; for
// editors closing comments. Everything needs a staff token (authScopes) and is never cached.

const CommentQueueEnum = builder.enumType('CommentQueue', {
  description: 'A moderation queue.',
  values: {
    PENDING: { value: 'pending', description: 'Held by the policy, or hidden after reports.' },
    REPORTED: { value: 'reported', description: 'Published, and reported by readers.' },
    REJECTED: { value: 'rejected', description: 'Refused by the policy or a moderator.' },
  } as const,
});

const ModerationActionEnum = builder.enumType('ModerationAction', {
  description: 'What a moderator does with comments.',
  values: {
    APPROVE: { value: 'approve', description: "Publish; later comments from the author's e-mail are no longer held as first comments." },
    REJECT: { value: 'reject', description: 'Refuse.' },
    BAN_AUTHOR: {
      value: 'ban_author',
      description: "Refuse, and refuse the author's future comments (by e-mail, and by client for COMMENT_CLIENT_BAN_DAYS).",
    },
  } as const,
});

const ModeratedCommentRef = builder.objectRef<ModeratedComment>('ModeratedComment').implement({
  description: 'A comment as moderators see it, whatever its status.',
  fields: (t) => ({
    id: t.id({ description: 'The same global id as the public Comment.', resolve: (c) => encodeGlobalID('Comment', c.id) }),
    status: t.field({ type: CommentStatusEnum, description: 'Where it stands.', resolve: (c) => c.status }),
    authorName: t.exposeString('author_name', { description: 'Name given.' }),
    authorEmail: t.exposeString('author_email', { description: 'E-mail given (staff only).' }),
    body: t.exposeString('body', { description: 'The text as written.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was posted.', resolve: (c) => c.created_at }),
    reasons: t.exposeStringList('reasons', {
      description:
        'Why it was held or refused: BANNED_AUTHOR, HONEYPOT, DUPLICATE, BANNED_WORD, SUSPECT_WORD, LINKS, FIRST_COMMENT, REPORTED, MODERATOR.',
    }),
    reportCount: t.exposeInt('report_count', { description: 'Readers who reported it (since a moderator last approved it).' }),
    isReply: t.boolean({ description: 'Whether it answers another comment.', resolve: (c) => c.parent_id !== null }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'The article (null when it is no longer published).',
      resolve: (c, _args, ctx) => articleLoader(ctx).load(c.article_id),
    }),
  }),
});

interface QueuePage {
  edges: { cursor: string; node: ModeratedComment }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  queue: CommentQueue;
}

const ModerationQueueConnection = builder.connectionObject(
  {
    type: ModeratedCommentRef,
    name: 'ModerationQueueConnection',
    description: 'A page of a moderation queue.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Comments in the queue.',
        resolve: (page, _args, ctx) => countQueue(commentsDb(ctx.db), (page as unknown as QueuePage).queue),
      }),
    }),
  },
  { name: 'ModerationQueueEdge', description: 'A comment in the queue.' },
);

const ModerationStatsRef = builder.objectRef<ModerationStats>('ModerationStats').implement({
  description: 'How fast reports are handled (Permenkominfo 5/2020: within 24 h, 4 h when urgent).',
  fields: (t) => ({
    openReports: t.exposeInt('openReports', { description: 'Reports no moderator has acted on yet.' }),
    oldestOpenReportAgeSeconds: t.int({
      nullable: true,
      description: 'Age of the oldest open report; null when none is open.',
      resolve: (s) => s.oldestOpenReportSeconds,
    }),
    reportsLast30Days: t.exposeInt('reportsLast30Days', { description: 'Reports received in the last 30 days.' }),
    resolvedWithin4Hours: t.float({
      nullable: true,
      description: 'Share (0–1) of the last 30 days’ reports resolved within 4 h, among those resolved or older than 4 h.',
      resolve: (s) => s.resolvedWithin4h,
    }),
    resolvedWithin24Hours: t.float({
      nullable: true,
      description: 'Share (0–1) of the last 30 days’ reports resolved within 24 h, among those resolved or older than 24 h.',
      resolve: (s) => s.resolvedWithin24h,
    }),
  }),
});

const WordLevelEnum = builder.enumType('CommentWordLevel', {
  description: 'What a listed word does to a comment.',
  values: {
    BANNED: { value: 'banned', description: 'Refuse the comment (REJECTED).' },
    SUSPECT: { value: 'suspect', description: 'Hold it for a moderator (PENDING).' },
  } as const,
});

const CommentWordRef = builder.objectRef<FilterWord>('CommentWord').implement({
  description: "An entry of the comment word filter's lists.",
  fields: (t) => ({
    word: t.exposeString('word', { description: 'The word, lower-case letters.' }),
    level: t.field({ type: WordLevelEnum, description: 'BANNED or SUSPECT.', resolve: (w) => w.level }),
    literal: t.exposeBoolean('literal', { description: 'Also has an innocent meaning: held when written plainly, refused when disguised.' }),
  }),
});

const CommentWordInput = builder.inputType('CommentWordInput', {
  description: 'A word for the filter.',
  fields: (t) => ({
    word: t.string({ required: true, description: '2 to 40 letters; disguised spellings are matched by the filter itself.' }),
    level: t.field({ type: WordLevelEnum, required: true, description: 'BANNED or SUSPECT.' }),
    literal: t.boolean({ description: 'Also has an innocent meaning (default false).' }),
  }),
});

function commentIdOf(id: string): number {
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalID(id);
  } catch {
    decoded = null;
  }
  if (!decoded || decoded.typename !== 'Comment' || !/^\d{1,10}$/.test(decoded.id)) {
    throw badUserInput(`"ids" must hold Comment ids returned by this API; "${id.slice(0, 40)}" is not one.`, { argument: 'ids' });
  }
  return Number(decoded.id);
}

async function staffId(ctx: Context): Promise<number> {
  return (await ctx.editorial.actor())!.id;
}

builder.queryFields((t) => ({
  moderationQueue: t.connection(
    {
      type: ModeratedCommentRef,
      description: 'A moderation queue, newest first unless "order" says otherwise (moderators, editors, admins).',
      authScopes: { moderator: true },
      extensions: PRIVATE,
      args: {
        queue: t.arg({ type: CommentQueueEnum, required: true, description: 'PENDING, REPORTED or REJECTED.' }),
        order: t.arg({ type: CommentOrderEnum, defaultValue: 'newest', description: 'NEWEST_FIRST (default) or OLDEST_FIRST.' }),
      },
      resolve: async (_root, args, ctx): Promise<QueuePage> => {
        if (args.last != null || args.before != null) throw badUserInput('The queue pages forward only: use "first" and "after".');
        const limit = checkCount(args.first ?? 50, { argument: 'first', max: MAX_PAGE_SIZE, hint: NEXT_PAGE_HINT });
        const after = args.after != null ? decodeCommentCursor(args.after) : null;
        if (args.after != null && !after)
          throw badUserInput('"after" is not a valid cursor: pass an "endCursor" of this queue.', { argument: 'after' });
        const rows = await listQueue(commentsDb(ctx.db), { queue: args.queue, newestFirst: args.order !== 'oldest', after, limit });
        const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCommentCursor({ createdAt: node.created_at, id: node.id }), node }));
        return {
          edges,
          pageInfo: {
            hasNextPage: rows.length > limit,
            hasPreviousPage: after !== null,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
          queue: args.queue,
        };
      },
    },
    ModerationQueueConnection,
  ),
  moderationStats: t.field({
    type: ModerationStatsRef,
    description: 'Open reports and how fast reports were resolved over the last 30 days (moderators, editors, admins).',
    authScopes: { moderator: true },
    extensions: PRIVATE,
    resolve: (_root, _args, ctx) => moderationStats(commentsDb(ctx.db)),
  }),
  commentWords: t.field({
    type: [CommentWordRef],
    description: "The comment word filter's lists (admins).",
    authScopes: { admin: true },
    extensions: PRIVATE,
    resolve: (_root, _args, ctx) => listWords(commentsDb(ctx.db)),
  }),
}));

const ModeratedCommentStatusRef = builder.objectRef<{ id: number; status: CommentStatus }>('ModeratedCommentStatus').implement({
  description: 'A moderated comment and its new status.',
  fields: (t) => ({
    id: t.id({ description: 'The global id of the Comment.', resolve: (c) => encodeGlobalID('Comment', c.id) }),
    status: t.field({ type: CommentStatusEnum, description: 'Its status now.', resolve: (c) => c.status }),
  }),
});

const ModerateCommentsPayload = builder.objectRef<{ comments: { id: number; status: CommentStatus }[] }>('ModerateCommentsPayload').implement({
  description: 'The comments acted on, in the order of the ids given.',
  fields: (t) => ({
    comments: t.field({ type: [ModeratedCommentStatusRef], description: 'Each comment with its status now.', resolve: (p) => p.comments }),
  }),
});

builder.mutationFields((t) => ({
  moderateComments: t.field({
    type: ModerateCommentsPayload,
    description: `Approves, rejects or bans the authors of up to ${MAX_MODERATION_IDS} comments at once; resolves their reports; one audit entry per comment. Unknown ids change nothing (NOT_FOUND).`,
    authScopes: { moderator: true },
    extensions: PRIVATE,
    args: {
      ids: t.arg({ type: ['ID'], required: true, description: 'Comment ids.' }),
      action: t.arg({ type: ModerationActionEnum, required: true, description: 'APPROVE, REJECT or BAN_AUTHOR.' }),
    },
    resolve: async (_root, args, ctx) => ({
      comments: await moderateComments(
        commentsDb(ctx.db),
        ctx.config.comments,
        await staffId(ctx),
        args.ids.map(String).map(commentIdOf),
        args.action,
      ),
    }),
  }),
  setCommentWords: t.field({
    type: [CommentWordRef],
    description: 'Adds words to the filter, or changes their level (admins). Returns the whole list.',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { words: t.arg({ type: [CommentWordInput], required: true, description: 'Words and levels.' }) },
    resolve: async (_root, args, ctx) => {
      const db = commentsDb(ctx.db);
      await upsertWords(db, args.words);
      await writeAudit(ctx.editorial.db, {
        staffId: await staffId(ctx),
        action: 'comment.words-changed',
        details: { set: args.words.map((w) => w.word) },
      });
      return listWords(db);
    },
  }),
  removeCommentWords: t.field({
    type: [CommentWordRef],
    description: 'Takes words off the filter (admins). Returns the whole list.',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { words: t.arg.stringList({ required: true, description: 'The words.' }) },
    resolve: async (_root, args, ctx) => {
      const db = commentsDb(ctx.db);
      await removeWords(db, args.words);
      await writeAudit(ctx.editorial.db, { staffId: await staffId(ctx), action: 'comment.words-changed', details: { removed: args.words } });
      return listWords(db);
    },
  }),
  setCommentsClosed: t.boolean({
    description:
      'Closes (or reopens) comments on one article or on a whole section (editors and admins). Give exactly one of "article" and "section".',
    authScopes: { editor: true },
    extensions: PRIVATE,
    args: {
      article: t.arg.globalID({ for: ArticleRef, description: 'The article.' }),
      section: t.arg.string({ description: 'The section slug.' }),
      closed: t.arg.boolean({ required: true, description: 'true closes, false reopens.' }),
    },
    resolve: async (_root, args, ctx) => {
      if ((args.article == null) === (args.section == null)) throw badUserInput('Pass exactly one of "article" and "section".');
      const db = commentsDb(ctx.db);
      if (args.article) await setArticleCommentsClosed(db, args.article.id, args.closed);
      else await setSectionCommentsClosed(db, await sectionIdForSlug(ctx, args.section!), args.closed);
      await writeAudit(ctx.editorial.db, {
        staffId: await staffId(ctx),
        action: args.closed ? 'comment.thread-closed' : 'comment.thread-opened',
        entityType: args.article ? 'article' : 'section',
        entityId: args.article ? args.article.id : args.section!,
      });
      return args.closed;
    },
  }),
}));
