import { builder } from './builder';
import { ArticleRef } from './refs';
import { CommentRef } from './comment';
import { postComment, reportComment, REPORT_REASONS, type PostedComment } from '../comments/service';
import { commentsDb } from '../comments/tables';
import type { PublicComment } from '../comments/read';

// What readers send from an article's Komentar section (operations/comments). No sign-in: readers
// are guests, known by name and e-mail; the policy of src/comments/policy.ts decides what shows.

export const CommentStatusEnum = builder.enumType('CommentStatus', {
  description: 'Where a comment stands.',
  values: {
    PUBLISHED: { value: 'published', description: 'Visible to readers.' },
    PENDING: { value: 'pending', description: 'Held for a moderator (see reasons).' },
    REJECTED: { value: 'rejected', description: 'Refused; never shown.' },
  } as const,
});

const PostCommentInput = builder.inputType('PostCommentInput', {
  description: "A reader's comment. The e-mail address is never shown publicly.",
  fields: (t) => ({
    articleId: t.globalID({ for: ArticleRef, required: true, description: 'The article commented on.' }),
    parentId: t.globalID({ for: CommentRef, description: 'The comment answered (replies go one level deep).' }),
    authorName: t.string({ required: true, description: 'Name shown with the comment, 1 to 80 characters.' }),
    authorEmail: t.string({ required: true, description: 'E-mail address; never shown publicly.' }),
    body: t.string({ required: true, description: 'Plain text (no HTML), at most COMMENT_MAX_CHARS characters; links become clickable.' }),
    website: t.string({ description: 'Leave empty. A form field hidden from people: bots that fill it in are refused.' }),
  }),
});

const PostCommentPayload = builder.objectRef<PostedComment>('PostCommentPayload').implement({
  description: 'What became of a posted comment.',
  fields: (t) => ({
    status: t.field({ type: CommentStatusEnum, description: 'PUBLISHED, PENDING (held for a moderator) or REJECTED.', resolve: (p) => p.status }),
    message: t.exposeString('message', { description: 'Why, in Indonesian, fit to show the reader.' }),
    comment: t.field({
      type: CommentRef,
      nullable: true,
      description: 'The comment (its id also for a held one; readers see it only once published). Null when refused.',
      resolve: (p): PublicComment | null => (p.status === 'rejected' ? null : p.comment),
    }),
  }),
});

const CommentReportReasonEnum = builder.enumType('CommentReportReason', {
  description: 'Why a reader reports a comment.',
  values: Object.fromEntries(REPORT_REASONS.map((reason) => [reason, { value: reason }])) as Record<
    (typeof REPORT_REASONS)[number],
    { value: (typeof REPORT_REASONS)[number] }
  >,
});

const ReportCommentPayload = builder.objectRef<{ received: boolean }>('ReportCommentPayload').implement({
  description: 'The report was received (a second report of the same comment from the same client is not counted again).',
  fields: (t) => ({ received: t.exposeBoolean('received', { description: 'Always true when there is no error.' }) }),
});

builder.mutationFields((t) => ({
  postComment: t.field({
    type: PostCommentPayload,
    description:
      'Posts a comment or a reply. Too many from one client or e-mail: RATE_LIMITED with extensions.retryAfterSeconds; closed articles: COMMENTS_CLOSED.',
    args: { input: t.arg({ type: PostCommentInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      postComment(commentsDb(ctx.db), ctx.config.comments, ctx.client, {
        articleId: input.articleId.id,
        parentId: input.parentId?.id ?? null,
        authorName: input.authorName,
        authorEmail: input.authorEmail,
        body: input.body,
        website: input.website,
      }),
  }),
  reportComment: t.field({
    type: ReportCommentPayload,
    description: 'Reports a published comment to the moderators. Enough reports from different readers hide it until a moderator looks.',
    args: {
      id: t.arg.globalID({ for: CommentRef, required: true, description: 'The comment.' }),
      reason: t.arg({ type: CommentReportReasonEnum, required: true, description: 'Why.' }),
      note: t.arg.string({ description: 'Anything the moderators should know, at most 500 characters.' }),
    },
    resolve: async (_root, args, ctx) => {
      await reportComment(commentsDb(ctx.db), ctx.config.comments, ctx.client, {
        commentId: args.id.id,
        reason: args.reason,
        note: args.note ?? null,
      });
      return { received: true };
    },
  }),
}));
