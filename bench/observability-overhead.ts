import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

// CPU per request of the article page, in process (app.fetch, no sockets, no load generator), so
// that a busy shared machine moves the figure less than it moves requests/s. Used to compare a
// build without the observability of issue 14 against one with it:
//
//   npx tsc -p tsconfig.build.json                      # this checkout's dist/
//   DATABASE_URL=postgres://…/kabar_bench_4901 npx tsx bench/observability-overhead.ts --root . > /dev/null
//   DATABASE_URL=… npx tsx bench/observability-overhead.ts --root /tmp/kabar-before > /dev/null
//
// Log lines go to stdout (send it to /dev/null, as a log shipper would take them away); the result
// is one JSON line on stderr. `--tracing` also traces every request (spans dropped by a no-op
// exporter), in a build that has tracing. The database must hold published articles (a bench
// database: `npm run bench -- --quick --articles 4901 --servers kabar` prepares one).

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    tracing: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const root = path.resolve(values.root!);
  // The build under test is loaded from its own dist/, whichever checkout it is.
  const load = createRequire(__filename);
  const dist = (module: string) => load(path.join(root, 'dist', 'src', module)) as Record<string, any>;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL must name a prepared bench database');
  const { loadConfig } = dist('config.js');
  const { createDatabase } = dist('db/database.js');
  const { createApp } = dist('http/app.js');
  const { ViewBuffer } = dist('trending/view-buffer.js');
  const { ViewRecorder } = dist('trending/views.js');
  const { TrendingStore } = dist('trending/trending.js');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    RESPONSE_CACHE: 'false',
    RATE_LIMIT_POINTS: '0',
    DATABASE_URL: connectionString,
  });
  const db = createDatabase({ connectionString, poolSize: 10 });
  const views = new ViewRecorder(db, new ViewBuffer(db, { flushIntervalMs: 60_000 }));
  const trending = new TrendingStore(db, { refreshIntervalMs: 3_600_000 });
  await trending.refresh();
  let tracing = null;
  if (values.tracing) {
    const { createTracing } = dist('observability/tracing.js');
    const dropAll: SpanExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined };
    tracing = createTracing(config.tracing, new BatchSpanProcessor(dropAll));
  }
  const app = createApp({ db, config, views, trending, tracing });
  const query = fs.readFileSync(path.join(root, 'operations', 'ArticlePage.graphql'), 'utf8');
  const rows: { slug: string }[] = await db.selectFrom('articles').select('slug').where('status', '=', 'published').limit(200).execute();
  const slugs = rows.map((row) => row.slug);
  let next = 0;
  const one = async () => {
    const slug = slugs[next++ % slugs.length];
    const response = await app.fetch('http://kabar.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { slug } }),
    });
    const text = await response.text();
    if (response.status !== 200 || text.includes('"errors"')) throw new Error(`unexpected answer ${response.status}: ${text.slice(0, 200)}`);
  };
  const run = async (count: number) => {
    let left = count;
    await Promise.all(
      Array.from({ length: Number(values.concurrency) }, async () => {
        while (left-- > 0) await one();
      }),
    );
  };
  await run(300);
  const requests = Number(values.requests);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(requests);
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  process.stderr.write(
    `${JSON.stringify({
      root,
      tracing: values.tracing,
      logLevel: config.logLevel ?? '(none)',
      requests,
      cpuMicrosecondsPerRequest: Math.round((used.user + used.system) / requests),
      requestsPerSecond: Math.round((requests / elapsed) * 1000),
    })}\n`,
  );
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
