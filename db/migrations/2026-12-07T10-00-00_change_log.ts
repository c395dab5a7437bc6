import { Kysely, sql } from 'kysely';

// The change log (issue 13): every committed change that a reader, a cache, a CDN or a partner can
// notice becomes one row of change_events, written by triggers in the same transaction as the
// change. Whoever writes (the editorial API, the importer, the scheduler, a moderator, someone in
// psql) produces the same events, and an event exists only if its change committed.
//
// Order. Consumers read "events after the last id I saw". That is only safe if ids are handed out
// in commit order; a sequence alone does not do that (a transaction that took id 7 may commit after
// one that took id 8, and a reader between the two commits would skip 7 for ever). So the triggers
// take one transaction-level advisory lock before they insert: a second writer waits at its first
// event until the first has committed. Content writes are serialised from their first event to
// their commit; the triggers run at the end of each statement, so that is the tail of a short
// transaction (an editorial save, a moderation, an import batch). The same lock key is used by
// every table's trigger and by src/events/change-log.ts.
//
// Each transaction that records events also sends one NOTIFY on "kabar_changes" (identical
// notifications of a transaction are folded into one); listeners then read the new rows.
//
// Which changes. articles: public status gained (published / scheduled), lost (withdrawn), the
// schedule moved, or a public article's content changed (the columns below). Drafts are private
// and produce nothing. Per statement, with transition tables, so an import batch of 500 rows is
// one INSERT … SELECT. The tag list of a public article changing is an "article.updated" too,
// once per article and transaction. comments: published / removed. sections, tags, authors,
// editors' picks: "<entity>.changed".
//
// This replaces the generation NOTIFY of the content_notify migration, whose triggers are dropped:
// the caches now read the log (src/events/change-feed.ts).

export const CHANGE_LOG_LOCK_KEY = 7_013_001;

const ARTICLE_CONTENT_COLUMNS = [
  'slug',
  'section_id',
  'author_id',
  'title',
  'subtitle',
  'excerpt',
  'body_html',
  'blocks',
  'dateline',
  'hero_image_url',
  'hero_image_caption',
  'hero_image_credit',
  'hero_image_width',
  'hero_image_height',
  'language',
  'canonical_url',
  'published_at',
];

const OLD_NOTIFY_TABLES = ['sections', 'authors', 'tags', 'article_tags', 'article_picks'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table if not exists change_events (
      id bigint generated always as identity primary key,
      type text not null,
      article_id integer,
      section_id integer,
      entity_id bigint,
      data jsonb not null default '{}',
      occurred_at timestamptz(3) not null default now(),
      xid xid8 not null default pg_current_xact_id()
    )`.execute(db);
  await sql`create index if not exists change_events_occurred_idx on change_events (occurred_at)`.execute(db);
  // "Has this transaction already said that article X changed?" (tags and content in one save).
  await sql`create index if not exists change_events_xid_idx on change_events (xid, article_id)`.execute(db);
  await sql`create index if not exists change_events_article_idx on change_events (article_id, id) where article_id is not null`.execute(db);

  // Called by every trigger before it inserts: the commit-order lock and the wake-up NOTIFY.
  await sql`
    create or replace function kabar_change_log_begin() returns void language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(${sql.lit(CHANGE_LOG_LOCK_KEY)});
      perform pg_notify('kabar_changes', '');
    end $$`.execute(db);

  const publicNew = sql.raw(`n.status in ('published', 'scheduled')`);
  const publicOld = sql.raw(`o.status in ('published', 'scheduled')`);
  const contentDiffers = sql.raw(
    `(${ARTICLE_CONTENT_COLUMNS.map((c) => `o.${c}`).join(', ')}) is distinct from (${ARTICLE_CONTENT_COLUMNS.map((c) => `n.${c}`).join(', ')})`,
  );
  const articleData = (alias: string) =>
    sql.raw(
      `jsonb_build_object('slug', ${alias}.slug, 'status', ${alias}.status, 'version', ${alias}.version, 'publishedAt', ${alias}.published_at)`,
    );

  await sql`
    create or replace function kabar_articles_inserted() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from new_rows n where ${publicNew}) then return null; end if;
      perform kabar_change_log_begin();
      insert into change_events (type, article_id, section_id, entity_id, data)
      select case when n.published_at <= now() then 'article.published' else 'article.scheduled' end,
             n.id, n.section_id, n.id, ${articleData('n')}
        from new_rows n where ${publicNew} order by n.id;
      return null;
    end $$`.execute(db);

  // What each updated row means for readers (null: nothing they can see, e.g. the related refresh
  // or an edit of a draft). Written once, used twice: to tell whether there is anything to record
  // (only then is the commit-order lock taken) and to record it.
  const updatedRows = sql`
    select e.type, n.id, n.section_id,
           ${articleData('n')} || case when o.section_id is distinct from n.section_id
             then jsonb_build_object('previousSectionId', o.section_id) else '{}'::jsonb end as data
      from new_rows n join old_rows o using (id)
      cross join lateral (select case
        when ${publicOld} and not ${publicNew} then 'article.withdrawn'
        when not ${publicOld} and ${publicNew} then
          case when n.published_at <= now() then 'article.published' else 'article.scheduled' end
        when not ${publicNew} then null
        when o.status = 'scheduled' and n.status = 'published' then 'article.published'
        when n.status = 'scheduled' and n.published_at > now() and (o.status <> 'scheduled' or o.published_at is distinct from n.published_at)
          then 'article.scheduled'
        when ${contentDiffers} then 'article.updated'
      end as type) e
     where e.type is not null`;

  await sql`
    create or replace function kabar_articles_updated() returns trigger language plpgsql as $$
    begin
      perform 1 from (${updatedRows}) as changed limit 1;
      if not found then return null; end if;
      perform kabar_change_log_begin();
      insert into change_events (type, article_id, section_id, entity_id, data)
      select changed.type, changed.id, changed.section_id, changed.id, changed.data
        from (${updatedRows}) as changed order by changed.id;
      return null;
    end $$`.execute(db);

  await sql`
    create or replace function kabar_articles_deleted() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from old_rows o where ${publicOld}) then return null; end if;
      perform kabar_change_log_begin();
      insert into change_events (type, article_id, section_id, entity_id, data)
      select 'article.withdrawn', o.id, o.section_id, o.id, ${articleData('o')} || '{"deleted": true}'::jsonb
        from old_rows o where ${publicOld} order by o.id;
      return null;
    end $$`.execute(db);

  // Tags added to or removed from a public article: one "article.updated" per article and
  // transaction, unless this transaction already recorded an event for it (a save of the article
  // and its tags, or an import of a new article with its tags).
  await sql`
    create or replace function kabar_article_tags_changed() returns trigger language plpgsql as $$
    declare
      changed integer[];
    begin
      if TG_OP = 'INSERT' then
        select array_agg(distinct article_id) into changed from new_rows;
      else
        select array_agg(distinct article_id) into changed from old_rows;
      end if;
      if changed is null or not exists (
        select 1 from articles a where a.id = any(changed) and a.status in ('published', 'scheduled')
      ) then return null; end if;
      perform kabar_change_log_begin();
      insert into change_events (type, article_id, section_id, entity_id, data)
      select 'article.updated', a.id, a.section_id, a.id, ${articleData('a')}
        from articles a
       where a.id = any(changed) and a.status in ('published', 'scheduled')
         and not exists (select 1 from change_events e where e.xid = pg_current_xact_id() and e.article_id = a.id)
       order by a.id;
      return null;
    end $$`.execute(db);

  await sql`
    create or replace function kabar_entity_changed() returns trigger language plpgsql as $$
    declare
      entity text := TG_ARGV[0];
      row_id bigint;
    begin
      if TG_OP = 'UPDATE' and to_jsonb(old) = to_jsonb(new) then return null; end if;
      if TG_OP = 'DELETE' then row_id := (to_jsonb(old) ->> 'id')::bigint; else row_id := (to_jsonb(new) ->> 'id')::bigint; end if;
      perform kabar_change_log_begin();
      insert into change_events (type, section_id, entity_id, data)
      values (entity || '.changed',
              case when entity = 'section' then row_id::integer end,
              row_id,
              jsonb_build_object('operation', lower(TG_OP)));
      return null;
    end $$`.execute(db);

  // Per row (a statement trigger would also fire for the empty cascades of an article's deletion),
  // once per transaction: picks are saved as a whole list.
  await sql`
    create or replace function kabar_picks_changed() returns trigger language plpgsql as $$
    declare
      changed_article integer;
    begin
      if TG_OP = 'DELETE' then changed_article := old.article_id; else changed_article := new.article_id; end if;
      if exists (select 1 from change_events e where e.xid = pg_current_xact_id() and e.type = 'picks.changed' and e.article_id = changed_article) then
        return null;
      end if;
      perform kabar_change_log_begin();
      insert into change_events (type, article_id, data) values ('picks.changed', changed_article, jsonb_build_object('operation', lower(TG_OP)));
      return null;
    end $$`.execute(db);

  // Comments: visible to readers when published; removed when a published one is rejected or deleted.
  await sql`
    create or replace function kabar_comments_changed() returns trigger language plpgsql as $$
    begin
      if TG_OP = 'INSERT' then
        if not exists (select 1 from new_rows n where n.status = 'published') then return null; end if;
        perform kabar_change_log_begin();
        insert into change_events (type, article_id, entity_id, data)
        select 'comment.published', n.article_id, n.id, jsonb_build_object('parentId', n.parent_id)
          from new_rows n where n.status = 'published' order by n.id;
      elsif TG_OP = 'UPDATE' then
        if not exists (select 1 from new_rows n join old_rows o using (id) where (n.status = 'published') <> (o.status = 'published')) then
          return null;
        end if;
        perform kabar_change_log_begin();
        insert into change_events (type, article_id, entity_id, data)
        select case when n.status = 'published' then 'comment.published' else 'comment.removed' end,
               n.article_id, n.id, jsonb_build_object('parentId', n.parent_id)
          from new_rows n join old_rows o using (id)
         where (n.status = 'published') <> (o.status = 'published') order by n.id;
      else
        if not exists (select 1 from old_rows o where o.status = 'published') then return null; end if;
        perform kabar_change_log_begin();
        insert into change_events (type, article_id, entity_id, data)
        select 'comment.removed', o.article_id, o.id, jsonb_build_object('parentId', o.parent_id, 'deleted', true)
          from old_rows o where o.status = 'published' order by o.id;
      end if;
      return null;
    end $$`.execute(db);

  for (const [table, fn] of [
    ['articles', 'kabar_articles'],
    ['comments', 'kabar_comments'],
  ] as const) {
    const inserted = table === 'articles' ? 'kabar_articles_inserted' : `${fn}_changed`;
    const updated = table === 'articles' ? 'kabar_articles_updated' : `${fn}_changed`;
    const deleted = table === 'articles' ? 'kabar_articles_deleted' : `${fn}_changed`;
    await sql`create or replace trigger ${sql.raw(`${table}_change_log_insert`)} after insert on ${sql.table(table)}
      referencing new table as new_rows for each statement execute function ${sql.raw(inserted)}()`.execute(db);
    await sql`create or replace trigger ${sql.raw(`${table}_change_log_update`)} after update on ${sql.table(table)}
      referencing old table as old_rows new table as new_rows for each statement execute function ${sql.raw(updated)}()`.execute(db);
    await sql`create or replace trigger ${sql.raw(`${table}_change_log_delete`)} after delete on ${sql.table(table)}
      referencing old table as old_rows for each statement execute function ${sql.raw(deleted)}()`.execute(db);
  }
  await sql`create or replace trigger article_tags_change_log_insert after insert on article_tags
    referencing new table as new_rows for each statement execute function kabar_article_tags_changed()`.execute(db);
  await sql`create or replace trigger article_tags_change_log_delete after delete on article_tags
    referencing old table as old_rows for each statement execute function kabar_article_tags_changed()`.execute(db);
  for (const [table, entity] of [
    ['sections', 'section'],
    ['tags', 'tag'],
    ['authors', 'author'],
  ] as const) {
    await sql`create or replace trigger ${sql.raw(`${table}_change_log`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function kabar_entity_changed(${sql.lit(entity)})`.execute(db);
  }
  await sql`create or replace trigger article_picks_change_log after insert or update or delete on article_picks
    for each row execute function kabar_picks_changed()`.execute(db);

  // The generation NOTIFY of the content_notify migration is superseded by the log.
  for (const table of OLD_NOTIFY_TABLES) {
    await sql`drop trigger if exists ${sql.raw(`${table}_content_changed`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop trigger if exists articles_content_changed on articles`.execute(db);
  await sql`drop trigger if exists articles_content_updated on articles`.execute(db);
  await sql`drop function if exists kabar_notify_content_changed()`.execute(db);
}

export async function down(): Promise<void> {
  // Forward-only: the log is what caches, webhooks and live readers resume from.
  throw new Error('the change_log migration is forward-only');
}
