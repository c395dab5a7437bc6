import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openScratchDatabase, type ScratchDatabase } from './scratch-db';
import { waitForReadyz } from './lib/servers';

// `npm run bench:writes` (and the last part of `npm run bench`): the response cache while the
// newsroom writes (issue 13). The article-page and home-page mix (operations/ArticlePage.graphql
// and HomePage.graphql as written, GET, 4 article pages to 1 home page over every published article of the demo publication (320)
// articles) at 32 connections, for each cache design (CACHE_INVALIDATION=generation: any change
// drops every cached answer; tags: a change drops the answers that read what changed), first with
// no writes, then while one article is published every 10 s and another (one of the 200 read)
// edited every 5 s (one of those read), both by SQL as any writer's commit. Hit ratio from X-Kabar-Cache (HIT and
// STALE count as hits), req/s and p99 per row. Kabar runs as a child process (tsx src/server.ts,
// NODE_ENV=production, response cache on, in memory, no rate limit) on a scratch database with the
// demo publication. Options (environment): BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (3),
// BENCH_CONNECTIONS (32), KABAR_BENCH_WRITES_PORT (4112). Writes bench/results/cache-writes-<date>.json.

const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PORT = Number(process.env.KABAR_BENCH_WRITES_PORT ?? 4112);
const PUBLISH_EVERY_MS = 10_000;
const EDIT_EVERY_MS = 5_000;
const PAGES = 1_000;

const ARTICLE_PAGE = fs.readFileSync(path.join(ROOT, 'operations', 'ArticlePage.graphql'), 'utf8');
const HOME_PAGE = fs.readFileSync(path.join(ROOT, 'operations', 'HomePage.graphql'), 'utf8');

type Design = 'generation' | 'tags';

export interface WritesRow {
  design: Design;
  writes: boolean;
  rps: number;
  p50: number;
  p99: number;
  hitRatio: number;
  hits: number;
  stale: number;
  misses: number;
  bad: number;
  publishes: number;
  edits: number;
}

async function startKabar(scratch: ScratchDatabase, design: Design): Promise<{ base: string; child: ChildProcess }> {
  const base = `http://127.0.0.1:${PORT}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: scratch.connectionString,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      RESPONSE_CACHE: 'true',
      CACHE_INVALIDATION: design,
      REDIS_URL: '',
      DB_POOL_SIZE: '10',
      PUBLIC_BASE_URL: base,
      SEED_DEMO: 'true',
      RATE_LIMIT_POINTS: '0',
      RELATED_REFRESH_INTERVAL_MS: '86400000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForReadyz(base, child);
  return { base, child };
}

async function stopKabar(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function getPath(query: string, variables?: Record<string, unknown>): string {
  return `/graphql?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;
}

/** The newsroom: a publication every 10 s and an edit of a page being read every 5 s, until stopped. */
function startWriter(scratch: ScratchDatabase, readIds: number[]): { stop(): Promise<{ publishes: number; edits: number }> } {
  let publishes = 0;
  let edits = 0;
  let chain: Promise<unknown> = Promise.resolve();
  const publish = setInterval(() => {
    chain = chain.then(async () => {
      publishes += 1;
      await sql`insert into articles (slug, section_id, author_id, status, title, excerpt, body_html, blocks, word_count, published_at)
        select 'bench-terbit-' || ${`${process.pid}-${Date.now()}`}, section_id, author_id, 'published',
               'Terbit saat diuji ' || ${publishes}, excerpt, body_html, blocks, word_count, now()
          from articles where id = ${readIds[publishes % readIds.length]!}`.execute(scratch.db);
    });
  }, PUBLISH_EVERY_MS);
  const edit = setInterval(() => {
    chain = chain.then(async () => {
      edits += 1;
      await sql`update articles set title = title || ' (diperbarui)', updated_at = now() where id = ${readIds[(edits * 7) % readIds.length]!}`.execute(
        scratch.db,
      );
    });
  }, EDIT_EVERY_MS);
  return {
    async stop() {
      clearInterval(publish);
      clearInterval(edit);
      await chain;
      return { publishes, edits };
    },
  };
}

async function measure(
  base: string,
  paths: string[],
  design: Design,
  writes: boolean,
  scratch: ScratchDatabase,
  readIds: number[],
): Promise<WritesRow> {
  const counts = { HIT: 0, STALE: 0, MISS: 0, other: 0 };
  let bad = 0;
  let ok = 0;
  let next = 0;
  const run = (duration: number, counting: boolean) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          setupRequest: (request) => ({ ...request, method: 'GET', path: paths[next++ % paths.length] }),
          onResponse: (status, body, _context, headers) => {
            if (!counting) return;
            const label = String((headers as Record<string, unknown> | undefined)?.['x-kabar-cache'] ?? 'other') as keyof typeof counts;
            counts[label in counts ? label : 'other'] += 1;
            if (status === 200 && body.startsWith('{"data"') && !body.includes('"errors"')) ok += 1;
            else bad += 1;
          },
        },
      ],
    });
  if (WARMUP > 0) await run(WARMUP, false);
  const writer = writes ? startWriter(scratch, readIds) : null;
  const result = await run(SECONDS, true);
  const written = (await writer?.stop()) ?? { publishes: 0, edits: 0 };
  const served = counts.HIT + counts.STALE + counts.MISS + counts.other;
  const row: WritesRow = {
    design,
    writes,
    rps: Math.round(ok / SECONDS),
    p50: result.latency.p50,
    p99: result.latency.p99,
    hitRatio: served > 0 ? (counts.HIT + counts.STALE) / served : 0,
    hits: counts.HIT,
    stale: counts.STALE,
    misses: counts.MISS + counts.other,
    bad: bad + result.errors + result.timeouts,
    ...written,
  };
  console.log(
    `${design.padEnd(10)} ${writes ? 'with writes' : 'no writes  '}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ` +
      `hit ratio ${(row.hitRatio * 100).toFixed(1)}% (HIT ${row.hits}, STALE ${row.stale}, MISS ${row.misses}), bad ${row.bad}, ` +
      `${row.publishes} publications, ${row.edits} edits`,
  );
  return row;
}

export function toMarkdown(rows: WritesRow[]): string {
  const lines = ['| design | writes | req/s | p99 ms | hit ratio | of the no-writes req/s |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    const quiet = rows.find((r) => r.design === row.design && !r.writes);
    const share = quiet && row.writes ? `${Math.round((row.rps / quiet.rps) * 100)}%` : '';
    lines.push(
      `| ${row.design} | ${row.writes ? `${row.publishes} publications, ${row.edits} edits` : 'none'} | ${row.rps} | ${row.p99} | ${(row.hitRatio * 100).toFixed(1)}% | ${share} |`,
    );
  }
  return lines.join('\n');
}

export async function runCacheUnderWrites(): Promise<WritesRow[]> {
  const started = Date.now();
  const scratch = await openScratchDatabase('kabar_bench_writes', { poolSize: 2 });
  const rows: WritesRow[] = [];
  try {
    for (const design of ['generation', 'tags'] as Design[]) {
      const { base, child } = await startKabar(scratch, design);
      try {
        const newest = await scratch.db
          .selectFrom('articles')
          .select(['id', 'slug'])
          .where('status', '=', 'published')
          .orderBy('published_at', 'desc')
          .limit(PAGES)
          .execute();
        const paths: string[] = [];
        for (const [i, article] of newest.entries()) {
          paths.push(getPath(ARTICLE_PAGE, { slug: article.slug }));
          if (i % 4 === 3) paths.push(getPath(HOME_PAGE));
        }
        const readIds = newest.map((a) => a.id);
        for (const writes of [false, true]) rows.push(await measure(base, paths, design, writes, scratch, readIds));
      } finally {
        await stopKabar(child);
      }
    }
  } finally {
    await scratch.close();
  }
  console.log(
    `\n${toMarkdown(rows)}\n\n${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)}, ${Math.round((Date.now() - started) / 1000)} s`,
  );
  const out = path.join(ROOT, 'bench', 'results', `cache-writes-${new Date().toISOString().slice(0, 10)}.json`);
  fs.writeFileSync(out, JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, rows }, null, 2));
  return rows;
}

if (require.main === module) {
  runCacheUnderWrites().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
