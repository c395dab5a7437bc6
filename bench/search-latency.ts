import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDatabase, type Db } from '../src/db/database';
import { createApp } from '../src/http/app';
import { loadConfig } from '../src/config';
import { ViewBuffer } from '../src/trending/view-buffer';
import { ViewRecorder } from '../src/trending/views';
import { TrendingStore } from '../src/trending/trending';
import { openScratchDatabase } from './scratch-db';
import { mulberry32 } from './lib/mulberry32';

// Search latency on a large publication (npm run bench:search). Seeds a scratch database with the
// demo generator (`npm run seed -- --articles N --reset`, 100,000 by default), then sends the
// shared Search operation (operations/Search.graphql: first 10, totalCount, highlights)
// through the app, in process and one at a time, and prints p50/p95/p99 per kind of query.
//
//   npm run bench:search [-- --articles 100000 --queries 400]
//   npm run bench:search -- --database-url postgres://…/already_seeded   (reuse, no seeding)

interface Query {
  kind: string;
  query: string;
  section?: string;
}

async function buildQueries(db: Db, count: number): Promise<Query[]> {
  const rand = mulberry32(20261125);
  const { rows: sample } = await sql<{ title: string; section: string }>`
    select a.title, s.slug as section from articles a tablesample system (2) repeatable (7)
    join sections s on s.id = a.section_id where a.status = 'published' limit ${count}`.execute(db);
  const { rows: stop } = await sql<{ w: string[] }>`select kabar_search_stop_words() as w`.execute(db);
  const stopWords = new Set(stop[0]!.w);
  const words = (title: string) =>
    title
      .split(/\s+/)
      .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
      .filter((w) => w.length > 2 && !stopWords.has(w.toLowerCase()));
  const queries: Query[] = [];
  for (const row of sample) {
    const w = words(row.title);
    if (w.length < 2) continue;
    const start = Math.floor(rand() * (w.length - 1));
    const roll = rand();
    if (roll < 0.45) queries.push({ kind: 'two words', query: `${w[start]} ${w[start + 1]}` });
    else if (roll < 0.6) queries.push({ kind: 'one word', query: w[start]! });
    else if (roll < 0.72) queries.push({ kind: 'phrase', query: `"${w[start]} ${w[start + 1]}"` });
    else if (roll < 0.82) queries.push({ kind: 'with section', query: `${w[start]} ${w[start + 1]}`, section: row.section });
    else if (roll < 0.9) queries.push({ kind: 'exclusion', query: `${w[start]} -${w[(start + 1) % w.length]}` });
    else {
      // A typo in every word: nothing matches in full text, so the trigram title fallback answers.
      const typo = (x: string) => (x.length > 4 ? x.slice(0, 2) + x.slice(3) : `${x}x`);
      queries.push({ kind: 'typo (fallback)', query: `${typo(w[start]!)} ${typo(w[start + 1]!)}` });
    }
  }
  return queries;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '400' },
      'database-url': { type: 'string' },
    },
  });
  const articles = Number(values.articles);
  let db: Db;
  let close: () => Promise<void>;
  if (values['database-url']) {
    db = createDatabase({ connectionString: values['database-url'], poolSize: 2 });
    close = () => db.destroy();
  } else {
    const scratch = await openScratchDatabase('kabar_search_bench', { poolSize: 2 });
    console.log(`seeding ${articles} articles into a scratch database…`);
    const started = Date.now();
    const seeded = spawnSync('npx', ['tsx', path.join(__dirname, '..', 'src', 'cli', 'seed.ts'), '--articles', String(articles), '--reset'], {
      env: { ...process.env, DATABASE_URL: scratch.connectionString },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (seeded.status !== 0) {
      await scratch.close();
      throw new Error(`seeding failed with exit code ${seeded.status}`);
    }
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    db = scratch.db;
    close = () => scratch.close();
  }
  try {
    await sql`analyze`.execute(db);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from articles`.execute(db);
    const queries = await buildQueries(db, Number(values.queries));
    const operation = fs.readFileSync(path.join(__dirname, '..', 'operations', 'Search.graphql'), 'utf8');
    // The response cache is off: every query is answered by the database. Rate limits are off too:
    // every query comes from one client, as fast as it is answered.
    const config = { ...loadConfig({ PUBLIC_BASE_URL: 'https://kabar.test', NODE_ENV: 'production' }), responseCache: false, rateLimitPoints: 0 };
    const views = new ViewRecorder(db, new ViewBuffer(db, { flushIntervalMs: config.viewFlushIntervalMs }));
    const trending = new TrendingStore(db, { refreshIntervalMs: config.trendingRefreshIntervalMs });
    const app = createApp({ db, config, views, trending });
    const run = async (q: Query) => {
      const response = await app.fetch('http://kabar.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: operation, variables: { query: q.query, section: q.section ?? null } }),
      });
      const body = (await response.json()) as { errors?: { message: string }[]; data?: { search: { totalCount: number } } };
      if (body.errors) throw new Error(`${q.query}: ${body.errors[0]!.message}`);
      return body.data!.search.totalCount;
    };
    for (const q of queries.slice(0, 20)) await run(q); // warm-up
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const started = performance.now();
      hits += (await run(q)) > 0 ? 1 : 0;
      const ms = performance.now() - started;
      all.push(ms);
      byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
    }
    console.log(
      `\nSearch.graphql (first 10, totalCount, highlights) on ${rows[0]!.n} articles, ${queries.length} queries one at a time, ${hits} with results`,
    );
    const line = (label: string, list: number[]) => {
      const sorted = [...list].sort((a, b) => a - b);
      console.log(
        `  ${label.padEnd(16)} n=${String(sorted.length).padStart(4)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms  max ${sorted[sorted.length - 1]!.toFixed(1).padStart(6)} ms`,
      );
    };
    line('all', all);
    for (const [kind, list] of [...byKind].sort()) line(kind, list);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
