import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { createDatabase, withDatabaseName, type Db } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { refreshStaleRelated } from '../../src/content/related';
import { computeTrendingRows } from '../../src/trending/repository';
import { TRENDING_WINDOWS, TRENDING_LIST_SIZE, windowStart, type TrendingWindowName } from '../../src/trending/trending';
import { DEFAULT_RANDOM_SEED, seedDemoPublication } from '../../src/seed';

// Bench databases: kabar_bench_<articles>, prepared once (Kabar's migrations, the demo publication
// with view history, every related list, the PostGraphile functions) and reused while the marker in
// kabar_bench.meta says they hold the right data. Reuse after hours or days would leave the
// Terpopuler windows without views, so a reused database has its timestamps moved forward by whole
// hours first.

/** Bump when the seed or the preparation changes what a bench database holds. */
export const BENCH_DATA_VERSION = 1;
const HOUR_MS = 3_600_000;

export interface BenchDatabase {
  name: string;
  articles: number;
  /** As the table owner: Kabar and the raw baseline. */
  connectionString: string;
  /** As kabar_bench_reader, subject to row-level security: PostGraphile. */
  readerConnectionString: string;
  /** Seconds spent preparing in this run (0 when reused as it was). */
  preparedSeconds: number;
  notes: string[];
}

type Log = (message: string) => void;

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

interface Meta {
  articles: number;
  version: number;
  data_now: Date;
}

async function readMeta(connectionString: string): Promise<Meta | null> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const exists = await client.query(`select to_regclass('kabar_bench.meta') is not null as ok`);
    if (!exists.rows[0].ok) return null;
    const { rows } = await client.query('select articles, version, data_now from kabar_bench.meta');
    return (rows[0] as Meta | undefined) ?? null;
  } finally {
    await client.end();
  }
}

function readerUrl(connectionString: string): string {
  const url = new URL(connectionString);
  url.username = 'kabar_bench_reader';
  url.password = 'kabar_bench';
  return url.toString();
}

const FUNCTIONS_SQL = path.resolve(__dirname, '..', 'postgraphile', 'functions.sql');

async function applyBenchFunctions(db: Db): Promise<void> {
  await sql.raw(fs.readFileSync(FUNCTIONS_SQL, 'utf8')).execute(db);
}

export async function prepareBenchDatabase(adminUrl: string, articles: number, log: Log): Promise<BenchDatabase> {
  const name = `kabar_bench_${articles}`;
  const connectionString = withDatabaseName(adminUrl, name);
  const started = performance.now();
  const notes: string[] = [];
  const exists = await withAdmin(adminUrl, async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  const meta = exists ? await readMeta(connectionString) : null;
  const reusable = meta !== null && meta.articles === articles && meta.version === BENCH_DATA_VERSION;

  if (!reusable) {
    if (exists) log(`${name}: holds other data; preparing it again`);
    await withAdmin(adminUrl, async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
    });
  }
  const db = createDatabase({ connectionString, poolSize: 2, applicationName: 'kabar-bench-prepare' });
  try {
    await migrateToLatest(db);
    if (!reusable) {
      const now = new Date();
      log(`${name}: seeding ${articles} articles with view history (once; later runs reuse it)`);
      const seedStart = performance.now();
      await seedDemoPublication(db, { articles, randomSeed: DEFAULT_RANDOM_SEED, now, log: (m) => log(`${name}: ${m}`) });
      notes.push(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
      await sql`vacuum analyze`.execute(db);
      const relatedStart = performance.now();
      const refreshed = await refreshAllRelated(db, articles, (m) => log(`${name}: ${m}`));
      notes.push(`related lists of ${refreshed} articles computed in ${((performance.now() - relatedStart) / 1000).toFixed(0)} s`);
      await sql`create schema if not exists kabar_bench`.execute(db);
      await sql`create table if not exists kabar_bench.meta (articles int not null, version int not null, data_now timestamptz not null, prepared_at timestamptz not null default now())`.execute(
        db,
      );
      await applyBenchFunctions(db);
      await sql`vacuum analyze`.execute(db);
      await sql`insert into kabar_bench.meta (articles, version, data_now) values (${articles}, ${BENCH_DATA_VERSION}, ${now})`.execute(db);
    } else {
      await applyBenchFunctions(db);
      const shifted = await shiftToNow(db, meta!.data_now, (m) => log(`${name}: ${m}`));
      if (shifted > 0) notes.push(`timestamps moved forward by ${shifted} h`);
      const refreshed = await refreshStaleRelated(db, { batchSize: 500 });
      if (refreshed > 0) notes.push(`${refreshed} stale related lists refreshed`);
    }
    await refreshBenchTrending(db);
  } finally {
    await db.destroy();
  }
  const preparedSeconds = (performance.now() - started) / 1000;
  log(`${name}: ready (${reusable ? 'reused' : 'prepared'} in ${preparedSeconds.toFixed(0)} s${notes.length ? `; ${notes.join('; ')}` : ''})`);
  return { name, articles, connectionString, readerConnectionString: readerUrl(connectionString), preparedSeconds, notes };
}

async function refreshAllRelated(db: Db, articles: number, log: Log): Promise<number> {
  let total = 0;
  const started = performance.now();
  for (;;) {
    const refreshed = await refreshStaleRelated(db, { batchSize: 500, maxBatches: 10 });
    total += refreshed;
    const seconds = (performance.now() - started) / 1000;
    log(`related lists: ${total}/${articles} articles, ${seconds.toFixed(0)} s`);
    if (refreshed < 5000) return total;
  }
}

/**
 * Moves every timestamp forward by the whole hours since the data was generated, so "the last 24
 * hours" has views again. Triggers are off for the move (session_replication_role): it changes no
 * content, only when it happened.
 */
async function shiftToNow(db: Db, dataNow: Date, log: Log): Promise<number> {
  const hours = Math.floor((Date.now() - new Date(dataNow).getTime()) / HOUR_MS);
  if (hours < 1) return 0;
  log(`data generated ${hours} h ago: moving timestamps forward by ${hours} h`);
  const delta = sql`${`${hours} hours`}::interval`;
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`update articles set published_at = published_at + ${delta}, created_at = created_at + ${delta},
      updated_at = updated_at + ${delta}, related_computed_at = related_computed_at + ${delta}`.execute(trx);
    await sql`update article_tags set published_at = published_at + ${delta}`.execute(trx);
    // Moving the primary key in place could collide row by row; copy out and back instead.
    await sql`create temporary table shifted_views on commit drop as
      select article_id, hour + ${delta} as hour, views from article_views_hourly`.execute(trx);
    await sql`truncate article_views_hourly`.execute(trx);
    await sql`insert into article_views_hourly (article_id, hour, views) select article_id, hour, views from shifted_views`.execute(trx);
    await sql`update kabar_bench.meta set data_now = data_now + ${delta}`.execute(trx);
  });
  await sql`vacuum analyze`.execute(db);
  return hours;
}

const BENCH_WINDOWS: TrendingWindowName[] = ['DAY', 'WEEK'];

/** The Terpopuler lists of PostGraphile and the raw baseline, computed as Kabar computes its own. */
export async function refreshBenchTrending(db: Db, now = new Date()): Promise<void> {
  const rows = await computeTrendingRows(db, {
    now,
    windows: BENCH_WINDOWS.map((name) => ({ name, since: windowStart(name, now), halfLifeHours: TRENDING_WINDOWS[name].halfLifeHours })),
    limit: TRENDING_LIST_SIZE,
  });
  const lists: string[] = [];
  const ranks: number[] = [];
  const ids: number[] = [];
  const views: number[] = [];
  const scores: number[] = [];
  for (const row of rows) {
    if (row.site_rank <= TRENDING_LIST_SIZE) {
      lists.push(`${row.window_name}:site`);
      ranks.push(row.site_rank);
      ids.push(row.article_id);
      views.push(row.views);
      scores.push(row.score);
    }
    if (row.section_rank <= TRENDING_LIST_SIZE) {
      lists.push(`${row.window_name}:${row.section_id}`);
      ranks.push(row.section_rank);
      ids.push(row.article_id);
      views.push(row.views);
      scores.push(row.score);
    }
  }
  await db.transaction().execute(async (trx) => {
    await sql`delete from kabar_bench.trending`.execute(trx);
    await sql`insert into kabar_bench.trending (list, rank, article_id, views, score)
      select * from unnest(${lists}::text[], ${ranks}::int[], ${ids}::int[], ${views}::bigint[], ${scores}::float8[])`.execute(trx);
  });
}
