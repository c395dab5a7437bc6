import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createDatabase, type Db } from '../src/db/database';
import { createApp } from '../src/http/app';
import { TrendingStore } from '../src/trending/trending';
import { ViewBuffer } from '../src/trending/view-buffer';
import { ViewRecorder } from '../src/trending/views';
import { openBenchPostgres } from './lib/postgres';
import { prepareBenchDatabase } from './lib/prepare';
import { findProgram, startPgBouncer } from '../test/helpers/servers';
import { startPrimary } from '../test/cluster/postgres';

// What named prepared statements save, and what PgBouncer costs (README "Running as a fleet").
// CPU time per uncached article page rather than requests/s: on a machine shared with other work,
// throughput measures the neighbours; CPU seconds per request much less so. One connection, requests
// one after another; CPU of this Node process (process.cpuUsage), of the PostgreSQL server (its
// own, so nothing else runs there) and of PgBouncer, from /proc.
//
//   npx tsx bench/prepared-statements.ts [--articles 2000] [--requests 600]
// On a PostgreSQL server of its own (initdb in a temporary folder, as the cluster test does): other
// work on a shared server may terminate its connections, and the backends must be in /proc.

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ARTICLES = arg('articles', 2000);
const REQUESTS = arg('requests', 600);
const ARTICLE_PAGE = fs.readFileSync(path.resolve(__dirname, '..', 'operations', 'ArticlePage.graphql'), 'utf8');
const TICK_MS = 10; // /proc/<pid>/stat counts clock ticks of 1/100 s

function procCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * CPU of the whole (private) PostgreSQL server: the postmaster, its live children, and the children
 * that have exited (their time is added to the postmaster's cutime/cstime when it reaps them).
 */
function serverCpuMs(postmaster: number): number {
  const own = fs.readFileSync(`/proc/${postmaster}/stat`, 'utf8').split(') ')[1]!.split(' ');
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) * TICK_MS;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function measure(label: string, url: string, prepared: boolean, bouncerPid: number | null, slugs: string[], postmaster: number) {
  // An application name of its own: other tests on a shared server terminate 'kabar' connections.
  const db: Db = createDatabase({ connectionString: url, poolSize: 1, preparedStatements: prepared, applicationName: 'kabar-cost-bench' });
  const config = { ...loadConfig({ NODE_ENV: 'production', RESPONSE_CACHE: 'false', RATE_LIMIT_POINTS: '0' }) };
  const trending = new TrendingStore(db, { refreshIntervalMs: 60_000 });
  await trending.refresh();
  const app = createApp({ db, config, views: new ViewRecorder(db, new ViewBuffer(db, { flushIntervalMs: 60_000 })), trending });
  const page = async (slug: string) => {
    const response = await app.fetch(
      new Request('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ARTICLE_PAGE, variables: { slug } }),
      }),
    );
    const body = (await response.json()) as { errors?: unknown; data?: { article?: unknown } };
    if (body.errors || !body.data?.article) throw new Error(`${label}: ${JSON.stringify(body.errors)}`);
  };
  for (const slug of slugs.slice(0, 100)) await page(slug);
  const node0 = process.cpuUsage();
  const pg0 = serverCpuMs(postmaster);
  const bouncer0 = bouncerPid ? procCpuMs(bouncerPid) : 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < REQUESTS; i += 1) await page(slugs[i % slugs.length]!);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const node = process.cpuUsage(node0);
  const nodeMs = (node.user + node.system) / 1000 / REQUESTS;
  const pgMs = (serverCpuMs(postmaster) - pg0) / REQUESTS;
  const bouncerMs = bouncerPid ? (procCpuMs(bouncerPid) - bouncer0) / REQUESTS : 0;
  await db.destroy();
  return { label, nodeMs, pgMs, bouncerMs, wallMs: wallMs / REQUESTS };
}

async function main(): Promise<void> {
  const log = (message: string) => console.log(`[cost] ${message}`);
  const server = await startPrimary();
  process.env.DATABASE_URL = server.url('postgres');
  const postgres = await openBenchPostgres(log);
  try {
    const bench = await prepareBenchDatabase(postgres.adminUrl, ARTICLES, log);
    const probe = createDatabase({ connectionString: bench.connectionString, poolSize: 1 });
    const slugs = (
      await probe
        .selectFrom('articles')
        .select('slug')
        .where('status', '=', 'published')
        .where('published_at', '<', new Date())
        .orderBy('id', 'desc')
        .limit(300)
        .execute()
    ).map((r) => r.slug);
    await probe.destroy();
    const postmaster = Number(fs.readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const rows = [];
    rows.push(await measure('prepared (default)', bench.connectionString, true, null, slugs, postmaster));
    rows.push(await measure('unprepared (DB_PREPARED_STATEMENTS=false)', bench.connectionString, false, null, slugs, postmaster));
    rows.push(await measure('prepared (default), again', bench.connectionString, true, null, slugs, postmaster));
    const binary = findProgram('pgbouncer', ['/usr/sbin/pgbouncer']);
    if (binary) {
      const bouncer = await startPgBouncer(binary, bench.connectionString, { poolSize: 1 });
      try {
        const name = new URL(bench.connectionString).pathname.slice(1);
        const pid = bouncer.pid();
        rows.push(await measure('unprepared through PgBouncer (PGBOUNCER=true)', bouncer.url(name), false, pid, slugs, postmaster));
      } finally {
        await bouncer.stop();
      }
    } else {
      log('pgbouncer is not installed: its row is skipped');
    }
    const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`\n${ARTICLES} articles, ${REQUESTS} article pages one after another on one connection; load average ${load}\n`);
    console.log('| mode | Node CPU ms/page | PostgreSQL CPU ms/page | PgBouncer CPU ms/page | wall ms/page |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of rows)
      console.log(`| ${r.label} | ${r.nodeMs.toFixed(2)} | ${r.pgMs.toFixed(2)} | ${r.bouncerMs.toFixed(2)} | ${r.wallMs.toFixed(2)} |`);
  } finally {
    await postgres.close();
    if (!process.env.KEEP_SERVER) server.remove();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
