import { sql } from 'kysely';
import type { Db } from '../db/database';

// The change log (db/migrations/…_change_log.ts): one row per committed change a reader can
// notice, ids in commit order. Triggers write it; this module reads and prunes it. Consumers keep
// the id of the last event they handled and ask for what came after (src/events/change-feed.ts,
// webhooks, live subscriptions).

export const CHANGE_TYPES = [
  'article.published',
  'article.scheduled',
  'article.updated',
  'article.withdrawn',
  'section.changed',
  'tag.changed',
  'author.changed',
  'picks.changed',
  'comment.published',
  'comment.removed',
  'live_entry.added',
  'live_entry.updated',
  'live_entry.deleted',
] as const;

export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface ChangeEvent {
  id: number;
  type: ChangeType;
  articleId: number | null;
  sectionId: number | null;
  /** The changed row: the article, comment, live entry, section, tag or author. */
  entityId: number | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export interface ChangeFilter {
  types?: readonly string[];
  articleId?: number;
  sectionId?: number;
}

/** Query text for readers that run it on a connection of their own (the change feed's listener). */
export const READ_CHANGES_SQL = `select id, type, article_id, section_id, entity_id, data, occurred_at
  from change_events where id > $1 order by id limit $2`;

export interface ChangeEventRow {
  id: number | string;
  type: string;
  article_id: number | null;
  section_id: number | null;
  entity_id: number | string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
}

export function toChangeEvent(row: ChangeEventRow): ChangeEvent {
  return {
    id: Number(row.id),
    type: row.type as ChangeType,
    articleId: row.article_id,
    sectionId: row.section_id,
    entityId: row.entity_id === null ? null : Number(row.entity_id),
    data: row.data,
    occurredAt: row.occurred_at,
  };
}

/** Events after `afterId`, oldest first, at most `limit`, optionally only some types or one article/section. */
export async function readChangesAfter(db: Db, afterId: number, limit: number, filter: ChangeFilter = {}): Promise<ChangeEvent[]> {
  let query = db
    .selectFrom('change_events')
    .select(['id', 'type', 'article_id', 'section_id', 'entity_id', 'data', 'occurred_at'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  if (filter.types && filter.types.length > 0) query = query.where('type', 'in', [...filter.types]);
  if (filter.articleId !== undefined) query = query.where('article_id', '=', filter.articleId);
  if (filter.sectionId !== undefined) query = query.where('section_id', '=', filter.sectionId);
  const rows = await query.execute();
  return rows.map((row) => toChangeEvent(row as ChangeEventRow));
}

/** The id of the newest event (0 when the log is empty). */
export async function latestChangeId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('change_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The id of the oldest event still kept (null when the log is empty): resuming before it is impossible. */
export async function oldestChangeId(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('change_events')
    .select((eb) => eb.fn.min('id').as('id'))
    .executeTakeFirst();
  return row?.id == null ? null : Number(row.id);
}

/** Deletes events older than `before`, `batchSize` rows per statement; returns how many went. */
export async function pruneChangeEvents(db: Db, before: Date, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql<{ id: number }>`
      delete from change_events where id in (
        select id from change_events where occurred_at < ${before} order by id limit ${batchSize})`.execute(db);
    const deleted = Number(result.numAffectedRows ?? 0);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

// Cursors handed to clients (SSE event ids, `after` arguments) name an event id; they are opaque
// so that the encoding can change.
const CURSOR_PREFIX = 'change:';

export function encodeChangeCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

/** The event id a cursor names, or null when it is not one of ours. */
export function decodeChangeCursor(cursor: string): number | null {
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const digits = text.slice(CURSOR_PREFIX.length);
  if (!/^\d{1,15}$/.test(digits)) return null;
  return Number(digits);
}
