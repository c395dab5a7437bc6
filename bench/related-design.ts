// Which design serves "Artikel Terkait" reads faster: reading stored, pre-scored candidates (what
// Kabar does) or scoring candidates inside the request? Runs both for the same random batches of
// articles against DATABASE_URL (or the embedded database) and prints per-batch latency.
//
//   DATABASE_URL=postgres://… npx tsx bench/related-design.ts [--batches 200] [--batch-size 1]
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/connect';
import { listRelatedArticles, refreshStaleRelated, scoreRelatedCandidates } from '../src/content/related';
import { findVisibleArticlesByIds } from '../src/content/articles';
import { directReader } from '../src/db/prepared';
import type { Db } from '../src/db/database';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(label: string, batches: number[][], run: (ids: number[]) => Promise<unknown>) {
  for (const ids of batches.slice(0, 10)) await run(ids); // warm-up
  const durations: number[] = [];
  for (const ids of batches) {
    const started = process.hrtime.bigint();
    await run(ids);
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  durations.sort((a, b) => a - b);
  const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
  console.log(
    `${label.padEnd(28)} mean ${mean.toFixed(2)} ms  p50 ${percentile(durations, 50).toFixed(2)} ms  p99 ${percentile(durations, 99).toFixed(2)} ms`,
  );
}

async function main() {
  const { values } = parseArgs({ options: { batches: { type: 'string', default: '200' }, 'batch-size': { type: 'string', default: '1' } } });
  const database = await openDatabase(loadConfig({ ...process.env, SEED_DEMO: 'false' }));
  const db: Db = database.db;
  try {
    const pending = await refreshStaleRelated(db);
    if (pending) console.log(`(refreshed ${pending} stale related lists first)`);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from articles`.execute(db);
    const batchSize = Number(values['batch-size']);
    const ids = (
      await sql<{
        id: number;
      }>`select id from articles where status = 'published' order by random() limit ${Number(values.batches) * batchSize}`.execute(db)
    ).rows.map((r) => r.id);
    const batches: number[][] = [];
    for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize));
    console.log(`${rows[0]!.n} articles; ${batches.length} batches of ${batchSize} article(s)`);
    await time('stored (one index lookup)', batches, (b) => listRelatedArticles(directReader(db), b, 5));
    await time('scored in the request', batches, async (b) => {
      const scored = await scoreRelatedCandidates(db, b);
      await findVisibleArticlesByIds(
        directReader(db),
        scored.filter((c) => c.rank <= 5).map((c) => c.related_article_id),
      );
    });
  } finally {
    await database.close();
  }
}

void main();
