import { Kysely, sql } from 'kysely';

// Reader comments and their moderation (issue 12).
//
// comments.status is pending | published | rejected; `reasons` keeps why the policy held or
// refused it, so a moderator sees it. comment_threads keeps each article's published count (so
// Article.commentCount is a key lookup, never a count) and the article's own closing. Reports keep
// their received and resolved times for the 4 h / 24 h handling figures. comment_words is the
// word filter's list, seeded below and edited by admins afterwards.
//
// None of these tables is content in the sense of db/migrations/…_content_notify.ts: a comment does
// not start a new response-cache generation (comment lists are never response-cached).

/**
 * The default word list. Curated from the Indonesian list ("id") of LDNOOBW, "List of Dirty,
 * Naughty, Obscene, and Otherwise Bad Words", © 2012–2019 Shutterstock, Inc., CC BY 4.0
 * (https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words): changed by
 * leaving out ordinary words that news comments use innocently (dada, payudara, perkosa, telanjang,
 * kemaluan, idiot, payah, jelek, bajigur, tetek (as in "tetek bengek"), geblek (a Kulon Progo snack), bolot (a comedian's name), …), splitting the rest into banned and suspect, and
 * adding common slang and abbreviated spellings. `literal`: the word also has an innocent literal
 * meaning (a dog, a pig); written plainly it is only held for a moderator, disguised it is refused.
 */
const DEFAULT_WORDS: [word: string, level: 'banned' | 'suspect', literal?: boolean][] = [
  // LDNOOBW, banned
  ['anjing', 'banned', true],
  ['anjeng', 'banned'],
  ['anjer', 'banned'],
  ['anjir', 'banned'],
  ['asu', 'banned', true],
  ['uasu', 'banned'],
  ['huasyu', 'banned'],
  ['bajingan', 'banned'],
  ['bangsat', 'banned'],
  ['bawok', 'banned'],
  ['bejad', 'banned'],
  ['berengsek', 'banned'],
  ['brengsek', 'banned'],
  ['bokep', 'banned'],
  ['cocot', 'banned'],
  ['cocote', 'banned'],
  ['dancok', 'banned'],
  ['dancuk', 'banned'],
  ['gancok', 'banned'],
  ['gancuk', 'banned'],
  ['jancik', 'banned'],
  ['jancok', 'banned'],
  ['jancuk', 'banned'],
  ['cuk', 'banned'],
  ['gathel', 'banned'],
  ['goblok', 'banned'],
  ['jablay', 'banned'],
  ['jembot', 'banned'],
  ['jembut', 'banned'],
  ['kampret', 'banned'],
  ['kenthu', 'banned'],
  ['kentu', 'banned'],
  ['keparat', 'banned'],
  ['kimpet', 'banned'],
  ['kontol', 'banned'],
  ['lonte', 'banned'],
  ['lonthe', 'banned'],
  ['memek', 'banned'],
  ['ngaceng', 'banned'],
  ['ngentot', 'banned'],
  ['ngewe', 'banned'],
  ['ngocok', 'banned'],
  ['pejoh', 'banned'],
  ['pejuh', 'banned'],
  ['peler', 'banned'],
  ['pepek', 'banned'],
  ['perek', 'banned'],
  ['tempek', 'banned'],
  ['tempik', 'banned'],
  ['temempik', 'banned'],
  ['tai', 'banned', true],
  ['taik', 'banned'],
  ['taek', 'banned'],
  ['tolol', 'banned'],
  ['sontoloyo', 'banned'],
  ['ndasmu', 'banned'],
  ['matamu', 'banned'],
  // Kabar's additions: slang and abbreviated spellings, banned
  ['anjay', 'banned'],
  ['anjrit', 'banned'],
  ['anjrot', 'banned'],
  ['njing', 'banned'],
  ['anjg', 'banned'],
  ['ajg', 'banned'],
  ['anjink', 'banned'],
  ['bgst', 'banned'],
  ['bangsad', 'banned'],
  ['kntl', 'banned'],
  ['kontl', 'banned'],
  ['mmk', 'banned'],
  ['ngntt', 'banned'],
  ['entot', 'banned'],
  ['ngentod', 'banned'],
  ['goblog', 'banned'],
  ['gblk', 'banned'],
  ['tlol', 'banned'],
  ['bjingan', 'banned'],
  ['brengsk', 'banned'],
  ['jancuk', 'banned'],
  ['pelacur', 'banned'],
  ['babi', 'banned', true],
  ['monyet', 'banned', true],
  ['bego', 'banned'],
  // suspect: held for a moderator
  ['bencong', 'suspect'],
  ['kunyuk', 'suspect'],
  ['sinting', 'suspect'],
  ['gendeng', 'suspect'],
  ['budek', 'suspect'],
  ['picek', 'suspect'],
  ['modar', 'suspect'],
  ['mampus', 'suspect'],
  ['persetan', 'suspect'],
  ['sarap', 'suspect'],
  ['semprul', 'suspect'],
  ['katrok', 'suspect'],
  ['kirik', 'suspect'],
  ['kirek', 'suspect'],
  ['raimu', 'suspect'],
  ['dapurmu', 'suspect'],
  ['dengkulmu', 'suspect'],
  ['cangkemmu', 'suspect'],
  ['sialan', 'suspect'],
  ['bodoh', 'suspect'],
  ['dungu', 'suspect'],
  ['kafir', 'suspect'],
  ['cebong', 'suspect'],
  ['kadrun', 'suspect'],
  ['sange', 'suspect'],
  ['bokong', 'suspect'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comments')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    // Lower-cased; never shown publicly.
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // md5 of the normalised body, for duplicate detection.
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'published', 'rejected')`))
    .addColumn('reasons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('client', 'text')
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('moderated_at', sql`timestamptz(3)`)
    .addColumn('moderated_by', 'integer', (c) => c.references('staff.id').onDelete('set null'))
    .execute();
  // The public lists: an article's top-level comments and a comment's replies, in time order.
  await sql`create index if not exists comments_article_published_idx on comments (article_id, created_at, id)
    where status = 'published' and parent_id is null`.execute(db);
  await sql`create index if not exists comments_replies_idx on comments (parent_id, created_at, id) where status = 'published'`.execute(db);
  // The moderators' queues.
  await sql`create index if not exists comments_status_idx on comments (status, created_at, id)`.execute(db);
  await sql`create index if not exists comments_reported_idx on comments (created_at, id) where report_count > 0 and status = 'published'`.execute(
    db,
  );
  // Rate limits and duplicates look back a few minutes per client or e-mail.
  await sql`create index if not exists comments_email_idx on comments (author_email, created_at)`.execute(db);
  await sql`create index if not exists comments_client_idx on comments (client, created_at)`.execute(db);

  await db.schema
    .createTable('comment_threads')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('published_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_at', sql`timestamptz(3)`)
    .execute();

  await db.schema
    .createTable('comment_closed_sections')
    .ifNotExists()
    .addColumn('section_id', 'integer', (c) => c.primaryKey().references('sections.id').onDelete('cascade'))
    .addColumn('closed_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('comment_reports')
    .ifNotExists()
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('received_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', sql`timestamptz(3)`)
    .addUniqueConstraint('comment_reports_comment_client_key', ['comment_id', 'client'])
    .execute();
  await sql`create index if not exists comment_reports_open_idx on comment_reports (received_at) where resolved_at is null`.execute(db);
  await sql`create index if not exists comment_reports_received_idx on comment_reports (received_at)`.execute(db);
  await sql`create index if not exists comment_reports_client_idx on comment_reports (client, received_at)`.execute(db);

  // Commenters a moderator has approved (first-comment rule) or banned, by e-mail.
  await db.schema
    .createTable('comment_authors')
    .ifNotExists()
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('approved_at', sql`timestamptz(3)`)
    .addColumn('banned_at', sql`timestamptz(3)`)
    .execute();

  // Clients (addresses) refused for a while after a ban: addresses change hands, e-mails do not.
  await db.schema
    .createTable('comment_client_bans')
    .ifNotExists()
    .addColumn('client', 'text', (c) => c.primaryKey())
    .addColumn('banned_until', sql`timestamptz(3)`, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('comment_words')
    .ifNotExists()
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('banned', 'suspect')`))
    .addColumn('literal', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  const unique = new Map(DEFAULT_WORDS.map(([word, level, literal]) => [word, { word, level, literal: literal ?? false }]));
  await db
    .insertInto('comment_words')
    .values([...unique.values()])
    .onConflict((oc) => oc.column('word').doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'comment_words',
    'comment_client_bans',
    'comment_authors',
    'comment_reports',
    'comment_closed_sections',
    'comment_threads',
    'comments',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
