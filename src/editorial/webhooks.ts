import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { badField } from './errors';
import { writeAudit } from './audit';
import type { EditorialDb, WebhookRow } from './tables';
import { CHANGE_TYPES } from '../events/change-log';
import { isPrivateAddress } from '../events/webhook-sender';

// Webhook registrations (delivery, signing and retries: src/events/webhook-*.ts). The secret must
// be kept as it is, not hashed: deliveries are signed with HMAC-SHA256 keyed by it
// (operations/editorial/README.md). It is shown once, when created.

/** Every type of the change log, or "*" for all (including types added later). */
export const WEBHOOK_EVENTS = [...CHANGE_TYPES, '*'] as const;

export interface NewWebhook {
  url: string;
  events: string[];
}

/**
 * Registers an endpoint. In production (unless private addresses are allowed) a URL whose host is
 * a private or loopback address is refused here already; host names are checked at each delivery.
 */
export async function createWebhook(
  db: EditorialDb,
  input: NewWebhook,
  staffId: number | null,
  production: boolean,
  allowPrivateAddresses = !production,
): Promise<WebhookRow> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw badField('url', 'must be an absolute https:// URL.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) throw badField('url', 'must use https.');
  if (url.username || url.password) throw badField('url', 'must not carry a user name or password; the signature authenticates deliveries.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivateAddresses && (isPrivateAddress(host) || host === 'localhost' || host.endsWith('.localhost'))) {
    throw badField('url', 'must not point to a private or loopback address (WEBHOOK_ALLOW_PRIVATE_ADDRESSES is off).');
  }
  const events = [...new Set(input.events)];
  if (events.length === 0) throw badField('events', `must name at least one event: ${WEBHOOK_EVENTS.join(', ')}.`);
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0) throw badField('events', `has unknown event(s) ${unknown.join(', ')}; known: ${WEBHOOK_EVENTS.join(', ')}.`);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhooks')
      // Only events after the newest one now: fan-out may lag behind, and older ones are not for it.
      .values({
        url: url.toString(),
        events,
        secret,
        staff_id: staffId,
        after_event_id: sql<number>`(select coalesce(max(id), 0) from change_events)`,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { staffId, action: 'webhook.created', entityType: 'webhook', entityId: row.id, details: { url: row.url, events } });
    return row;
  });
}

export function listWebhooks(db: EditorialDb): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().orderBy('id').execute();
}
