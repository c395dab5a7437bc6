import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openScratchDatabase } from './scratch-db';
import { recountThreads } from '../src/comments/repository';
import { commentsDb } from '../src/comments/tables';
import { waitForReadyz } from './lib/servers';

// `npm run bench:comments`: reader comments under load (issue 12), under 2 minutes.
//  1. ArticleComments (operations/comments/ArticleComments.graphql as written) against one article
//     with 5,000 published comments (4,000 top-level, 1,000 of them answered): the first page, and
//     pages 2 to 200 deep by cursor (cursors fetched beforehand, a different one per request);
//  2. the cost `commentCount` adds to HomePage (operations/HomePage.graphql): the operation as
//     written against the same with `commentCount` on every listed article (20 latest, 5 per
//     section), in alternating rounds, response cache off (a cached home page costs nothing either way);
//     then the pair one request at a time, interleaved, BENCH_SEQUENTIAL (400) times each: median latency.
// Kabar runs as a child process (tsx src/server.ts, NODE_ENV=production, RESPONSE_CACHE=false, no
// rate limit, 10 database connections) on a scratch database with the demo publication and its demo
// comments (created on DATABASE_URL's server, or an embedded PostgreSQL; dropped afterwards);
// autocannon runs here. Options (environment): BENCH_SECONDS (8), BENCH_WARMUP_SECONDS (2),
// BENCH_CONNECTIONS (16), BENCH_ROUNDS (3, of the HomePage pair), KABAR_BENCH_COMMENTS_PORT
// (4110). Prints one line per run and writes bench/results/comments-<date>.json.

const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const PORT = Number(process.env.KABAR_BENCH_COMMENTS_PORT ?? 4110);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 400);
const TOP_LEVEL = 4_000;
const REPLIES = 1_000;

const ARTICLE_COMMENTS = fs.readFileSync(path.join(ROOT, 'operations', 'comments', 'ArticleComments.graphql'), 'utf8');
const HOME_PAGE = fs.readFileSync(path.join(ROOT, 'operations', 'HomePage.graphql'), 'utf8');
// The same with commentCount on every listed article (20 latest, 5 per section).
const HOME_PAGE_COUNTS = HOME_PAGE.replace('latest(first: 20) { id slug', 'latest(first: 20) { id commentCount slug').replace(
  'latest(first: 5) { id slug',
  'latest(first: 5) { id commentCount slug',
);
if (HOME_PAGE_COUNTS === HOME_PAGE || HOME_PAGE_COUNTS.match(/commentCount/g)?.length !== 2)
  throw new Error('HomePage.graphql changed: update the commentCount variant');

interface Row {
  scenario: string;
  round: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
}

async function gql(base: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Fixed concurrency for a fixed time; a response counts when it is a 2xx and `check` accepts its body. */
async function load(base: string, scenario: string, round: number, bodies: () => string, check: (body: any) => boolean): Promise<Row> {
  let ok = 0;
  let bad = 0;
  const run = (duration: number, counting: boolean) =>
    autocannon({
      url: `${base}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          setupRequest: (request) => ({ ...request, body: bodies() }),
          onResponse: (status, body) => {
            if (!counting) return;
            let good = false;
            try {
              const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown };
              good = status === 200 && !parsed.errors && check(parsed.data);
            } catch {
              good = false;
            }
            if (good) ok += 1;
            else bad += 1;
          },
        },
      ],
    });
  if (WARMUP > 0) await run(WARMUP, false);
  const result = await run(SECONDS, true);
  const row = {
    scenario,
    round,
    rps: Math.round(ok / SECONDS),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    bad: bad + result.errors + result.timeouts,
  };
  console.log(`${scenario.padEnd(44)} round ${round}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, bad ${row.bad}`);
  return row;
}

async function main(): Promise<void> {
  const started = Date.now();
  const load1 = os.loadavg();
  const scratch = await openScratchDatabase('kabar_bench_comments', { poolSize: 2 });
  let child: ChildProcess | null = null;
  try {
    const base = `http://127.0.0.1:${PORT}`;
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'server.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: scratch.connectionString,
        PORT: String(PORT),
        NODE_ENV: 'production',
        RESPONSE_CACHE: 'false',
        DB_POOL_SIZE: '10',
        PUBLIC_BASE_URL: base,
        SEED_DEMO: 'true',
        // One client sends every request here: no cost-based rate limit (its own tests cover it).
        RATE_LIMIT_POINTS: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForReadyz(base, child);
    console.log(`Kabar with the demo publication ready in ${Math.round((Date.now() - started) / 1000)} s`);

    // The newest article gets 5,000 published comments, a minute apart, every fourth one answered.
    const { latest } = await gql(base, '{ latest(first: 1) { slug } }');
    const slug = latest[0].slug as string;
    const article = await scratch.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await sql`delete from comments where article_id = ${article.id}`.execute(scratch.db);
    await sql`insert into comments (article_id, author_name, author_email, body, body_hash, status, created_at)
      select ${article.id}, 'Pembaca ' || n, 'pembaca' || n || '@contoh.id',
        'Komentar nomor ' || n || ': semoga pemerintah daerah segera menindaklanjuti laporan warga ini. https://contoh.id/' || n,
        md5('k' || n), 'published', now() - interval '10 days' + n * interval '1 minute'
      from generate_series(1, ${TOP_LEVEL}) as n`.execute(scratch.db);
    await sql`insert into comments (article_id, parent_id, author_name, author_email, body, body_hash, status, created_at)
      select article_id, id, 'Penjawab', 'penjawab@contoh.id', 'Setuju, ' || author_name || '.', md5('r' || id), 'published', created_at + interval '30 seconds'
      from (select id, article_id, author_name, created_at, row_number() over (order by id) as n from comments where article_id = ${article.id}) as c
      where n % 4 = 0`.execute(scratch.db);
    await recountThreads(commentsDb(scratch.db), [article.id]);
    await sql`analyze comments`.execute(scratch.db);
    const first = await gql(base, ARTICLE_COMMENTS, { slug });
    if (first.article.commentCount !== TOP_LEVEL + REPLIES || first.article.comments.totalCount !== TOP_LEVEL) {
      throw new Error(
        `expected ${TOP_LEVEL + REPLIES} comments, ${TOP_LEVEL} top-level; got ${first.article.commentCount}, ${first.article.comments.totalCount}`,
      );
    }
    // Cursors of pages 2 to 200 (all 4,000 top-level comments are 200 pages of 20).
    const cursors: string[] = [];
    let after: string | null = first.article.comments.pageInfo.endCursor;
    while (after && cursors.length < TOP_LEVEL / 20 - 1) {
      cursors.push(after);
      after = (await gql(base, ARTICLE_COMMENTS, { slug, after })).article.comments.pageInfo.endCursor;
    }

    const fullPage = (data: any) => data?.article?.comments?.edges?.length === 20 && data.article.commentCount === TOP_LEVEL + REPLIES;
    const firstBody = JSON.stringify({ query: ARTICLE_COMMENTS, variables: { slug, after: null } });
    let next = 0;
    const rows: Row[] = [];
    rows.push(await load(base, 'ArticleComments, first page (5,000 comments)', 1, () => firstBody, fullPage));
    rows.push(
      await load(
        base,
        'ArticleComments, pages 2–200 by cursor',
        1,
        () => JSON.stringify({ query: ARTICLE_COMMENTS, variables: { slug, after: cursors[next++ % cursors.length] } }),
        fullPage,
      ),
    );

    const homeBody = JSON.stringify({ query: HOME_PAGE });
    const countsBody = JSON.stringify({ query: HOME_PAGE_COUNTS });
    const home = (data: any) => Array.isArray(data?.latest) && data.latest.length === 20;
    const withCounts = (data: any) => home(data) && data.latest.every((a: any) => typeof a.commentCount === 'number');
    for (let round = 1; round <= ROUNDS; round += 1) {
      rows.push(await load(base, 'HomePage as written', round, () => homeBody, home));
      rows.push(await load(base, 'HomePage + commentCount on every article', round, () => countsBody, withCounts));
    }

    // The same pair one request at a time, interleaved (A B B A …), so that load from elsewhere on
    // the machine falls on both alike: the median latency of each.
    const timed = async (body: string, check: (data: any) => boolean) => {
      const t0 = performance.now();
      const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const parsed = (await response.json()) as { data?: unknown; errors?: unknown };
      if (!response.ok || parsed.errors || !check(parsed.data)) throw new Error(`bad answer: ${JSON.stringify(parsed).slice(0, 300)}`);
      return performance.now() - t0;
    };
    const plainMs: number[] = [];
    const countsMs: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i += 1) {
      if (i % 2 === 0) {
        plainMs.push(await timed(homeBody, home));
        countsMs.push(await timed(countsBody, withCounts));
      } else {
        countsMs.push(await timed(countsBody, withCounts));
        plainMs.push(await timed(homeBody, home));
      }
    }
    const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! * 100) / 100;
    const sequential = { requestsEach: SEQUENTIAL, plainMedianMs: median(plainMs.slice(20)), withCountsMedianMs: median(countsMs.slice(20)) };
    console.log(
      `HomePage one at a time, interleaved: median ${sequential.plainMedianMs} ms as written, ${sequential.withCountsMedianMs} ms with commentCount`,
    );

    const mean = (scenario: string) => {
      const list = rows.filter((r) => r.scenario === scenario);
      return list.reduce((sum, r) => sum + r.rps, 0) / list.length;
    };
    const plain = mean('HomePage as written');
    const counted = mean('HomePage + commentCount on every article');
    const summary = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      loadAverageBefore: load1.map((n) => Math.round(n * 100) / 100),
      loadAverageAfter: os.loadavg().map((n) => Math.round(n * 100) / 100),
      connections: CONNECTIONS,
      seconds: SECONDS,
      comments: { article: slug, total: TOP_LEVEL + REPLIES, topLevel: TOP_LEVEL, replies: REPLIES },
      rows,
      sequential,
      homePageCommentCountCostPercent: Math.round(((plain - counted) / plain) * 1000) / 10,
    };
    console.log(
      `\nHomePage: ${Math.round(plain)} req/s as written, ${Math.round(counted)} with commentCount (${summary.homePageCommentCountCostPercent}% fewer)`,
    );
    console.log(`load average before ${summary.loadAverageBefore.join(' / ')}, after ${summary.loadAverageAfter.join(' / ')}`);
    const out = path.join(ROOT, 'bench', 'results', `comments-${summary.date.slice(0, 19).replace(/:/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`written to ${path.relative(ROOT, out)}; ${Math.round((Date.now() - started) / 1000)} s in all`);
    if (rows.some((r) => r.bad > 0)) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      // Requests autocannon abandoned at the end of the last run finish first.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
