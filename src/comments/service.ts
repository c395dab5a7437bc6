import { createHash } from 'node:crypto';
import type { CommentsConfig } from '../config';
import { badField, notFound } from '../editorial/errors';
import { cleanCommentBody, linksIn } from './body';
import { commentsClosed, rateLimited, secondsUntil } from './errors';
import { decideComment, readerMessage } from './policy';
import {
  countReport,
  findArticleForComment,
  findPublishedComment,
  incrementThread,
  insertComment,
  insertReport,
  lockCommenter,
  readCommenterFacts,
  recountThreads,
  reportLimitSince,
} from './repository';
import { currentWordFilter } from './words';
import { foldText } from './word-filter';
import type { CommentReason, CommentRow, CommentStatus, CommentsDb } from './tables';

// What readers do: post a comment (through the policy of ./policy.ts) and report one.

export interface PostCommentInput {
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  body: string;
  /** The spam trap: a form field hidden from people. */
  website?: string | null;
}

export interface PostedComment {
  status: CommentStatus;
  reasons: CommentReason[];
  message: string;
  comment: CommentRow;
}

const MAX_NAME_CHARS = 80;
const MAX_EMAIL_CHARS = 254;
const MAX_NOTE_CHARS = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkName(raw: string): string {
  const name = raw
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .replace(/\s+/g, ' ');
  if (name.length === 0 || [...name].length > MAX_NAME_CHARS)
    throw badField('authorName', `must be 1 to ${MAX_NAME_CHARS} characters; got ${[...name].length}.`);
  return name;
}

function checkEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_CHARS || !EMAIL.test(email))
    throw badField('authorEmail', 'must be an e-mail address such as nama@contoh.id (at most 254 characters).');
  return email;
}

/** Duplicates are the same words, whatever the spacing and case. */
function bodyHash(body: string): string {
  return createHash('md5').update(foldText(body).folded.toLowerCase().replace(/\s+/g, ' ').trim()).digest('hex');
}

function closedReason(article: { published_at: Date; closed: boolean }, settings: CommentsConfig, now = Date.now()): string | null {
  if (article.closed) return 'closed by the newsroom';
  if (settings.closeAfterDays > 0 && now - article.published_at.getTime() > settings.closeAfterDays * 86_400_000) {
    return `articles take comments for ${settings.closeAfterDays} days after publication`;
  }
  return null;
}

/** Whether an article still takes comments, given its thread state (for Article.commentsOpen). */
export function commentsOpen(article: { published_at: Date }, closed: boolean, settings: CommentsConfig): boolean {
  return closedReason({ published_at: article.published_at, closed }, settings) === null;
}

export async function postComment(db: CommentsDb, settings: CommentsConfig, client: string, input: PostCommentInput): Promise<PostedComment> {
  const authorName = checkName(input.authorName);
  const authorEmail = checkEmail(input.authorEmail);
  const body = cleanCommentBody(input.body, { maxChars: settings.maxChars });
  const hash = bodyHash(body);
  const filter = await currentWordFilter(db);
  const words = filter.check(`${authorName}\n${body}`);
  return db.transaction().execute(async (trx) => {
    await lockCommenter(trx, authorEmail);
    const article = await findArticleForComment(trx, input.articleId);
    if (!article) throw notFound('No published article has this id; comments can only be posted on published articles.');
    const closed = closedReason(article, settings);
    if (closed) throw commentsClosed(closed);
    if (input.parentId !== null) {
      const parent = await findPublishedComment(trx, input.parentId);
      if (!parent || parent.article_id !== article.id) throw badField('parentId', 'is not a published comment of this article.');
      if (parent.parent_id !== null) throw badField('parentId', 'is a reply; replies go one level deep, so reply to the comment it answers.');
    }
    const facts = await readCommenterFacts(
      trx,
      { email: authorEmail, client, bodyHash: hash },
      {
        windowSeconds: settings.rateWindowSeconds,
        perClient: settings.perClient,
        perEmail: settings.perEmail,
        duplicateHours: settings.duplicateHours,
      },
    );
    const waits = [facts.client_limit_since, facts.email_limit_since]
      .filter((d): d is Date => d !== null)
      .map((d) => secondsUntil(new Date(d), settings.rateWindowSeconds));
    const decision = decideComment({
      retryAfterSeconds: waits.length > 0 ? Math.max(...waits) : null,
      authorBanned: facts.author_banned || facts.client_banned,
      honeypotFilled: (input.website ?? '').trim() !== '',
      duplicate: facts.duplicate,
      words,
      links: linksIn(body).length,
      maxLinks: settings.maxLinks,
      approvedAuthor: facts.approved,
      holdFirstComment: settings.holdFirstComment,
    });
    if (decision.kind === 'rate-limited') throw rateLimited(decision.retryAfterSeconds, 'comments');
    const comment = await insertComment(trx, {
      articleId: article.id,
      parentId: input.parentId,
      authorName,
      authorEmail,
      body,
      bodyHash: hash,
      client,
      status: decision.status,
      reasons: decision.reasons,
    });
    if (decision.status === 'published') await incrementThread(trx, article.id);
    return { status: decision.status, reasons: decision.reasons, message: readerMessage(decision.status, decision.reasons), comment };
  });
}

export const REPORT_REASONS = ['SPAM', 'ABUSIVE', 'HATE', 'MISINFORMATION', 'PERSONAL_DATA', 'OTHER'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** A reader's report. Each client's report of a comment counts once; enough of them hide it. */
export async function reportComment(
  db: CommentsDb,
  settings: CommentsConfig,
  client: string,
  report: { commentId: number; reason: ReportReason; note: string | null },
): Promise<void> {
  const note = report.note?.trim() || null;
  if (note && [...note].length > MAX_NOTE_CHARS) throw badField('note', `must be at most ${MAX_NOTE_CHARS} characters; got ${[...note].length}.`);
  await db.transaction().execute(async (trx) => {
    const since = await reportLimitSince(trx, client, { windowSeconds: settings.rateWindowSeconds, perClient: settings.reportsPerClient });
    if (since) throw rateLimited(secondsUntil(new Date(since), settings.rateWindowSeconds), 'reports');
    const comment = await findPublishedComment(trx, report.commentId);
    if (!comment) throw notFound('No published comment has this id.');
    if (!(await insertReport(trx, { commentId: comment.id, client, reason: report.reason, note }))) return;
    const counted = await countReport(trx, comment.id, settings.reportThreshold);
    if (counted.hidden) await recountThreads(trx, [counted.article_id]);
  });
}
