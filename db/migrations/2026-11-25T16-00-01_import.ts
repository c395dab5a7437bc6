import { Kysely, sql } from 'kysely';

// Imports identify an article by its canonical URL (already unique) and remember a hash of the
// normalised source record, so that importing the same file again can tell "unchanged" from
// "updated" without comparing every column.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table articles add column if not exists import_hash text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table articles drop column if exists import_hash`.execute(db);
}
