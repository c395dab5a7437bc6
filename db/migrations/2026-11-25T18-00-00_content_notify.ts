import { Kysely, sql } from 'kysely';

// Every committed change to published content sends one NOTIFY on the "kabar_content_changed"
// channel (the channel of src/content/changes.ts), whoever made it: the import command, a future
// write API, or someone editing rows by hand in psql. Response caches listen and start afresh.
//
// The triggers are per statement, not per row, and their payload is the same for a whole
// transaction (PostgreSQL folds identical notifications of one transaction into one), so a bulk
// import of thousands of rows costs one notification. It names the transaction (pg_current_xact_id),
// which every listening instance receives in the same commit order: instances sharing a cache agree
// on its generation without talking to each other.
//
// articles: updates that only touch related_computed_at (the background related-list refresh) or
// the generated search_vector are not content changes, so the UPDATE trigger lists the columns that
// are. A migration that adds a public column to articles adds it to that list too.
const ARTICLE_CONTENT_COLUMNS = [
  'id',
  'slug',
  'section_id',
  'author_id',
  'status',
  'title',
  'subtitle',
  'excerpt',
  'body_html',
  'blocks',
  'word_count',
  'dateline',
  'hero_image_url',
  'hero_image_caption',
  'hero_image_credit',
  'hero_image_width',
  'hero_image_height',
  'language',
  'canonical_url',
  'source',
  'published_at',
  'created_at',
  'updated_at',
  'import_hash',
];
const OTHER_CONTENT_TABLES = ['sections', 'authors', 'tags', 'article_tags', 'article_picks'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function kabar_notify_content_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('kabar_content_changed', json_build_object(
        'source', 'trigger', 'articleIds', json_build_array(), 'truncated', true,
        'xid', pg_current_xact_id()::text)::text);
      return null;
    end $$`.execute(db);

  for (const table of OTHER_CONTENT_TABLES) {
    await sql`create or replace trigger ${sql.raw(`${table}_content_changed`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function kabar_notify_content_changed()`.execute(db);
  }
  await sql`create or replace trigger articles_content_changed
    after insert or delete or truncate on articles
    for each statement execute function kabar_notify_content_changed()`.execute(db);
  await sql`create or replace trigger articles_content_updated
    after update of ${sql.raw(ARTICLE_CONTENT_COLUMNS.join(', '))} on articles
    for each statement execute function kabar_notify_content_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of OTHER_CONTENT_TABLES) {
    await sql`drop trigger if exists ${sql.raw(`${table}_content_changed`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop trigger if exists articles_content_changed on articles`.execute(db);
  await sql`drop trigger if exists articles_content_updated on articles`.execute(db);
  await sql`drop function if exists kabar_notify_content_changed()`.execute(db);
}
