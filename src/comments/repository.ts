import { sql } from 'kysely';
import { isVisible } from '../content/visibility';
import type { CommentsDb, CommentReason, CommentRow, CommentStatus } from './tables';

// SQL of the comment writes and the moderators' reads. Functions take the database (or a
// transaction) first; services in ./service.ts and ./moderation.ts decide what to call.

export interface ArticleForComment {
  id: number;
  published_at: Date;
  closed: boolean;
}

/** A visible article and whether its comments were closed by hand (article or section). */
export async function findArticleForComment(db: CommentsDb, articleId: number): Promise<ArticleForComment | undefined> {
  return db
    .selectFrom('articles as a')
    .leftJoin('comment_threads as t', 't.article_id', 'a.id')
    .select([
      'a.id',
      sql<Date>`a.published_at`.as('published_at'),
      sql<boolean>`(t.closed_at is not null or exists (select 1 from comment_closed_sections s where s.section_id = a.section_id))`.as('closed'),
    ])
    .where('a.id', '=', articleId)
    .where(isVisible('a'))
    .executeTakeFirst();
}

export async function findPublishedComment(db: CommentsDb, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).where('status', '=', 'published').executeTakeFirst();
}

/** Serialises one e-mail's posts, so that rate limits and duplicates are counted exactly. */
export async function lockCommenter(db: CommentsDb, email: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`comment:${email}`}))`.execute(db);
}

export interface CommenterFacts {
  /** When the client's and the e-mail's oldest post that still counts against the limit was made (null: under the limit). */
  client_limit_since: Date | null;
  email_limit_since: Date | null;
  author_banned: boolean;
  client_banned: boolean;
  approved: boolean;
  duplicate: boolean;
}

/** Everything the policy needs to know about who is posting, in one statement. */
export async function readCommenterFacts(
  db: CommentsDb,
  who: { email: string; client: string; bodyHash: string },
  limits: { windowSeconds: number; perClient: number; perEmail: number; duplicateHours: number },
): Promise<CommenterFacts> {
  const window = sql`now() - make_interval(secs => ${limits.windowSeconds})`;
  const result = await sql<CommenterFacts>`select
      (select created_at from comments where client = ${who.client} and created_at > ${window}
        order by created_at desc offset ${limits.perClient - 1} limit 1) as client_limit_since,
      (select created_at from comments where author_email = ${who.email} and created_at > ${window}
        order by created_at desc offset ${limits.perEmail - 1} limit 1) as email_limit_since,
      coalesce((select banned_at is not null from comment_authors where email = ${who.email}), false) as author_banned,
      exists (select 1 from comment_client_bans where client = ${who.client} and banned_until > now()) as client_banned,
      coalesce((select approved_at is not null from comment_authors where email = ${who.email}), false) as approved,
      exists (select 1 from comments where author_email = ${who.email} and body_hash = ${who.bodyHash}
        and created_at > now() - make_interval(hours => ${limits.duplicateHours})) as duplicate`.execute(db);
  return result.rows[0]!;
}

export interface NewComment {
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  body: string;
  bodyHash: string;
  client: string;
  status: CommentStatus;
  reasons: CommentReason[];
}

export async function insertComment(db: CommentsDb, comment: NewComment): Promise<CommentRow> {
  return db
    .insertInto('comments')
    .values({
      article_id: comment.articleId,
      parent_id: comment.parentId,
      author_name: comment.authorName,
      author_email: comment.authorEmail,
      body: comment.body,
      body_hash: comment.bodyHash,
      client: comment.client,
      status: comment.status,
      reasons: sql<CommentReason[]>`${comment.reasons}::text[]`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets the published counts of these articles from their comments (one statement for any number). */
export async function recountThreads(db: CommentsDb, articleIds: readonly number[]): Promise<void> {
  if (articleIds.length === 0) return;
  await sql`insert into comment_threads (article_id, published_count)
    select a.id, (select count(*) from comments c where c.article_id = a.id and c.status = 'published')
    from unnest(${[...articleIds]}::int[]) as a(id)
    on conflict (article_id) do update set published_count = excluded.published_count`.execute(db);
}

/** One more published comment on an article. */
export async function incrementThread(db: CommentsDb, articleId: number): Promise<void> {
  await sql`insert into comment_threads (article_id, published_count) values (${articleId}, 1)
    on conflict (article_id) do update set published_count = comment_threads.published_count + 1`.execute(db);
}

/** Seconds until the client may report again, or null when under the limit. */
export async function reportLimitSince(db: CommentsDb, client: string, limits: { windowSeconds: number; perClient: number }): Promise<Date | null> {
  const result = await sql<{ since: Date | null }>`select (select received_at from comment_reports
      where client = ${client} and received_at > now() - make_interval(secs => ${limits.windowSeconds})
      order by received_at desc offset ${limits.perClient - 1} limit 1) as since`.execute(db);
  return result.rows[0]?.since ?? null;
}

/** Records a report; false when this client had already reported this comment. */
export async function insertReport(
  db: CommentsDb,
  report: { commentId: number; client: string; reason: string; note: string | null },
): Promise<boolean> {
  const inserted = await db
    .insertInto('comment_reports')
    .values({ comment_id: report.commentId, client: report.client, reason: report.reason, note: report.note })
    .onConflict((oc) => oc.columns(['comment_id', 'client']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Counts a report; at `threshold` reports a published comment is hidden until a moderator looks. */
export async function countReport(db: CommentsDb, commentId: number, threshold: number): Promise<{ hidden: boolean; article_id: number }> {
  const row = await sql<{ hidden: boolean; article_id: number }>`update comments set
      report_count = report_count + 1,
      status = case when status = 'published' and report_count + 1 >= ${threshold} then 'pending' else status end,
      reasons = case when status = 'published' and report_count + 1 >= ${threshold}
        then array_append(array_remove(reasons, 'REPORTED'), 'REPORTED') else reasons end
    where id = ${commentId}
    returning status = 'pending' and 'REPORTED' = any(reasons) and report_count = ${threshold} as hidden, article_id`.execute(db);
  return row.rows[0]!;
}
