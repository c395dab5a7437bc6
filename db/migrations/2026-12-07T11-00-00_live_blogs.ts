import { Kysely, sql } from 'kysely';

// Live blogs (issue 13, "Live updates"). An article is live while it has a live_blogs row with
// live = true; its entries are live_entries, newest first by id. Entries are deleted softly
// (deleted_at), so the audit trail keeps them and a late reader's DELETED update still names them.
//
// Events. The trigger on live_entries writes live_entry.added / updated / deleted to the change log
// (db/migrations/…_change_log.ts) in the committing transaction, with article_id, section_id and
// entity_id = the entry's id, after taking the change log's commit-order lock through
// kabar_change_log_begin(). Only entries of public articles (published or scheduled) produce events:
// a draft's entries are private until the article is published, and article.published covers them.
// Turning an article's live flag on or off is an article.updated of a public article (its answers
// show isLive). One statement, one INSERT … SELECT, as the articles trigger does.

const ENTRY_CONTENT = ['title', 'html', 'pinned', 'key_event'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table if not exists live_blogs (
      article_id integer primary key references articles (id) on delete cascade,
      live boolean not null default true,
      changed_at timestamptz(3) not null default now(),
      changed_by integer references staff (id) on delete set null
    )`.execute(db);

  await sql`
    create table if not exists live_entries (
      id integer generated always as identity primary key,
      article_id integer not null references articles (id) on delete cascade,
      staff_id integer references staff (id) on delete set null,
      title text,
      html text not null,
      pinned boolean not null default false,
      key_event boolean not null default false,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      deleted_at timestamptz(3)
    )`.execute(db);
  // Keyset pages of one article's entries, newest first (Article.liveEntries), and its pinned ones.
  await sql`create index if not exists live_entries_article_idx on live_entries (article_id, id desc) where deleted_at is null`.execute(db);
  await sql`create index if not exists live_entries_pinned_idx on live_entries (article_id, id desc) where deleted_at is null and pinned`.execute(db);

  const contentDiffers = sql.raw(
    `(${ENTRY_CONTENT.map((c) => `o.${c}`).join(', ')}) is distinct from (${ENTRY_CONTENT.map((c) => `n.${c}`).join(', ')})`,
  );
  const publicArticle = sql.raw(`a.status in ('published', 'scheduled')`);

  await sql`
    create or replace function kabar_live_entries_changed() returns trigger language plpgsql as $$
    begin
      if TG_OP = 'INSERT' then
        if not exists (select 1 from new_rows n join articles a on a.id = n.article_id where n.deleted_at is null and ${publicArticle}) then
          return null;
        end if;
        perform kabar_change_log_begin();
        insert into change_events (type, article_id, section_id, entity_id, data)
        select 'live_entry.added', n.article_id, a.section_id, n.id, jsonb_build_object('slug', a.slug, 'pinned', n.pinned, 'keyEvent', n.key_event)
          from new_rows n join articles a on a.id = n.article_id
         where n.deleted_at is null and ${publicArticle} order by n.id;
      elsif TG_OP = 'UPDATE' then
        if not exists (
          select 1 from new_rows n join old_rows o using (id) join articles a on a.id = n.article_id
           where ${publicArticle} and o.deleted_at is null and (n.deleted_at is not null or ${contentDiffers})
        ) then
          return null;
        end if;
        perform kabar_change_log_begin();
        insert into change_events (type, article_id, section_id, entity_id, data)
        select case when n.deleted_at is not null then 'live_entry.deleted' else 'live_entry.updated' end,
               n.article_id, a.section_id, n.id, jsonb_build_object('slug', a.slug, 'pinned', n.pinned, 'keyEvent', n.key_event)
          from new_rows n join old_rows o using (id) join articles a on a.id = n.article_id
         where ${publicArticle} and o.deleted_at is null and (n.deleted_at is not null or ${contentDiffers})
         order by n.id;
      else
        if not exists (select 1 from old_rows o join articles a on a.id = o.article_id where o.deleted_at is null and ${publicArticle}) then
          return null;
        end if;
        perform kabar_change_log_begin();
        insert into change_events (type, article_id, section_id, entity_id, data)
        select 'live_entry.deleted', o.article_id, a.section_id, o.id, jsonb_build_object('slug', a.slug, 'deleted', true)
          from old_rows o join articles a on a.id = o.article_id
         where o.deleted_at is null and ${publicArticle} order by o.id;
      end if;
      return null;
    end $$`.execute(db);

  await sql`create or replace trigger live_entries_change_log_insert after insert on live_entries
    referencing new table as new_rows for each statement execute function kabar_live_entries_changed()`.execute(db);
  await sql`create or replace trigger live_entries_change_log_update after update on live_entries
    referencing old table as old_rows new table as new_rows for each statement execute function kabar_live_entries_changed()`.execute(db);
  await sql`create or replace trigger live_entries_change_log_delete after delete on live_entries
    referencing old table as old_rows for each statement execute function kabar_live_entries_changed()`.execute(db);

  // The live flag of a public article: an article.updated (answers that show isLive change).
  await sql`
    create or replace function kabar_live_blogs_changed() returns trigger language plpgsql as $$
    declare
      was boolean := false;
      now_live boolean := false;
      target integer;
    begin
      if TG_OP <> 'INSERT' then was := old.live; target := old.article_id; end if;
      if TG_OP <> 'DELETE' then now_live := new.live; target := new.article_id; end if;
      if was = now_live then return null; end if;
      if not exists (select 1 from articles a where a.id = target and ${publicArticle}) then return null; end if;
      perform kabar_change_log_begin();
      insert into change_events (type, article_id, section_id, entity_id, data)
      select 'article.updated', a.id, a.section_id, a.id,
             jsonb_build_object('slug', a.slug, 'status', a.status, 'version', a.version, 'publishedAt', a.published_at, 'live', now_live)
        from articles a where a.id = target;
      return null;
    end $$`.execute(db);
  await sql`create or replace trigger live_blogs_change_log after insert or update or delete on live_blogs
    for each row execute function kabar_live_blogs_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists live_entries`.execute(db);
  await sql`drop table if exists live_blogs`.execute(db);
  await sql`drop function if exists kabar_live_entries_changed()`.execute(db);
  await sql`drop function if exists kabar_live_blogs_changed()`.execute(db);
}
