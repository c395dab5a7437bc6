import { sql } from 'kysely';
import type { EditorialDb, AuditRow } from './tables';

// Who did what and when. Written in the same transaction as the change it describes.

export type AuditAction =
  | 'staff.signed-in'
  | 'staff.sign-in-failed'
  | 'staff.signed-out'
  | 'staff.created'
  | 'staff.role-changed'
  | 'staff.disabled'
  | 'staff.password-reset'
  | 'article.created'
  | 'article.saved'
  | 'article.published'
  | 'article.scheduled'
  | 'article.withdrawn'
  | 'article.restored'
  | 'article.picks-changed'
  | 'preview.created'
  | 'preview.revoked'
  | 'section.created'
  | 'section.updated'
  | 'tag.created'
  | 'webhook.created'
  | 'webhook.disabled'
  | 'webhook.enabled'
  | 'webhook.redelivered'
  | 'comment.approved'
  | 'comment.rejected'
  | 'comment.author-banned'
  | 'comment.words-changed'
  | 'comment.thread-closed'
  | 'comment.thread-opened'
  | 'article.live-changed'
  | 'live-entry.added'
  | 'live-entry.updated'
  | 'live-entry.deleted';

export interface AuditEntry {
  staffId: number | null;
  action: AuditAction;
  entityType?: string;
  entityId?: string | number;
  details?: Record<string, unknown>;
}

export async function writeAudit(db: EditorialDb, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      staff_id: entry.staffId,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId === undefined ? null : String(entry.entityId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditPage {
  rows: AuditRow[];
  hasMore: boolean;
}

/** Newest first; `before` is the id of the last row of the previous page. */
export async function listAudit(db: EditorialDb, options: { limit: number; beforeId?: string; action?: string }): Promise<AuditPage> {
  let query = db.selectFrom('audit_log').selectAll();
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  if (options.action) query = query.where('action', '=', options.action);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
  return { rows: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
}

export async function countAudit(db: EditorialDb, action: string, entityId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)`.as('count'))
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
