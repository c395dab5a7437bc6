import { Kysely, sql } from 'kysely';

// Keys that syndication partners present to get full-text feeds. Only a SHA-256 hash of each key is
// stored: the key itself is shown once, when it is created, and cannot be recovered from the table.
// The keys are long random tokens, so a fast hash is enough; no password stretching is needed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partner_keys')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    // The first characters of the key, so operators can tell keys apart in `partner list`.
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', sql`timestamptz(3)`)
    .execute();
  // One active key per partner name; revoked keys stay for the record.
  await db.schema
    .createIndex('partner_keys_active_name_idx')
    .ifNotExists()
    .unique()
    .on('partner_keys')
    .column('name')
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('partner_keys').ifExists().execute();
}
