import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { hasPublicStatus } from '../visibility';
import { scoreRelatedCandidates } from './scoring';

// Artikel Terkait, the refresh job: which stored lists are stale, and recomputing them
// (src/service.ts runs it in the background; the seed and the bench run it once).

const RECENT_REFRESH = { publishedWithin: '3 days', olderThan: '1 hour' };
/** Articles whose lists are recomputed per transaction. */
const REFRESH_BATCH_SIZE = 500;
/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement (4 a row). */
const INSERT_CHUNK_ROWS = 5000;

/** Recomputes and stores the related lists of these articles, atomically per batch. */
export async function refreshRelatedArticles(db: Db, articleIds: readonly number[]): Promise<void> {
  if (articleIds.length === 0) return;
  const candidates = await scoreRelatedCandidates(db, articleIds);
  await db.transaction().execute(async (trx) => {
    const ids = sql<number>`any(${sql.val([...articleIds])}::int[])`;
    await trx.deleteFrom('article_related').where('article_id', '=', ids).execute();
    for (let i = 0; i < candidates.length; i += INSERT_CHUNK_ROWS) {
      await trx
        .insertInto('article_related')
        .values(candidates.slice(i, i + INSERT_CHUNK_ROWS))
        .execute();
    }
    await trx
      .updateTable('articles')
      .set({ related_computed_at: sql`now()` })
      .where('id', '=', ids)
      .execute();
  });
}

/**
 * Articles whose stored list is missing or older than their last edit, and recent articles whose
 * list is over an hour old (new follow-ups may have appeared); newest first.
 */
export async function listArticlesNeedingRelated(db: Db, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where(hasPublicStatus('articles'))
    .where((eb) =>
      eb.or([
        eb('related_computed_at', 'is', null),
        // An edit stamped in the future (scheduled articles) counts once its time has come.
        eb.and([eb('related_computed_at', '<', eb.ref('updated_at')), eb('updated_at', '<=', sql<Date>`now()`)]),
        eb.and([
          eb('published_at', '>', sql<Date>`now() - ${RECENT_REFRESH.publishedWithin}::interval`),
          eb('related_computed_at', '<', sql<Date>`now() - ${RECENT_REFRESH.olderThan}::interval`),
        ]),
      ]),
    )
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Refreshes stale lists batch by batch until none is left (or `maxBatches`); returns how many. */
export async function refreshStaleRelated(db: Db, options: { batchSize?: number; maxBatches?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? REFRESH_BATCH_SIZE;
  let refreshed = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch += 1) {
    const ids = await listArticlesNeedingRelated(db, batchSize);
    if (ids.length === 0) break;
    await refreshRelatedArticles(db, ids);
    refreshed += ids.length;
    if (ids.length < batchSize) break;
  }
  return refreshed;
}
