import { Kysely, sql } from 'kysely';

// A partner's own rate limit (points of query cost per window), for partners that need more than
// RATE_LIMIT_PARTNER_POINTS (the publisher's own frontend, a large aggregator). Null: the default.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table partner_keys add column if not exists rate_limit_points integer check (rate_limit_points > 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table partner_keys drop column if exists rate_limit_points`.execute(db);
}
