import { Kysely, sql } from 'kysely';

// Imports identify an article by import_key: its canonical URL when the source has one, otherwise
// the source site and the post's id there (WordPress posts exported without <link> or <guid>). Rows
// imported before this migration were identified by canonical URL, which becomes their key.
//
// article_old_paths keeps the addresses an imported article had on the old site (permalinks, ?p=123,
// date-based forms), so that links from search engines and shares can be redirected after a
// migration. A path belongs to one article: the first import that claims it keeps it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table articles add column if not exists import_key text`.execute(db);
  await sql`update articles set import_key = canonical_url where import_hash is not null and canonical_url is not null and import_key is null`.execute(
    db,
  );
  await sql`create unique index if not exists articles_import_key_key on articles (import_key) where import_key is not null`.execute(db);

  await db.schema
    .createTable('article_old_paths')
    .ifNotExists()
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('article_old_paths_article_idx').ifNotExists().on('article_old_paths').column('article_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_old_paths').ifExists().execute();
  await sql`drop index if exists articles_import_key_key`.execute(db);
  await sql`alter table articles drop column if exists import_key`.execute(db);
}
