import { sql } from 'kysely';
import type { CommentsConfig } from '../config';
import { badUserInput } from '../schema/errors';
import { notFound } from '../editorial/errors';
import { recountThreads } from './repository';
import type { CommentRow, CommentsDb, CommentStatus } from './tables';

// What moderators do, and what they see. A bulk action over thousands of comments is a fixed
// number of statements: lock and read the rows, update them, resolve their reports, remember or ban
// their authors, recount the affected articles, and write one audit entry per comment.

export type ModerationAction = 'approve' | 'reject' | 'ban_author';
export const MAX_MODERATION_IDS = 20_000;

const AUDIT_ACTION: Record<ModerationAction, string> = {
  approve: 'comment.approved',
  reject: 'comment.rejected',
  ban_author: 'comment.author-banned',
};

export async function moderateComments(
  db: CommentsDb,
  settings: CommentsConfig,
  staffId: number,
  ids: readonly number[],
  action: ModerationAction,
): Promise<{ id: number; status: CommentStatus }[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.length > MAX_MODERATION_IDS) {
    throw badUserInput(`"ids" has ${unique.length} ids; at most ${MAX_MODERATION_IDS} can be moderated at once. Send the rest in another call.`, {
      argument: 'ids',
    });
  }
  const status: CommentStatus = action === 'approve' ? 'published' : 'rejected';
  return db.transaction().execute(async (trx) => {
    const found = await sql<{ id: number }>`select id from comments where id = any(${unique}::int[]) order by id for update`.execute(trx);
    if (found.rows.length !== unique.length) {
      const known = new Set(found.rows.map((r) => r.id));
      const missing = unique.filter((id) => !known.has(id));
      throw notFound(
        `${missing.length} of the ids are no comment (${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}); nothing was changed.`,
      );
    }
    const updated = await sql<Pick<CommentRow, 'id' | 'article_id' | 'author_email' | 'client' | 'status'>>`update comments set
        status = ${status},
        moderated_at = now(),
        moderated_by = ${staffId},
        report_count = case when ${status} = 'published' then 0 else report_count end,
        reasons = case when ${status} = 'published' then reasons else array_append(array_remove(reasons, 'MODERATOR'), 'MODERATOR') end
      where id = any(${unique}::int[])
      returning id, article_id, author_email, client, status`.execute(trx);
    await sql`update comment_reports set resolved_at = now() where comment_id = any(${unique}::int[]) and resolved_at is null`.execute(trx);
    const emails = [...new Set(updated.rows.map((r) => r.author_email))];
    if (action === 'approve') {
      await sql`insert into comment_authors (email, approved_at) select unnest(${emails}::text[]), now()
        on conflict (email) do update set approved_at = coalesce(comment_authors.approved_at, excluded.approved_at)`.execute(trx);
    } else if (action === 'ban_author') {
      await sql`insert into comment_authors (email, banned_at) select unnest(${emails}::text[]), now()
        on conflict (email) do update set banned_at = excluded.banned_at`.execute(trx);
      const clients = [...new Set(updated.rows.map((r) => r.client).filter((c): c is string => c !== null))];
      if (clients.length > 0 && settings.clientBanDays > 0) {
        await sql`insert into comment_client_bans (client, banned_until)
          select unnest(${clients}::text[]), now() + make_interval(days => ${settings.clientBanDays})
          on conflict (client) do update set banned_until = excluded.banned_until`.execute(trx);
      }
    }
    await recountThreads(trx, [...new Set(updated.rows.map((r) => r.article_id))]);
    await sql`insert into audit_log (staff_id, action, entity_type, entity_id, details)
      select ${staffId}, ${AUDIT_ACTION[action]}, 'comment', c.id::text, jsonb_build_object('articleId', c.article_id, 'status', c.status)
      from comments c where c.id = any(${unique}::int[])`.execute(trx);
    const byId = new Map(updated.rows.map((r) => [r.id, r]));
    return ids.filter((id, i) => ids.indexOf(id) === i).map((id) => ({ id, status: byId.get(id)!.status }));
  });
}

export type CommentQueue = 'pending' | 'reported' | 'rejected';

/** A comment as moderators see it: everything, with its open reports counted. */
export type ModeratedComment = CommentRow;

export interface QueuePosition {
  createdAt: Date;
  id: number;
}

function queueFilter(queue: CommentQueue) {
  if (queue === 'reported') return sql`c.status = 'published' and c.report_count > 0`;
  return sql`c.status = ${queue}`;
}

export async function listQueue(
  db: CommentsDb,
  options: { queue: CommentQueue; newestFirst: boolean; after: QueuePosition | null; limit: number },
): Promise<ModeratedComment[]> {
  const { queue, newestFirst, after, limit } = options;
  const direction = sql.raw(newestFirst ? 'desc' : 'asc');
  const position = after
    ? sql`and (c.created_at, c.id) ${sql.raw(newestFirst ? '<' : '>')} (${after.createdAt}::timestamptz, ${after.id}::int)`
    : sql``;
  const result = await sql<ModeratedComment>`select c.* from comments c where ${queueFilter(queue)} ${position}
    order by c.created_at ${direction}, c.id ${direction} limit ${limit + 1}`.execute(db);
  return result.rows;
}

export async function countQueue(db: CommentsDb, queue: CommentQueue): Promise<number> {
  const result = await sql<{ count: string }>`select count(*) as count from comments c where ${queueFilter(queue)}`.execute(db);
  return Number(result.rows[0]!.count);
}

export interface ModerationStats {
  openReports: number;
  oldestOpenReportSeconds: number | null;
  reportsLast30Days: number;
  /** Shares (0–1) of the last 30 days' reports resolved within 4 h and 24 h; null without any due. */
  resolvedWithin4h: number | null;
  resolvedWithin24h: number | null;
}

/**
 * Report handling times (Permenkominfo 5/2020: 1×24 h, 4 h when urgent). A report counts toward a
 * share once it is resolved or its deadline has passed, so fresh open reports do not lower it.
 */
export async function moderationStats(db: CommentsDb): Promise<ModerationStats> {
  const result = await sql<{
    open_reports: string;
    oldest_open_seconds: number | null;
    received: string;
    due_4h: string;
    within_4h: string;
    due_24h: string;
    within_24h: string;
  }>`select
      (select count(*) from comment_reports where resolved_at is null) as open_reports,
      (select extract(epoch from now() - min(received_at))::float8 from comment_reports where resolved_at is null) as oldest_open_seconds,
      count(*) as received,
      count(*) filter (where resolved_at is not null or received_at <= now() - interval '4 hours') as due_4h,
      count(*) filter (where resolved_at <= received_at + interval '4 hours') as within_4h,
      count(*) filter (where resolved_at is not null or received_at <= now() - interval '24 hours') as due_24h,
      count(*) filter (where resolved_at <= received_at + interval '24 hours') as within_24h
    from comment_reports where received_at > now() - interval '30 days'`.execute(db);
  const row = result.rows[0]!;
  const share = (part: string, whole: string) => (Number(whole) === 0 ? null : Number(part) / Number(whole));
  return {
    openReports: Number(row.open_reports),
    oldestOpenReportSeconds: row.oldest_open_seconds === null ? null : Math.round(row.oldest_open_seconds),
    reportsLast30Days: Number(row.received),
    resolvedWithin4h: share(row.within_4h, row.due_4h),
    resolvedWithin24h: share(row.within_24h, row.due_24h),
  };
}

/** Closes or reopens the comments of one article. */
export async function setArticleCommentsClosed(db: CommentsDb, articleId: number, closed: boolean): Promise<void> {
  await sql`insert into comment_threads (article_id, published_count, closed_at)
    values (${articleId}, 0, ${closed ? sql`now()` : null})
    on conflict (article_id) do update set closed_at = ${closed ? sql`coalesce(comment_threads.closed_at, now())` : null}`.execute(db);
}

export async function setSectionCommentsClosed(db: CommentsDb, sectionId: number, closed: boolean): Promise<void> {
  if (closed) {
    await db
      .insertInto('comment_closed_sections')
      .values({ section_id: sectionId })
      .onConflict((oc) => oc.column('section_id').doNothing())
      .execute();
  } else {
    await db.deleteFrom('comment_closed_sections').where('section_id', '=', sectionId).execute();
  }
}
