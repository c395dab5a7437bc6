import { sql } from 'kysely';
import type { Db } from '../db/database';

// "Content changed" signal for anything that caches content (response caches, CDN purges). Writers
// outside the server process (the import command) call notifyContentChanged inside their
// transaction; PostgreSQL delivers the NOTIFY to every LISTENer when, and only if, it commits.
// src/cache listens on the same channel.

export const CONTENT_CHANGED_CHANNEL = 'kabar_content_changed';

export interface ContentChange {
  source: string;
  /** Changed articles; empty with `truncated` when there were too many to list. */
  articleIds: number[];
  truncated?: boolean;
  /** The writing transaction (set by PostgreSQL when sent). */
  xid?: string;
}

// NOTIFY payloads are limited to 8000 bytes.
const MAX_PAYLOAD = 7900;

/**
 * Names the changed articles to listeners. The content triggers (db/migrations/…_content_notify.ts)
 * already announce every committed change; this adds which articles, for caches that can drop
 * entries selectively. The payload carries the transaction id like the triggers' does, so caches
 * that derive their generation from it agree.
 */
export async function notifyContentChanged(db: Db, change: ContentChange): Promise<void> {
  if (change.articleIds.length === 0) return;
  const base = { source: change.source, articleIds: change.articleIds, ...(change.truncated ? { truncated: true } : {}) };
  const payload = JSON.stringify(base).length > MAX_PAYLOAD ? { source: change.source, articleIds: [], truncated: true } : base;
  await sql`select pg_notify(${CONTENT_CHANGED_CHANNEL},
    (${JSON.stringify(payload)}::jsonb || jsonb_build_object('xid', pg_current_xact_id()::text))::text)`.execute(db);
}
