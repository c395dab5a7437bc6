import { Kysely, sql } from 'kysely';

// Webhooks take turns (src/events/webhook-worker.ts claim): each claim reads, per enabled webhook,
// its oldest due deliveries and how many of its deliveries are in flight. These two indexes answer
// both from the webhook's own rows, however large another webhook's backlog is.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists webhook_deliveries_webhook_due_idx on webhook_deliveries (webhook_id, next_attempt_at, id)
    where status = 'pending'`.execute(db);
  await sql`create index if not exists webhook_deliveries_webhook_delivering_idx on webhook_deliveries (webhook_id)
    where status = 'delivering'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists webhook_deliveries_webhook_delivering_idx`.execute(db);
  await sql`drop index if exists webhook_deliveries_webhook_due_idx`.execute(db);
}
