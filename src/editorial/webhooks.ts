import { randomBytes } from 'node:crypto';
import { badField } from './errors';
import { writeAudit } from './audit';
import type { EditorialDb, WebhookRow } from './tables';

// Webhook registrations (store and validate only; delivery, signing and retries belong to the
// change-events issue). The secret must be kept as it is, not hashed: deliveries are signed with
// HMAC-SHA256 keyed by it (operations/editorial/README.md). It is shown once, when created.

export const WEBHOOK_EVENTS = ['article.published', 'article.updated', 'article.withdrawn', 'article.scheduled', '*'] as const;

export interface NewWebhook {
  url: string;
  events: string[];
}

export async function createWebhook(db: EditorialDb, input: NewWebhook, staffId: number, production: boolean): Promise<WebhookRow> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw badField('url', 'must be an absolute https:// URL.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) throw badField('url', 'must use https.');
  if (url.username || url.password) throw badField('url', 'must not carry a user name or password; the signature authenticates deliveries.');
  const events = [...new Set(input.events)];
  if (events.length === 0) throw badField('events', `must name at least one event: ${WEBHOOK_EVENTS.join(', ')}.`);
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0) throw badField('events', `has unknown event(s) ${unknown.join(', ')}; known: ${WEBHOOK_EVENTS.join(', ')}.`);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhooks')
      .values({ url: url.toString(), events, secret, staff_id: staffId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { staffId, action: 'webhook.created', entityType: 'webhook', entityId: row.id, details: { url: row.url, events } });
    return row;
  });
}

export function listWebhooks(db: EditorialDb): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().orderBy('id').execute();
}
