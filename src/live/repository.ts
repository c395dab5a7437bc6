import { sql } from 'kysely';
import { compiler, preparedList, preparedListByLimit, slot, type Reader } from '../db/prepared';
import { isVisible } from '../content/visibility';
import type { LiveDb, PublicLiveEntry } from './tables';

// Public live-blog reads. They are prepared reads (src/db/prepared.ts): an article page's live flag
// and its first page of entries join the request's batch, and a page of articles asks for all
// their flags and first pages in one read each. Only entries that are not deleted, of articles
// readers can see, are ever read here.

const db = compiler as unknown as LiveDb;

const PUBLIC_COLUMNS = ['e.id', 'e.article_id', 'e.title', 'e.html', 'e.pinned', 'e.key_event', 'e.created_at', 'e.updated_at'] as const;

/** JSON carries timestamps as strings. */
function withDates(rows: PublicLiveEntry[]): PublicLiveEntry[] {
  for (const row of rows) {
    row.created_at = new Date(row.created_at);
    row.updated_at = new Date(row.updated_at);
  }
  return rows;
}

const LIVE_FLAGS = preparedList<{ ids: number[] }, { article_id: number }>(
  db
    .selectFrom('live_blogs as b')
    .select('b.article_id')
    .where('b.article_id', '=', sql<number>`any(${slot<number[]>('ids')}::int[])`)
    .where('b.live', '=', true),
  'r.article_id',
);

/** Which of these articles are live now. */
export async function readLiveArticleIds(reader: Reader, articleIds: readonly number[]): Promise<Set<number>> {
  const rows = await reader.read(LIVE_FLAGS, { ids: [...articleIds] });
  return new Set(rows.map((row) => row.article_id));
}

/** The newest `limit` entries of each article: one read for a whole page of articles. */
const FIRST_PAGES = preparedListByLimit<{ ids: number[] }, PublicLiveEntry>(
  (limit) =>
    db
      .selectFrom(sql<{ p: number }>`unnest(${slot<number[]>('ids')}::int[])`.as('p'))
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('live_entries as e')
            .select(PUBLIC_COLUMNS)
            .whereRef('e.article_id', '=', sql.ref('p.p'))
            .where('e.deleted_at', 'is', null)
            .orderBy('e.id', 'desc')
            .limit(limit)
            .as('r'),
        (join) => join.onTrue(),
      )
      .selectAll('r'),
  'r.article_id, r.id desc',
);

export async function listFirstEntryPages(reader: Reader, articleIds: readonly number[], limit: number): Promise<PublicLiveEntry[]> {
  return withDates(await reader.read(FIRST_PAGES(limit), { ids: [...articleIds] }));
}

/** Entries older than a cursor (forward paging of the newest-first list). */
const OLDER = preparedListByLimit<{ articleId: number; id: number }, PublicLiveEntry>(
  (limit) =>
    db
      .selectFrom('live_entries as e')
      .select(PUBLIC_COLUMNS)
      .where('e.article_id', '=', slot<number>('articleId'))
      .where('e.deleted_at', 'is', null)
      .where('e.id', '<', slot<number>('id'))
      .orderBy('e.id', 'desc')
      .limit(limit),
  'r.id desc',
);

/** Entries newer than a cursor, the closest first (backward paging: "what came since"). */
const NEWER = preparedListByLimit<{ articleId: number; id: number }, PublicLiveEntry>(
  (limit) =>
    db
      .selectFrom('live_entries as e')
      .select(PUBLIC_COLUMNS)
      .where('e.article_id', '=', slot<number>('articleId'))
      .where('e.deleted_at', 'is', null)
      .where('e.id', '>', slot<number>('id'))
      .orderBy('e.id', 'asc')
      .limit(limit),
  'r.id asc',
);

/** Up to `limit` entries older than entry `beforeId`, newest first. */
export async function listOlderEntries(reader: Reader, articleId: number, beforeId: number, limit: number): Promise<PublicLiveEntry[]> {
  return withDates(await reader.read(OLDER(limit), { articleId, id: beforeId }));
}

/** Up to `limit` entries newer than entry `afterId`, oldest of them first. */
export async function listNewerEntries(reader: Reader, articleId: number, afterId: number, limit: number): Promise<PublicLiveEntry[]> {
  return withDates(await reader.read(NEWER(limit), { articleId, id: afterId }));
}

const BY_IDS = preparedList<{ ids: number[] }, PublicLiveEntry>(
  db
    .selectFrom('live_entries as e')
    .innerJoin('articles as a', 'a.id', 'e.article_id')
    .select(PUBLIC_COLUMNS)
    .where('e.id', '=', sql<number>`any(${slot<number[]>('ids')}::int[])`)
    .where('e.deleted_at', 'is', null)
    .where(isVisible('a')),
  'r.id',
);

/** Entries by id that readers may see (Query.node, subscription payloads). */
export async function findPublicEntries(reader: Reader, ids: readonly number[]): Promise<PublicLiveEntry[]> {
  if (ids.length === 0) return [];
  return withDates(await reader.read(BY_IDS, { ids: [...ids] }));
}

const PREFIX = 'le1:';

export function encodeEntryCursor(id: number): string {
  return Buffer.from(`${PREFIX}${id}`, 'utf8').toString('base64url');
}

/** The entry id a cursor names, or null when the string is not a cursor of an entry list. */
export function decodeEntryCursor(cursor: string): number | null {
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = /^le1:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const id = Number(match[1]);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

const ID_BY_SLUG = preparedList<{ slug: string }, { id: number }>(
  db.selectFrom('articles as a').select('a.id').where('a.slug', '=', slot<string>('slug')).where(isVisible('a')),
  'r.id',
);

/** The id of the visible article with this slug, or null. */
export async function findVisibleArticleId(reader: Reader, slug: string): Promise<number | null> {
  const rows = await reader.read(ID_BY_SLUG, { slug });
  return rows[0]?.id ?? null;
}
