import { Kysely, sql } from 'kysely';

// Stored "Artikel Terkait" candidates, so that reading an article's related list is one index
// lookup. article_tags carries its article's published_at (kept in step by triggers) so candidate
// generation can take "the newest N articles with this tag before a date" from an index instead of
// sorting every article of a popular tag.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('article_related')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('rank', 'smallint', (c) => c.notNull())
    .addColumn('related_article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_related_pkey', ['article_id', 'rank'])
    .execute();

  await sql`alter table articles add column if not exists related_computed_at timestamptz(3)`.execute(db);
  await sql`alter table article_tags add column if not exists published_at timestamptz(3)`.execute(db);
  await sql`update article_tags t set published_at = a.published_at from articles a
            where a.id = t.article_id and t.published_at is distinct from a.published_at`.execute(db);
  await db.schema
    .createIndex('article_tags_tag_published_idx')
    .ifNotExists()
    .on('article_tags')
    .columns(['tag_id', 'published_at desc', 'article_id'])
    .execute();

  await sql`
    create or replace function kabar_article_tags_set_published_at() returns trigger language plpgsql as $$
    begin
      select published_at into new.published_at from articles where id = new.article_id;
      return new;
    end $$`.execute(db);
  await sql`drop trigger if exists article_tags_set_published_at on article_tags`.execute(db);
  await sql`create trigger article_tags_set_published_at before insert or update of article_id on article_tags
            for each row execute function kabar_article_tags_set_published_at()`.execute(db);

  await sql`
    create or replace function kabar_articles_propagate_published_at() returns trigger language plpgsql as $$
    begin
      update article_tags set published_at = new.published_at where article_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`drop trigger if exists articles_propagate_published_at on articles`.execute(db);
  await sql`create trigger articles_propagate_published_at after update of published_at on articles
            for each row when (old.published_at is distinct from new.published_at)
            execute function kabar_articles_propagate_published_at()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists articles_propagate_published_at on articles`.execute(db);
  await sql`drop trigger if exists article_tags_set_published_at on article_tags`.execute(db);
  await sql`drop function if exists kabar_articles_propagate_published_at()`.execute(db);
  await sql`drop function if exists kabar_article_tags_set_published_at()`.execute(db);
  await db.schema.dropIndex('article_tags_tag_published_idx').ifExists().execute();
  await sql`alter table article_tags drop column if exists published_at`.execute(db);
  await sql`alter table articles drop column if exists related_computed_at`.execute(db);
  await db.schema.dropTable('article_related').ifExists().execute();
}
