import { sql } from 'kysely';
import { pruneHourlyViews, upsertHourlyViews } from '../src/trending/repository';
import { useTestDatabase } from './helpers/app';

// article_views_hourly gains up to one row per article and hour; without pruning it grows without
// bound (issue 15). Rows older than the retention period go in batches; newer ones stay untouched.

const database = useTestDatabase();
const HOUR_MS = 3_600_000;

async function countRows(where: 'old' | 'recent', cutoff: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from article_views_hourly
    where ${where === 'old' ? sql`hour < ${cutoff}` : sql`hour >= ${cutoff}`}`.execute(database.db);
  return rows[0]!.n;
}

it('deletes rows older than the cut-off in batches, keeps the rest, and lets one process prune at a time', async () => {
  const { rows: articles } = await sql<{ id: number }>`select id from articles order by id limit 50`.execute(database.db);
  const cutoff = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 100 * 24 * HOUR_MS);
  // 50 articles × 30 hours before the cut-off, and the same just after it.
  const old = articles.flatMap((a) =>
    Array.from({ length: 30 }, (_, h) => ({ articleId: a.id, hour: new Date(cutoff.getTime() - (h + 1) * HOUR_MS), views: 3 })),
  );
  const kept = articles.flatMap((a) =>
    Array.from({ length: 30 }, (_, h) => ({ articleId: a.id, hour: new Date(cutoff.getTime() + h * HOUR_MS), views: 3 })),
  );
  await upsertHourlyViews(database.db, [...old, ...kept]);
  const recentBefore = await countRows('recent', cutoff);
  const oldBefore = await countRows('old', cutoff);
  expect(oldBefore).toBeGreaterThanOrEqual(1_500);

  // Another process holds the lock: this one skips the run instead of waiting or deleting twice.
  await database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${0x6b616276})`.execute(trx);
    expect(await pruneHourlyViews(database.db, cutoff, 400)).toBe(0);
  });

  database.resetStatements();
  expect(await pruneHourlyViews(database.db, cutoff, 400)).toBe(oldBefore);
  expect(database.statements.filter((s) => /^\s*delete from article_views_hourly/i.test(s)).length).toBe(Math.floor(oldBefore / 400) + 1);
  expect(await countRows('old', cutoff)).toBe(0);
  expect(await countRows('recent', cutoff)).toBe(recentBefore);
});
