import { Kysely, sql } from 'kysely';

// Fleet jobs claim a run with a lease instead of holding a transaction open while it runs
// (src/jobs/fleet.ts). The open transaction kept a pool connection per running job, so a few jobs
// starting together could take a small pool's every connection while their tasks waited for one,
// and it pinned a PgBouncer server connection and an xid for as long as a run took.
//
// lease_until: while in the future, a run is in progress and no other process claims the job; the
// running process pushes it forward every few seconds. lease_token: which run holds it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table job_schedule add column if not exists lease_until timestamptz`.execute(db);
  await sql`alter table job_schedule add column if not exists lease_token text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table job_schedule drop column if exists lease_token`.execute(db);
  await sql`alter table job_schedule drop column if exists lease_until`.execute(db);
}
