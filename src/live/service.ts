import { sql } from 'kysely';
import { sanitizeArticleHtml } from '../content/body';
import { badField, badUserInput, forbidden, notFound } from '../editorial/errors';
import { canEditAny, mayAddLiveEntry, mayChangeLiveEntry, type Actor } from '../editorial/policy';
import { writeAudit } from '../editorial/audit';
import type { EditorialDb } from '../editorial/tables';
import { liveDb, type LiveDb, type LiveEntryRow } from './tables';

// Live-blog writes. Each is one transaction: lock the article (or the entry), check the rule
// (src/editorial/policy.ts), validate and sanitise, write the row and an audit entry, commit. The
// live_entries and live_blogs triggers write the change events (db/migrations/…_live_blogs.ts);
// nothing here announces anything, and no cache generation is moved by hand.

/** Longest entry accepted, in bytes of HTML as sent. */
export const MAX_ENTRY_BYTES = 64 * 1024;
/** Longest entry title, in characters. */
export const MAX_ENTRY_TITLE = 300;

export interface LiveEntryInput {
  html?: string | null;
  title?: string | null;
  pinned?: boolean | null;
  keyEvent?: boolean | null;
}

interface EntryColumns {
  html?: string;
  title?: string | null;
  pinned?: boolean;
  key_event?: boolean;
}

/** Checks and sanitises an entry's fields; `creating` requires html. */
export function validateEntryInput(input: LiveEntryInput, creating: boolean): EntryColumns {
  const columns: EntryColumns = {};
  if (input.html !== undefined || creating) {
    if (typeof input.html !== 'string') throw badField('html', 'is required: the entry as HTML, e.g. "<p>Update pukul 10.15 WIB …</p>".');
    const bytes = Buffer.byteLength(input.html);
    if (bytes > MAX_ENTRY_BYTES) throw badField('html', `must be at most ${MAX_ENTRY_BYTES} bytes; got ${bytes}.`);
    const html = sanitizeArticleHtml(input.html);
    if (html === '') throw badField('html', 'has no content left after sanitising: send text in paragraphs, e.g. "<p>…</p>".');
    columns.html = html;
  }
  if (input.title !== undefined) {
    const title = input.title === null ? null : input.title.replace(/\s+/g, ' ').trim();
    if (title !== null && title.length > MAX_ENTRY_TITLE)
      throw badField('title', `must be at most ${MAX_ENTRY_TITLE} characters; got ${title.length}.`);
    columns.title = title === '' ? null : title;
  }
  if (input.pinned != null) columns.pinned = input.pinned;
  if (input.keyEvent != null) columns.key_event = input.keyEvent;
  return columns;
}

async function lockArticle(trx: LiveDb, articleId: number) {
  const article = await trx.selectFrom('articles').select(['id', 'status']).where('id', '=', articleId).forUpdate().executeTakeFirst();
  if (!article) throw notFound('No article has this id.');
  const flag = await trx.selectFrom('live_blogs').select('live').where('article_id', '=', articleId).executeTakeFirst();
  return { ...article, live: flag?.live ?? false };
}

/** Turns an article's live flag on or off (editors and up). Archived articles cannot go live. */
export async function setArticleLive(
  db: EditorialDb,
  actor: Actor,
  articleId: number,
  live: boolean,
): Promise<{ articleId: number; isLive: boolean }> {
  if (!canEditAny(actor)) throw forbidden('Only editors and admins may turn a live blog on or off.');
  return liveDb(db)
    .transaction()
    .execute(async (trx) => {
      const article = await lockArticle(trx, articleId);
      if (article.live === live) return { articleId, isLive: live };
      if (live && article.status === 'archived')
        throw badUserInput('This article was taken down: publish it again before it goes live.', { field: 'articleId' });
      await trx
        .insertInto('live_blogs')
        .values({ article_id: articleId, live, changed_by: actor.id })
        .onConflict((oc) => oc.column('article_id').doUpdateSet({ live, changed_at: sql`now()`, changed_by: actor.id }))
        .execute();
      await writeAudit(trx as unknown as EditorialDb, {
        staffId: actor.id,
        action: 'article.live-changed',
        entityType: 'article',
        entityId: articleId,
        details: { live },
      });
      return { articleId, isLive: live };
    });
}

/** A new entry on an article's live blog (writers: live articles; editors: any article not taken down). */
export async function addLiveEntry(db: EditorialDb, actor: Actor, articleId: number, input: LiveEntryInput): Promise<LiveEntryRow> {
  const columns = validateEntryInput(input, true);
  return liveDb(db)
    .transaction()
    .execute(async (trx) => {
      // FOR UPDATE on the article: a concurrent "not live any more" waits for this entry, or this waits for it.
      const article = await lockArticle(trx, articleId);
      if (!mayAddLiveEntry(actor, article)) {
        throw forbidden('This article is not live: writers add entries to live articles only. Ask an editor to set it live (setArticleLive).');
      }
      if (article.status === 'archived') throw badUserInput('This article was taken down: it takes no live entries.', { field: 'articleId' });
      const entry = await trx
        .insertInto('live_entries')
        .values({
          article_id: articleId,
          staff_id: actor.id,
          html: columns.html!,
          title: columns.title ?? null,
          pinned: columns.pinned,
          key_event: columns.key_event,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, actor, 'live-entry.added', entry);
      return entry;
    });
}

async function changeEntry(
  db: EditorialDb,
  actor: Actor,
  entryId: number,
  change: (trx: LiveDb, entry: LiveEntryRow) => Promise<LiveEntryRow>,
): Promise<LiveEntryRow> {
  return liveDb(db)
    .transaction()
    .execute(async (trx) => {
      const entry = await trx.selectFrom('live_entries').selectAll().where('id', '=', entryId).forUpdate().executeTakeFirst();
      if (!entry || entry.deleted_at !== null) throw notFound('No live entry has this id (or it was deleted).');
      if (!mayChangeLiveEntry(actor, entry)) throw forbidden('Writers may change and delete only their own live entries; ask an editor.');
      return change(trx, entry);
    });
}

export async function updateLiveEntry(db: EditorialDb, actor: Actor, entryId: number, input: LiveEntryInput): Promise<LiveEntryRow> {
  const columns = validateEntryInput(input, false);
  return changeEntry(db, actor, entryId, async (trx, entry) => {
    const differs = Object.entries(columns).some(([column, value]) => (entry as unknown as Record<string, unknown>)[column] !== value);
    if (!differs) return entry;
    const updated = await trx
      .updateTable('live_entries')
      .set({ ...columns, updated_at: sql`now()` })
      .where('id', '=', entryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, actor, 'live-entry.updated', updated);
    return updated;
  });
}

export async function deleteLiveEntry(db: EditorialDb, actor: Actor, entryId: number): Promise<LiveEntryRow> {
  return changeEntry(db, actor, entryId, async (trx) => {
    const deleted = await trx
      .updateTable('live_entries')
      .set({ deleted_at: sql`now()` })
      .where('id', '=', entryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, actor, 'live-entry.deleted', deleted);
    return deleted;
  });
}

function audit(trx: LiveDb, actor: Actor, action: 'live-entry.added' | 'live-entry.updated' | 'live-entry.deleted', entry: LiveEntryRow) {
  return writeAudit(trx as unknown as EditorialDb, {
    staffId: actor.id,
    action,
    entityType: 'live_entry',
    entityId: entry.id,
    details: { articleId: entry.article_id },
  });
}
