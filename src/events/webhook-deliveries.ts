import { sql } from 'kysely';
import { writeAudit, type AuditEntry } from '../editorial/audit';
import { badField } from '../editorial/errors';
import type { EditorialDb, WebhookRow } from '../editorial/tables';
import type { DeliveryAttemptRow, DeliveryRow, DeliveryStatus, WebhookDb } from './webhook-tables';

// The delivery log, redelivery and switching webhooks off and on: what the admin mutations
// (src/schema/webhooks.ts) and `npm run webhooks` (src/cli/webhooks.ts) call.
//
// Redelivery makes a delivery due now with a fresh retry window; it keeps its X-Kabar-Delivery id
// and its payload (redacted at claim time if its article is no longer public), and its attempts go
// on being counted. A delivery being sent at this moment cannot be redelivered.

// Timestamps are kept to the millisecond (rounded); truncating keeps "due now" from landing just
// after the now() of a claim that follows at once.
const DUE_NOW = sql<Date>`date_trunc('milliseconds', now())`;

function audit(db: WebhookDb, entry: AuditEntry): Promise<unknown> {
  return writeAudit(db as unknown as EditorialDb, entry);
}

export interface DeliveryPageOptions {
  status?: DeliveryStatus;
  /** Deliveries older than this database id (keyset paging, newest first). */
  beforeId?: number;
  limit: number;
}

export async function findWebhook(db: WebhookDb, id: number): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One webhook's deliveries, newest first. */
export function listDeliveries(db: WebhookDb, webhookId: number, options: DeliveryPageOptions): Promise<DeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}

export function findDelivery(db: WebhookDb, deliveryId: string): Promise<DeliveryRow | undefined> {
  if (!isUuid(deliveryId)) return Promise.resolve(undefined);
  return db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst();
}

/** Attempts of these deliveries, oldest first, grouped by delivery (database) id. */
export async function attemptsOf(db: WebhookDb, ids: readonly number[]): Promise<Map<number, DeliveryAttemptRow[]>> {
  const grouped = new Map<number, DeliveryAttemptRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return grouped;
  const rows = await db
    .selectFrom('webhook_delivery_attempts')
    .selectAll()
    .where('delivery_id', '=', sql<number>`any(${[...ids]}::bigint[])`)
    .orderBy('id')
    .execute();
  for (const row of rows) grouped.get(row.delivery_id)?.push(row);
  return grouped;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Makes one delivery (by its X-Kabar-Delivery id) due now; null when there is no such delivery. */
export async function redeliver(db: WebhookDb, deliveryId: string, staffId: number | null): Promise<DeliveryRow | null> {
  const existing = await findDelivery(db, deliveryId);
  if (!existing) return null;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: DUE_NOW, retry_from: sql`now()`, locked_until: null })
      .where('id', '=', existing.id)
      .where('status', '<>', 'delivering')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw badField('id', 'names a delivery that is being sent right now; try again when its attempt has finished.');
    await audit(trx, {
      staffId,
      action: 'webhook.redelivered',
      entityType: 'webhook',
      entityId: row.webhook_id,
      details: { deliveryId, previousStatus: existing.status },
    });
    return row;
  });
}

/**
 * Makes every failed delivery of a webhook due now: the dead-lettered ones and those waiting for a
 * retry. Returns how many.
 */
export async function redeliverFailed(db: WebhookDb, webhookId: number, staffId: number | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: DUE_NOW, retry_from: sql`now()`, locked_until: null })
      .where('webhook_id', '=', webhookId)
      .where((eb) => eb.or([eb('status', '=', 'dead'), eb.and([eb('status', '=', 'pending'), eb('attempts', '>', 0)])]))
      .executeTakeFirst();
    const count = Number(result.numUpdatedRows);
    await audit(trx, { staffId, action: 'webhook.redelivered', entityType: 'webhook', entityId: webhookId, details: { failed: count } });
    return count;
  });
}

/**
 * Switches a webhook off (no new deliveries; pending ones wait) or back on (waiting deliveries go
 * out; events that happened while it was off are not delivered).
 */
export async function setWebhookDisabled(db: WebhookDb, webhookId: number, disabled: boolean, staffId: number | null): Promise<WebhookRow | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhooks')
      .set({ disabled_at: disabled ? sql`coalesce(disabled_at, now())` : null })
      .where('id', '=', webhookId)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    await audit(trx, { staffId, action: disabled ? 'webhook.disabled' : 'webhook.enabled', entityType: 'webhook', entityId: webhookId });
    return row;
  });
}

/** Deletes succeeded and dead deliveries older than `before` (their attempts go with them). */
export async function pruneDeliveries(db: WebhookDb, before: Date, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql`
      delete from webhook_deliveries where id in (
        select id from webhook_deliveries where status in ('succeeded', 'dead') and created_at < ${before} limit ${batchSize})`.execute(db);
    const deleted = Number(result.numAffectedRows ?? 0);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/** Counts by status of one webhook's deliveries (for the CLI's list). */
export async function deliveryCounts(db: WebhookDb): Promise<Map<number, Record<DeliveryStatus, number>>> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['webhook_id', 'status'])
    .execute();
  const counts = new Map<number, Record<DeliveryStatus, number>>();
  for (const row of rows) {
    const entry = counts.get(row.webhook_id) ?? { pending: 0, delivering: 0, succeeded: 0, dead: 0 };
    entry[row.status] = Number(row.count);
    counts.set(row.webhook_id, entry);
  }
  return counts;
}
