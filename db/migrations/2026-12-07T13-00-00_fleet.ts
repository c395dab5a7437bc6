import { Kysely, sql } from 'kysely';

// Running as a fleet (issue 14).
//
// job_schedule: one row per background job. A process runs a job only after claiming its next run
// with one UPDATE … WHERE next_run_at <= now() RETURNING; whoever is due claims, so a dead leader is
// replaced within one interval. runs/last_run_by/last_ok record what happened, for tests and people.
//
// trending_lists: the Terpopuler lists the claiming process computed, read by every process.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table if not exists job_schedule (
      job text primary key,
      interval_ms integer not null check (interval_ms > 0),
      next_run_at timestamptz not null default now(),
      runs bigint not null default 0,
      failures bigint not null default 0,
      last_run_by text,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_duration_ms integer,
      last_ok boolean
    )`.execute(db);
  await sql`
    create table if not exists trending_lists (
      window_name text not null,
      section_key text not null,
      generated_at timestamptz not null,
      entries jsonb not null,
      primary key (window_name, section_key)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists trending_lists`.execute(db);
  await sql`drop table if exists job_schedule`.execute(db);
}
