import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openScratchDatabase } from './scratch-db';
import { seedDemoPublication } from '../src/seed';
import { waitForReadyz } from './lib/servers';

// `npm run bench:sse`: idle live subscribers on one Kabar process (issue 13, "Live updates"), under
// 2 minutes. Kabar runs as a child process (tsx src/server.ts, NODE_ENV=production) on a scratch
// database with a small demo publication. This process opens BENCH_SSE_SUBSCRIBERS (2,000) event
// streams of operations/live/LatestArticles.graphql as written (POST, Accept: text/event-stream,
// plain node:http sockets), then publishes one article a second for BENCH_SSE_EVENTS (30) seconds
// by SQL (an archived article set back to published: the trigger writes article.published), and
// records for every delivery the time from the publishing statement's commit to the event's
// arrival. Reported: the server's RSS before and after the streams opened (per subscriber), event
// delivery p50/p99/max, and deliveries missing. The subscribers run in this process, on the same
// two cores as the server: the latencies include their parsing. Writes bench/results/sse-<date>.json.
// BENCH_SSE_CPU_PROFILE=<folder> writes a CPU profile of the server there.

const ROOT = path.resolve(__dirname, '..');
const SUBSCRIBERS = Number(process.env.BENCH_SSE_SUBSCRIBERS ?? 2000);
const EVENTS = Number(process.env.BENCH_SSE_EVENTS ?? 30);
const PORT = Number(process.env.KABAR_BENCH_SSE_PORT ?? 4120);
const LATEST = fs.readFileSync(path.join(ROOT, 'operations', 'live', 'LatestArticles.graphql'), 'utf8');

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

interface Subscriber {
  request: http.ClientRequest;
  received: number;
}

/** Opens one event stream; calls `onEvent(slug, at)` for each article it announces. */
function subscribe(agent: http.Agent, onEvent: (slug: string, at: number) => void): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: LATEST, variables: {} });
    const subscriber: Subscriber = { request: null as unknown as http.ClientRequest, received: 0 };
    const request = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`stream refused: ${response.statusCode}`));
        response.setEncoding('utf8');
        let buffer = '';
        let started = false;
        response.on('data', (chunk: string) => {
          buffer += chunk;
          if (!started) {
            started = true;
            resolve(subscriber);
          }
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (!data || !block.includes('event: next')) continue;
            const at = performance.now();
            const slug = JSON.parse(data).data?.latestArticles?.article?.slug as string | undefined;
            if (slug) {
              subscriber.received += 1;
              onEvent(slug, at);
            }
          }
        });
      },
    );
    subscriber.request = request;
    request.on('error', reject);
    request.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const started = Date.now();
  const scratch = await openScratchDatabase('kabar_bench_sse', { poolSize: 2 });
  let child: ChildProcess | null = null;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const subscribers: Subscriber[] = [];
  try {
    await seedDemoPublication(scratch.db, { articles: 200 });
    // The articles to publish during the run: taken down now, published again one a second later.
    const rows = await scratch.db
      .selectFrom('articles')
      .select(['id', 'slug'])
      .where('status', '=', 'published')
      .orderBy('id')
      .limit(EVENTS)
      .execute();
    await sql`update articles set status = 'archived' where id = any(${rows.map((r) => r.id)}::int[])`.execute(scratch.db);
    const base = `http://127.0.0.1:${PORT}`;
    // BENCH_SSE_CPU_PROFILE=<folder>: a V8 CPU profile of the server, written when it stops.
    const profile = process.env.BENCH_SSE_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_SSE_CPU_PROFILE)}`] : [];
    child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, 'src', 'server.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: scratch.connectionString,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        RESPONSE_CACHE: 'false',
        SEED_DEMO: 'false',
        PUBLIC_BASE_URL: base,
        RATE_LIMIT_POINTS: '0',
        SSE_MAX_STREAMS_PER_CLIENT: String(SUBSCRIBERS + 10),
        SSE_MAX_STREAMS: String(SUBSCRIBERS + 10),
        RELATED_REFRESH_INTERVAL_MS: '86400000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForReadyz(base, child, 120_000);
    const pid = child.pid!;
    const commits = new Map<string, number>();
    const latencies: number[] = [];
    const onEvent = (slug: string, at: number) => {
      const committed = commits.get(slug);
      if (committed !== undefined) latencies.push(at - committed);
    };
    // Warm up: a few streams and one event, so the first real event pays no compilation.
    for (let i = 0; i < 10; i += 1) subscribers.push(await subscribe(agent, onEvent));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rssBefore = rssKb(pid);
    const opening = Date.now();
    for (let i = subscribers.length; i < SUBSCRIBERS; i += 50) {
      const batch = Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, () => subscribe(agent, onEvent));
      subscribers.push(...(await Promise.all(batch)));
    }
    const openedMs = Date.now() - opening;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const rssAfter = rssKb(pid);
    console.log(
      `${subscribers.length} streams open in ${openedMs} ms; server RSS ${Math.round(rssBefore / 1024)} → ${Math.round(rssAfter / 1024)} MB`,
    );

    // One publication a second; the commit time is taken when the statement (autocommit) returns.
    for (const row of rows) {
      const tick = performance.now();
      await sql`update articles set status = 'published' where id = ${row.id}`.execute(scratch.db);
      commits.set(row.slug, performance.now());
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_000 - (performance.now() - tick))));
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const rssEnd = rssKb(pid);
    latencies.sort((a, b) => a - b);
    const expected = subscribers.length * rows.length;
    const result = {
      date: new Date().toISOString(),
      subscribers: subscribers.length,
      events: rows.length,
      openMs: openedMs,
      rssBeforeMb: +(rssBefore / 1024).toFixed(1),
      rssAfterMb: +(rssAfter / 1024).toFixed(1),
      rssEndMb: +(rssEnd / 1024).toFixed(1),
      rssPerSubscriberKb: +((rssAfter - rssBefore) / (subscribers.length - 10)).toFixed(1),
      deliveries: latencies.length,
      missing: expected - latencies.length,
      p50Ms: +percentile(latencies, 50).toFixed(1),
      p99Ms: +percentile(latencies, 99).toFixed(1),
      maxMs: +(latencies.at(-1) ?? NaN).toFixed(1),
      seconds: Math.round((Date.now() - started) / 1000),
      // The machine's load while measuring (other work on the same cores lengthens the tail).
      loadAverage: os.loadavg().map((n) => +n.toFixed(2)),
    };
    console.log(
      `memory: ${result.rssPerSubscriberKb} KB RSS per subscriber; delivery (commit → received, ${result.deliveries} of ${expected}): ` +
        `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms; total ${result.seconds} s; load ${result.loadAverage.join(' ')}`,
    );
    const out = path.join(ROOT, 'bench', 'results', `sse-${result.date.slice(0, 19).replace(/:/g, '-')}.json`);
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${path.relative(ROOT, out)}`);
  } finally {
    for (const s of subscribers) s.request.destroy();
    agent.destroy();
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
