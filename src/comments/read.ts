import { sql } from 'kysely';
import { compiler, preparedList, preparedListByLimit, preparedRow, slot, type Reader } from '../db/prepared';
import type { CommentsDb } from './tables';

// Public comment reads: what an article page's Komentar section shows. They are prepared reads
// (src/db/prepared.ts), so a page's comment list, its count and the replies of its comments join
// the request's batch instead of costing a statement each. Only published comments are read here.

const db = compiler as unknown as CommentsDb;

/** A comment as readers see it: no e-mail, no client, no moderation data. */
export interface PublicComment {
  id: number;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  body: string;
  created_at: Date;
}

export type CommentOrder = 'oldest' | 'newest';

/** A position in an article's comment list: (created_at, id), the order of the list. */
export interface CommentPosition {
  createdAt: Date;
  id: number;
}

const PUBLIC_COLUMNS = ['c.id', 'c.article_id', 'c.parent_id', 'c.author_name', 'c.body', 'c.created_at'] as const;

/** JSON carries timestamps as strings. */
function withDates(rows: PublicComment[]): PublicComment[] {
  for (const row of rows) row.created_at = new Date(row.created_at);
  return rows;
}

export interface CommentThreadState {
  /** Published comments, replies included. */
  count: number;
  /** Closed by hand, for the article or its section (the age rule is applied by the caller). */
  closed: boolean;
}

const THREADS = preparedList<{ ids: number[] }, { article_id: number; published_count: number; closed: boolean }>(
  db
    .selectFrom('articles as a')
    .leftJoin('comment_threads as t', 't.article_id', 'a.id')
    .select([
      'a.id as article_id',
      sql<number>`coalesce(t.published_count, 0)`.as('published_count'),
      sql<boolean>`(t.closed_at is not null or exists (select 1 from comment_closed_sections s where s.section_id = a.section_id))`.as('closed'),
    ])
    .where('a.id', '=', sql<number>`any(${slot<number[]>('ids')}::int[])`),
  'r.article_id',
);

/** The comment state of each article (kept per article, so this is a key lookup, never a count). */
export async function readCommentThreads(reader: Reader, articleIds: readonly number[]): Promise<Map<number, CommentThreadState>> {
  const rows = await reader.read(THREADS, { ids: [...articleIds] });
  return new Map(rows.map((row) => [row.article_id, { count: row.published_count, closed: row.closed }]));
}

function topLevelPage(order: CommentOrder) {
  const comparison = order === 'oldest' ? '>' : '<';
  const direction = order === 'oldest' ? 'asc' : 'desc';
  return preparedListByLimit<{ articleId: number; createdAt: Date | string; id: number }, PublicComment>(
    (limit) =>
      db
        .selectFrom('comments as c')
        .select(PUBLIC_COLUMNS)
        .where('c.article_id', '=', slot<number>('articleId'))
        .where('c.parent_id', 'is', null)
        .where('c.status', '=', 'published')
        .where(sql<boolean>`(c.created_at, c.id) ${sql.raw(comparison)} (${slot('createdAt')}::timestamptz, ${slot('id')}::int)`)
        .orderBy('c.created_at', direction)
        .orderBy('c.id', direction)
        .limit(limit),
    `r.created_at ${direction}, r.id ${direction}`,
  );
}

const PAGES = { oldest: topLevelPage('oldest'), newest: topLevelPage('newest') };

/** Replies after a cursor (the first page of replies comes from the batched REPLIES read). */
const REPLY_PAGE = preparedListByLimit<{ parentId: number; createdAt: Date | string; id: number }, PublicComment>(
  (limit) =>
    db
      .selectFrom('comments as c')
      .select(PUBLIC_COLUMNS)
      .where('c.parent_id', '=', slot<number>('parentId'))
      .where('c.status', '=', 'published')
      .where(sql<boolean>`(c.created_at, c.id) > (${slot('createdAt')}::timestamptz, ${slot('id')}::int)`)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(limit),
  'r.created_at, r.id',
);

export async function listRepliesAfter(reader: Reader, parentId: number, after: CommentPosition, limit: number): Promise<PublicComment[]> {
  return withDates(await reader.read(REPLY_PAGE(limit + 1), { parentId, createdAt: after.createdAt, id: after.id }));
}

/** One page of an article's top-level comments, plus one more row when there is a next page. */
export async function listTopLevelComments(
  reader: Reader,
  articleId: number,
  options: { order: CommentOrder; after: CommentPosition | null; limit: number },
): Promise<PublicComment[]> {
  const { order, after, limit } = options;
  const start = after ?? { createdAt: order === 'oldest' ? '-infinity' : 'infinity', id: order === 'oldest' ? 0 : 2_147_483_647 };
  const rows = await reader.read(PAGES[order](limit + 1), { articleId, createdAt: start.createdAt, id: start.id });
  return withDates(rows);
}

const TOP_LEVEL_COUNT = preparedRow<{ articleId: number }, { count: number }>(
  db
    .selectFrom('comments as c')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('c.article_id', '=', slot<number>('articleId'))
    .where('c.parent_id', 'is', null)
    .where('c.status', '=', 'published'),
);

export async function countTopLevelComments(reader: Reader, articleId: number): Promise<number> {
  return Number((await reader.read(TOP_LEVEL_COUNT, { articleId }))?.count ?? 0);
}

/** The first `limit` published replies of each parent, oldest first: one read for a whole page. */
const REPLIES = preparedListByLimit<{ ids: number[] }, PublicComment>(
  (limit) =>
    db
      .selectFrom(sql<{ id: number }>`unnest(${slot<number[]>('ids')}::int[])`.as('p'))
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('comments as c')
            .select(PUBLIC_COLUMNS)
            .whereRef('c.parent_id', '=', sql.ref('p.p'))
            .where('c.status', '=', 'published')
            .orderBy('c.created_at')
            .orderBy('c.id')
            .limit(limit)
            .as('r'),
        (join) => join.onTrue(),
      )
      .selectAll('r'),
  'r.parent_id, r.created_at, r.id',
);

export async function listReplies(reader: Reader, parentIds: readonly number[], limit: number): Promise<PublicComment[]> {
  return withDates(await reader.read(REPLIES(limit), { ids: [...parentIds] }));
}

const REPLY_COUNTS = preparedList<{ ids: number[] }, { parent_id: number; count: number }>(
  db
    .selectFrom('comments as c')
    .select(['c.parent_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('c.parent_id', '=', sql<number>`any(${slot<number[]>('ids')}::int[])`)
    .where('c.status', '=', 'published')
    .groupBy('c.parent_id'),
  'r.parent_id',
);

export async function countReplies(reader: Reader, parentIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await reader.read(REPLY_COUNTS, { ids: [...parentIds] });
  return new Map(rows.map((row) => [row.parent_id, Number(row.count)]));
}

const BY_IDS = preparedList<{ ids: number[] }, PublicComment>(
  db
    .selectFrom('comments as c')
    .select(PUBLIC_COLUMNS)
    .where('c.id', '=', sql<number>`any(${slot<number[]>('ids')}::int[])`)
    .where('c.status', '=', 'published'),
  'r.id',
);

/** Published comments by id (Query.node). */
export async function findPublishedComments(reader: Reader, ids: readonly number[]): Promise<PublicComment[]> {
  return withDates(await reader.read(BY_IDS, { ids: [...ids] }));
}

const PREFIX = 'c1:';

export function encodeCommentCursor(position: CommentPosition): string {
  return Buffer.from(`${PREFIX}${position.createdAt.getTime()}:${position.id}`, 'utf8').toString('base64url');
}

/** Null when the string is not a cursor of a comment list. */
export function decodeCommentCursor(cursor: string): CommentPosition | null {
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = /^c1:(\d{1,15}):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const id = Number(match[2]);
  const createdAt = new Date(Number(match[1]));
  if (id > 2_147_483_647 || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}
