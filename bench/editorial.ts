import { openScratchDatabase } from './scratch-db';
import { seedDemoPublication } from '../src/seed';
import { loadConfig, type Config } from '../src/config';
import { createApp, type KabarApp } from '../src/http/app';
import { ContentGeneration, watchContentChanges } from '../src/cache/generation';
import { ViewBuffer } from '../src/trending/view-buffer';
import { ViewRecorder } from '../src/trending/views';
import { TrendingStore } from '../src/trending/trending';
import { createStaff } from '../src/editorial/staff';
import { editorialDb } from '../src/editorial/tables';
import { startScheduledPublishing } from '../src/editorial/scheduler';
import type { Db } from '../src/db/database';

// `npx tsx bench/editorial.ts`: the writing side's numbers (docs/editorial.md).
//  1. publish latency: publishArticle committed on instance A → visible in `latest` through
//     instance B's response cache (B hears of the commit by NOTIFY), p50/p99 over 100 publishes;
//  2. scheduled publication lag: due time → visible through B, with the scheduler at its default
//     interval (SCHEDULER_INTERVAL_MS, 5 s);
//  3. save throughput: 20 editors saving their own drafts at once for 10 s.
// Both instances run in this process and are called through app.fetch: no port is opened.
// A scratch database on DATABASE_URL's server (or an embedded PostgreSQL) is created and dropped.

const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 100);
const SCHEDULED = Number(process.env.BENCH_SCHEDULED ?? 10);
const EDITORS = Number(process.env.BENCH_EDITORS ?? 20);
const SAVE_SECONDS = Number(process.env.BENCH_SAVE_SECONDS ?? 10);

interface Instance {
  app: KabarApp;
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<any>;
}

function instance(db: Db, config: Config, generation: ContentGeneration): Instance {
  const views = new ViewRecorder(db, new ViewBuffer(db, { flushIntervalMs: 60_000 }));
  const trending = new TrendingStore(db, { refreshIntervalMs: 3_600_000 });
  const app = createApp({ db, config, views, trending, generation });
  return {
    app,
    async gql(query, variables = {}, token) {
      const response = await app.fetch(
        new Request('http://bench.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        }),
      );
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CREATE = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { id slug version } } }';
const PUBLISH = 'mutation($id: ID!, $v: Int!, $at: DateTime) { publishArticle(id: $id, expectedVersion: $v, at: $at) { article { version } } }';
const UPDATE =
  'mutation($id: ID!, $v: Int!, $input: UpdateArticleInput!) { updateArticle(id: $id, expectedVersion: $v, input: $input) { article { version } } }';
const LATEST = '{ latest(first: 5) { slug } }';

async function waitVisible(reader: Instance, slug: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const latest = (await reader.gql(LATEST)).latest as { slug: string }[];
    if (latest.some((a) => a.slug === slug)) return Date.now();
    if (Date.now() - started > timeoutMs) throw new Error(`${slug} not visible after ${timeoutMs} ms`);
    await sleep(2);
  }
}

async function main(): Promise<void> {
  const scratch = await openScratchDatabase('kabar_bench_editorial', { poolSize: 30 });
  const stops: (() => Promise<void>)[] = [];
  try {
    await seedDemoPublication(scratch.db, { articles: 200 });
    const config = { ...loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://bench.test' }), databaseUrl: scratch.connectionString };
    const genA = new ContentGeneration();
    const genB = new ContentGeneration();
    for (const gen of [genA, genB]) {
      const watcher = watchContentChanges(scratch.connectionString, gen, { log: () => undefined });
      await watcher.ready;
      stops.push(() => watcher.close());
    }
    const writer = instance(scratch.db, config, genA);
    const reader = instance(scratch.db, config, genB);
    const tokens: string[] = [];
    for (let i = 0; i < EDITORS; i += 1) {
      const email = `editor${i}@bench.test`;
      const { password } = await createStaff(editorialDb(scratch.db), { email, name: `Editor ${i}`, role: 'editor' }, null);
      tokens.push(
        (await writer.gql('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', { e: email, p: password })).signIn
          .token,
      );
    }
    const draft = async (token: string, title: string) =>
      (await writer.gql(CREATE, { input: { title, section: 'nasional', bodyHtml: '<p>Isi berita.</p><p>Paragraf kedua.</p>' } }, token)).createArticle
        .article;

    // 1. Publish latency through the other instance's response cache.
    const lags: number[] = [];
    for (let i = 0; i < PUBLISHES; i += 1) {
      const article = await draft(tokens[0]!, `Berita bench ${i}`);
      await reader.gql(LATEST);
      await reader.gql(LATEST); // cached now
      await writer.gql(PUBLISH, { id: article.id, v: article.version }, tokens[0]);
      const committed = Date.now();
      lags.push((await waitVisible(reader, article.slug, 10_000)) - committed);
    }
    console.log(
      `publish → visible via instance B's response cache (${PUBLISHES} publishes): p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${Math.max(...lags)} ms`,
    );

    // 2. Scheduled publication lag, scheduler at config.editorial.schedulerIntervalMs.
    const scheduler = startScheduledPublishing(scratch.db, config.editorial.schedulerIntervalMs, () => undefined);
    stops.push(() => scheduler.stop());
    const scheduledLags = await Promise.all(
      Array.from({ length: SCHEDULED }, async (_, i) => {
        const article = await draft(tokens[1]!, `Terjadwal bench ${i}`);
        const due = new Date(Date.now() + 2000 + Math.random() * 8000);
        await writer.gql(PUBLISH, { id: article.id, v: article.version, at: due.toISOString() }, tokens[1]);
        await sleep(due.getTime() - Date.now());
        return (await waitVisible(reader, article.slug, 70_000)) - due.getTime();
      }),
    );
    console.log(
      `scheduled due → visible via instance B (${SCHEDULED} articles, scheduler every ${config.editorial.schedulerIntervalMs} ms): p50 ${percentile(scheduledLags, 50)} ms, max ${Math.max(...scheduledLags)} ms`,
    );

    // 3. Save throughput: every editor saves their own draft as fast as answers come back.
    const drafts = await Promise.all(tokens.map((token, i) => draft(token, `Draf editor ${i}`)));
    const latencies: number[] = [];
    const until = Date.now() + SAVE_SECONDS * 1000;
    await Promise.all(
      tokens.map(async (token, i) => {
        let version = drafts[i].version as number;
        for (let n = 0; Date.now() < until; n += 1) {
          const started = Date.now();
          version = (await writer.gql(UPDATE, { id: drafts[i].id, v: version, input: { bodyHtml: `<p>Isi ${n}.</p><p>Paragraf kedua.</p>` } }, token))
            .updateArticle.article.version;
          latencies.push(Date.now() - started);
        }
      }),
    );
    console.log(
      `saves with ${EDITORS} concurrent editors over ${SAVE_SECONDS} s: ${latencies.length} saves, ${(latencies.length / SAVE_SECONDS).toFixed(0)} saves/s, p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
    );
  } finally {
    for (const stop of stops.reverse()) await stop();
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
