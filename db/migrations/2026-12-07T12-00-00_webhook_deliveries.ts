import { Kysely, sql } from 'kysely';

// Webhook delivery (issue 13). Change events (the change_log migration) become deliveries, one per
// event and matching webhook, and deliveries are POSTed by every Kabar process.
//
// Fan-out happens exactly once: webhook_cursor holds the id of the last change event turned into
// deliveries, and the transaction that inserts the deliveries of the events after it also moves it
// on, with the row locked (FOR UPDATE) meanwhile. A second process that finds the row locked skips
// the round; (webhook_id, event_id) is unique besides. Change ids are handed out in commit order
// (see the change_log migration), so "after the cursor" never skips an event that commits late.
//
// A delivery copies its payload: it is built from the committed rows during fan-out and outlives
// the change event, which the retention job prunes after CHANGE_LOG_RETENTION_DAYS. event_id
// therefore has no foreign key. The payload is json, not jsonb, so that its keys keep the order
// they were written in (type, id, occurredAt, data) in the body receivers get.
//
// Claiming: pending deliveries that are due are claimed with FOR UPDATE SKIP LOCKED in a short
// transaction that marks them "delivering" until locked_until (a lease); the POST happens after
// that commit, and its outcome is recorded afterwards. A process that dies mid-delivery leaves a
// lease that runs out; the delivery is then claimed again (same X-Kabar-Delivery id).
//
// webhooks.after_event_id: a webhook receives events after the newest one that existed when it was
// registered, never older ones (fan-out may lag behind registration).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhooks add column if not exists after_event_id bigint not null default 0`.execute(db);
  await sql`update webhooks set after_event_id = coalesce((select max(id) from change_events), 0)`.execute(db);

  await sql`
    create table if not exists webhook_cursor (
      id boolean primary key default true check (id),
      last_event_id bigint not null,
      updated_at timestamptz(3) not null default now()
    )`.execute(db);
  // Start at the present: events from before webhook delivery existed are not sent.
  await sql`insert into webhook_cursor (id, last_event_id)
    values (true, coalesce((select max(id) from change_events), 0)) on conflict (id) do nothing`.execute(db);

  await sql`
    create table if not exists webhook_deliveries (
      id bigint generated always as identity primary key,
      webhook_id integer not null references webhooks (id) on delete cascade,
      event_id bigint not null,
      event_type text not null,
      article_id integer,
      delivery_id uuid not null default gen_random_uuid() unique,
      status text not null default 'pending' check (status in ('pending', 'delivering', 'succeeded', 'dead')),
      attempts integer not null default 0,
      next_attempt_at timestamptz(3) not null default date_trunc('milliseconds', now()),
      locked_until timestamptz(3),
      retry_from timestamptz(3) not null default now(),
      last_status_code integer,
      last_error text,
      created_at timestamptz(3) not null default now(),
      delivered_at timestamptz(3),
      payload json not null,
      unique (webhook_id, event_id)
    )`.execute(db);
  // Claiming due deliveries, and finding leases that ran out.
  await sql`create index if not exists webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index if not exists webhook_deliveries_lease_idx on webhook_deliveries (locked_until) where status = 'delivering'`.execute(db);
  // The delivery log of one webhook, newest first (and by status).
  await sql`create index if not exists webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, id desc)`.execute(db);
  await sql`create index if not exists webhook_deliveries_article_idx on webhook_deliveries (article_id) where article_id is not null and status in ('pending', 'delivering')`.execute(
    db,
  );
  await sql`create index if not exists webhook_deliveries_done_idx on webhook_deliveries (created_at) where status in ('succeeded', 'dead')`.execute(
    db,
  );

  await sql`
    create table if not exists webhook_delivery_attempts (
      id bigint generated always as identity primary key,
      delivery_id bigint not null references webhook_deliveries (id) on delete cascade,
      attempt integer not null,
      started_at timestamptz(3) not null,
      duration_ms integer not null,
      status_code integer,
      error text,
      succeeded boolean not null
    )`.execute(db);
  await sql`create index if not exists webhook_delivery_attempts_delivery_idx on webhook_delivery_attempts (delivery_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists webhook_delivery_attempts`.execute(db);
  await sql`drop table if exists webhook_deliveries`.execute(db);
  await sql`drop table if exists webhook_cursor`.execute(db);
  await sql`alter table webhooks drop column if exists after_event_id`.execute(db);
}
