import type { Db } from '../db/database';
import { readChangesAfter, type ChangeEvent } from './change-log';
import { buildPayloads } from './webhook-payload';
import type { WebhookDb } from './webhook-tables';

// Fan-out: change events after webhook_cursor become deliveries, one per event and enabled webhook
// that wants it, in the same transaction that moves the cursor on (see the webhook_deliveries
// migration). The cursor row is locked FOR UPDATE SKIP LOCKED: while one process fans out, another
// skips the round instead of waiting, and nothing is fanned out twice. An event nobody wants still
// moves the cursor.

export interface FanOutResult {
  events: number;
  deliveries: number;
  /** False when another process held the cursor and this call did nothing. */
  ran: boolean;
}

interface Subscriber {
  id: number;
  events: string[];
  after_event_id: number;
}

export function wants(webhook: Pick<Subscriber, 'events' | 'after_event_id'>, event: Pick<ChangeEvent, 'id' | 'type'>): boolean {
  return event.id > webhook.after_event_id && (webhook.events.includes('*') || webhook.events.includes(event.type));
}

const INSERT_CHUNK = 1000;

export async function fanOutChanges(db: WebhookDb, options: { baseUrl: string; batchSize?: number }): Promise<FanOutResult> {
  const batchSize = options.batchSize ?? 500;
  const total: FanOutResult = { events: 0, deliveries: 0, ran: false };
  for (;;) {
    const round = await db.transaction().execute(async (trx) => {
      const cursor = await trx.selectFrom('webhook_cursor').select('last_event_id').forUpdate().skipLocked().executeTakeFirst();
      if (!cursor) return null;
      const events = await readChangesAfter(trx as unknown as Db, cursor.last_event_id, batchSize);
      const last = events.at(-1);
      if (!last) return { events: 0, deliveries: 0 };
      const webhooks = await trx.selectFrom('webhooks').select(['id', 'events', 'after_event_id']).where('disabled_at', 'is', null).execute();
      const wanted = events.filter((e) => webhooks.some((w) => wants(w, e)));
      const payloads = await buildPayloads(trx, wanted, options.baseUrl);
      const rows = wanted.flatMap((event) =>
        webhooks
          .filter((w) => wants(w, event))
          .map((w) => ({
            webhook_id: w.id,
            event_id: event.id,
            event_type: event.type,
            article_id: event.articleId,
            payload: JSON.stringify(payloads.get(event.id)),
          })),
      );
      let inserted = 0;
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const result = await trx
          .insertInto('webhook_deliveries')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
          .executeTakeFirst();
        inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      await trx
        .updateTable('webhook_cursor')
        .set((eb) => ({ last_event_id: last.id, updated_at: eb.fn<Date>('now') }))
        .execute();
      return { events: events.length, deliveries: inserted };
    });
    if (!round) return total;
    total.ran = true;
    total.events += round.events;
    total.deliveries += round.deliveries;
    if (round.events < batchSize) return total;
  }
}
