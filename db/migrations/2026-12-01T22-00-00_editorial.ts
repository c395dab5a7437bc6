import { Kysely, sql } from 'kysely';

// The writing side: staff and their sessions, article versions and revisions, preview links,
// sign-in throttling, the audit log and webhook registrations (issue 11).
//
// articles.version guards every write (optimistic locking); first_published_at freezes the slug.
// Revisions are append-only; the one exception is the coalescing window of a plain save (the same
// editor saving again within a minute folds into their open revision), enforced by a trigger so
// that nothing else can rewrite history.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table articles add column if not exists version integer not null default 1`.execute(db);
  await sql`alter table articles add column if not exists first_published_at timestamptz(3)`.execute(db);
  await sql`update articles set first_published_at = published_at
    where first_published_at is null and status in ('published', 'archived')`.execute(db);
  // The scheduler's "due" scan: a handful of scheduled rows among many published ones.
  await sql`create index if not exists articles_scheduled_due_idx on articles (published_at) where status = 'scheduled'`.execute(db);
  // The newsroom's lists: newest change first, by status.
  await sql`create index if not exists articles_status_updated_idx on articles (status, updated_at desc, id desc)`.execute(db);

  await db.schema
    .createTable('staff')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('writer', 'moderator', 'editor', 'admin')`))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index if not exists staff_email_idx on staff (lower(email))`.execute(db);

  await db.schema
    .createTable('staff_sessions')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('revoked_at', sql`timestamptz(3)`)
    .execute();
  await sql`create index if not exists staff_sessions_staff_idx on staff_sessions (staff_id) where revoked_at is null`.execute(db);

  await db.schema
    .createTable('sign_in_throttle')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_failure_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', sql`timestamptz(3)`)
    .execute();

  await db.schema
    .createTable('article_revisions')
    .ifNotExists()
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('first_version', 'integer', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('saved_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('article_revisions_article_version_key', ['article_id', 'version'])
    .execute();
  await sql`
    create or replace function kabar_revisions_append_only() returns trigger language plpgsql as $$
    begin
      if old.kind <> 'save' or new.kind <> 'save' or old.staff_id is distinct from new.staff_id
         or old.created_at < now() - interval '60 seconds' or new.version <= old.version then
        raise exception 'article revisions are immutable (article %, version %)', old.article_id, old.version;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create or replace trigger article_revisions_append_only before update on article_revisions
    for each row execute function kabar_revisions_append_only()`.execute(db);

  await db.schema
    .createTable('preview_links')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('revoked_at', sql`timestamptz(3)`)
    .execute();

  await db.schema
    .createTable('audit_log')
    .ifNotExists()
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('occurred_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`create index if not exists audit_log_occurred_idx on audit_log (occurred_at desc, id desc)`.execute(db);

  await db.schema
    .createTable('webhooks')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', sql`text[]`, (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', sql`timestamptz(3)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhooks', 'audit_log', 'preview_links', 'article_revisions', 'sign_in_throttle', 'staff_sessions', 'staff']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop function if exists kabar_revisions_append_only()`.execute(db);
  await sql`drop index if exists articles_scheduled_due_idx`.execute(db);
  await sql`drop index if exists articles_status_updated_idx`.execute(db);
  await sql`alter table articles drop column if exists first_published_at`.execute(db);
  await sql`alter table articles drop column if exists version`.execute(db);
}
