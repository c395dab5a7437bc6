import net from 'node:net';
import { sql } from 'kysely';
import { createDatabase, type Db } from '../src/db/database';
import { createApp, type KabarApp } from '../src/http/app';
import { ContentGeneration, watchContentChanges, type ContentChangeWatcher } from '../src/cache/generation';
import { ViewBuffer } from '../src/trending/view-buffer';
import { ViewRecorder } from '../src/trending/views';
import { TrendingStore } from '../src/trending/trending';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { testConfig } from './helpers/client';
import { readOperation } from './helpers/operations';

// PostgreSQL goes away (restart, failover, outage) while readers keep coming (issue 15). Kabar
// reaches this test's database through a TCP proxy the test owns, so "the database is down" is
// real for Kabar (connections refused and cut) without touching the server other tests share.

class Outage {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Every connection is cut and new ones are refused, as when PostgreSQL stops. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

let database: TestDatabase;
let outage: Outage;
let db: Db;
let app: KabarApp;
let views: ViewRecorder;
let buffer: ViewBuffer;
let watcher: ContentChangeWatcher;
const logged: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const url = new URL(database.connectionString);
  outage = new Outage({ host: url.hostname, port: Number(url.port || 5432) });
  await outage.up();
  url.hostname = '127.0.0.1';
  url.port = String(outage.port);
  const proxied = url.toString();
  const log = (message: string) => logged.push(message);
  db = createDatabase({ connectionString: proxied, poolSize: 4, connectTimeoutMs: 1_000, log });
  const generation = new ContentGeneration();
  watcher = watchContentChanges(proxied, generation, { log, retryDelayMs: 200 });
  await watcher.ready;
  const config = testConfig({ responseCache: true });
  buffer = new ViewBuffer(db, { flushIntervalMs: 60_000 });
  views = new ViewRecorder(db, buffer, { parkedRetryMs: 200 });
  app = createApp({ db, config, views, trending: new TrendingStore(db, { refreshIntervalMs: 60_000 }), generation });
});
afterAll(async () => {
  await watcher.close();
  await buffer.stop().catch(() => undefined);
  await db.destroy();
  await outage.down();
  await database.drop();
});

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

async function get(url: string): Promise<{ status: number; text: string; retryAfter: string | null }> {
  const res = await app.fetch(new Request(`http://kabar.test${url}`, { headers: { accept: 'application/graphql-response+json' } }));
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
}

async function storedViews(articleId: number): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select coalesce(sum(views), 0)::int as n from article_views_hourly where article_id = ${articleId}`.execute(database.db);
  return rows[0]!.n;
}

it('serves cached answers, refuses the rest with 503, keeps view beacons, and recovers at once', async () => {
  const { rows } = await sql<{ id: number; slug: string }>`
    select id, slug from articles where status = 'published' and published_at < now() order by published_at desc limit 2`.execute(database.db);
  const [cached, unseen] = rows as [{ id: number; slug: string }, { id: number; slug: string }];
  const articlePage = (slug: string) =>
    `/graphql?query=${encodeURIComponent(readOperation('ArticlePage'))}&variables=${encodeURIComponent(JSON.stringify({ slug }))}`;
  const warm = await get(articlePage(cached.slug));
  expect(warm.status).toBe(200);
  const viewsBefore = await storedViews(unseen.id);

  await outage.down();
  // Give every connection, the content-change listener's too, time to notice.
  const noticed = Date.now();
  while (!logged.some((line) => /listener lost its connection/.test(line)) && Date.now() - noticed < 5_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(logged.join('\n')).toMatch(/change feed lost its connection/);
  // Already cached: still answered, byte for byte (stale-if-error for the length of its TTL).
  for (let i = 0; i < 20; i += 1) {
    const answer = await get(articlePage(cached.slug));
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(warm.text);
  }
  // Not cached: a clear 503 with Retry-After, never "200 with article: null".
  const started = Date.now();
  const refused = await get(articlePage(unseen.slug));
  expect(refused.status).toBe(503);
  expect(refused.retryAfter).toBe('5');
  expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  // Fails fast: within the connect timeout (1 s here), with slack for a busy machine.
  expect(Date.now() - started).toBeLessThan(5_000);
  // Beacons for an article that is not in the slug cache are kept, not lost.
  for (let i = 0; i < 50; i += 1) {
    const beacon = await app.fetch(
      new Request('http://kabar.test/views', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': BROWSER },
        body: JSON.stringify({ slug: unseen.slug }),
      }),
    );
    expect(beacon.status).toBe(202);
  }
  expect(views.parkedViews).toBe(50);

  await outage.up();
  const back = Date.now();
  let recovered = false;
  while (!recovered && Date.now() - back < 10_000) {
    recovered = (await get(articlePage(unseen.slug))).status === 200;
    if (!recovered) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(recovered).toBe(true);
  expect(Date.now() - back).toBeLessThan(5_000);
  while (views.parkedViews > 0 && Date.now() - back < 10_000) await new Promise((resolve) => setTimeout(resolve, 100));
  await buffer.flush();
  expect(await storedViews(unseen.id)).toBe(viewsBefore + 50);
  // One line for the outage, not one per request or connection.
  expect(logged.filter((line) => line.startsWith('[db] connection lost')).length).toBeLessThanOrEqual(1);
}, 60_000);

it('under load: only 503s while the database is away, recovery within 5 s, every accepted view counted', async () => {
  const { rows } = await sql<{ id: number; slug: string }>`
    select id, slug from articles where status = 'published' and published_at < now() order by published_at desc limit 12`.execute(database.db);
  const articlePage = (slug: string) =>
    `/graphql?query=${encodeURIComponent(readOperation('ArticlePage'))}&variables=${encodeURIComponent(JSON.stringify({ slug }))}`;
  const ids = rows.map((row) => row.id);
  const viewsOf = async () => {
    const { rows: sums } = await sql<{ n: number }>`
      select coalesce(sum(views), 0)::int as n from article_views_hourly where article_id = any(${ids})`.execute(database.db);
    return sums[0]!.n;
  };
  await buffer.flush();
  const viewsBefore = await viewsOf();
  // Half of the pages are in the cache before the outage, half are not.
  for (const row of rows.slice(0, 6)) expect((await get(articlePage(row.slug))).status).toBe(200);

  let phase: 'up' | 'down' | 'back' = 'up';
  let backAt = 0;
  const outcomes: { phase: string; status: number; at: number; notFound: boolean }[] = [];
  let accepted = 0;
  let beaconClient = 0;
  let running = true;
  const reader = async (offset: number) => {
    for (let i = offset; running; i += 1) {
      const row = rows[i % rows.length]!;
      const answer = await get(articlePage(row.slug));
      const notFound = answer.status === 200 && JSON.parse(answer.text).data?.article === null;
      outcomes.push({ phase, status: answer.status, at: Date.now(), notFound });
      // Cached answers need no I/O: without a turn of the event loop the timers below never run.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // Answers that are never in the cache: each search is new, so each needs the database.
  const missReader = async () => {
    for (let i = 0; running; i += 1) {
      const query = `{ search(query: "banjir rob ${i}", first: 3) { edges { node { article { slug } } } } }`;
      const answer = await get(`/graphql?query=${encodeURIComponent(query)}`);
      outcomes.push({ phase, status: answer.status, at: Date.now(), notFound: false });
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const beaconer = async () => {
    while (running) {
      beaconClient += 1;
      const row = rows[beaconClient % rows.length]!;
      const address = `10.7.${Math.floor(beaconClient / 250)}.${beaconClient % 250}`;
      const beacon = await app.fetch(
        new Request('http://kabar.test/views', {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'user-agent': BROWSER },
          body: JSON.stringify({ slug: row.slug }),
        }),
        { req: { socket: { remoteAddress: address } } },
      );
      if (beacon.status === 202 || beacon.status === 204) accepted += 1;
      else outcomes.push({ phase: 'beacon', status: beacon.status, at: Date.now(), notFound: false });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const load = [reader(0), reader(3), reader(7), missReader(), beaconer(), beaconer()];
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  phase = 'down';
  await outage.down();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await outage.up();
  phase = 'back';
  backAt = Date.now();
  // Recovered once an answer that needs the database (not in the cache) comes back whole.
  let recoveredAt = 0;
  while (!recoveredAt && Date.now() - backAt < 10_000) {
    if ((await get(articlePage(rows[11]!.slug))).status === 200) recoveredAt = Date.now();
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  running = false;
  await Promise.all(load);

  const count = (predicate: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(predicate).length;
  console.log(
    `database outage under load: ${outcomes.length} reads and ${accepted} beacons; ` +
      `503 while down ${count((o) => o.phase === 'down' && o.status === 503)}, 200 while down ${count((o) => o.phase === 'down' && o.status === 200)}, ` +
      `recovered ${recoveredAt - backAt} ms after the database was back`,
  );
  expect(recoveredAt).toBeGreaterThan(0);
  expect(recoveredAt - backAt).toBeLessThan(5_000);
  // Never a "not found" for an article that exists, never an error other than 503.
  expect(count((o) => o.notFound)).toBe(0);
  expect(count((o) => o.status !== 200 && o.status !== 503)).toBe(0);
  // Cached pages were served while the database was away; the rest was refused with 503.
  expect(count((o) => o.phase === 'down' && o.status === 200)).toBeGreaterThan(0);
  expect(count((o) => o.phase === 'down' && o.status === 503)).toBeGreaterThan(0);
  // Before the outage and once recovered, everything succeeded.
  expect(count((o) => o.phase === 'up' && o.status !== 200)).toBe(0);
  expect(count((o) => o.phase === 'back' && o.at > recoveredAt + 500 && o.status !== 200)).toBe(0);
  // Every beacon was accepted, and every accepted view is counted, outage or not.
  expect(count((o) => o.phase === 'beacon')).toBe(0);
  const settle = Date.now();
  while (views.parkedViews > 0 && Date.now() - settle < 10_000) await new Promise((resolve) => setTimeout(resolve, 100));
  await buffer.flush();
  expect(await viewsOf()).toBe(viewsBefore + accepted);
}, 60_000);

it('answers that expired before the outage are served from the copy kept for outages (STALE), by GET and POST', async () => {
  // Fresh for 1 s and no stale period: by the time the database goes, both answers have expired.
  const config = testConfig({ responseCache: true, cacheTtlSeconds: 1, cacheListTtlSeconds: 1, cacheStaleSeconds: 0 });
  const short = createApp({ db, config, views, trending: new TrendingStore(db, { refreshIntervalMs: 60_000 }), generation: new ContentGeneration() });
  const { rows } = await sql<{ slug: string }>`
    select slug from articles where status = 'published' and published_at < now() order by published_at desc offset 20 limit 3`.execute(database.db);
  const [byGet, byPost, never] = rows as [{ slug: string }, { slug: string }, { slug: string }];
  const getPage = async (slug: string) => {
    const path = `/graphql?query=${encodeURIComponent(readOperation('ArticlePage'))}&variables=${encodeURIComponent(JSON.stringify({ slug }))}`;
    const res = await short.fetch(new Request(`http://kabar.test${path}`, { headers: { accept: 'application/graphql-response+json' } }));
    return { status: res.status, cache: res.headers.get('x-kabar-cache'), text: await res.text() };
  };
  const postPage = async (slug: string) => {
    const res = await short.fetch(
      new Request('http://kabar.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: readOperation('ArticlePage'), variables: { slug } }),
      }),
    );
    return { status: res.status, cache: res.headers.get('x-kabar-cache'), text: await res.text() };
  };
  const warmGet = await getPage(byGet.slug);
  const warmPost = await postPage(byPost.slug);
  expect([warmGet.status, warmPost.status]).toEqual([200, 200]);
  await new Promise((resolve) => setTimeout(resolve, 1_200));

  await outage.down();
  try {
    const servedGet = await getPage(byGet.slug);
    expect(servedGet).toMatchObject({ status: 200, cache: 'STALE' });
    expect(servedGet.text).toBe(warmGet.text);
    const servedPost = await postPage(byPost.slug);
    expect(servedPost).toMatchObject({ status: 200, cache: 'STALE' });
    expect(JSON.parse(servedPost.text).data).toEqual(JSON.parse(warmPost.text).data);
    // Nothing kept: still a clear 503.
    expect((await getPage(never.slug)).status).toBe(503);
  } finally {
    await outage.up();
  }
  // Back: the next request computes a fresh answer (the kept copy had not started a new life).
  let fresh = await getPage(byGet.slug);
  const back = Date.now();
  while (fresh.cache !== 'MISS' && Date.now() - back < 5_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    fresh = await getPage(byGet.slug);
  }
  expect(fresh).toMatchObject({ status: 200, cache: 'MISS' });
}, 30_000);
