import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, testConfig } from './helpers/client';
import { createApp } from '../src/http/app';
import { ViewBuffer } from '../src/trending/view-buffer';
import { ViewRecorder } from '../src/trending/views';
import { SharedViewGate, ViewGate } from '../src/trending/view-gate';
import { connectRedis, redisReady } from '../src/cache/redis';
import { randomBytes } from 'node:crypto';
import { TrendingStore } from '../src/trending/trending';
import { clientAddress, IN_PROCESS_CLIENT, parseTrustedProxies, NO_TRUSTED_PROXIES } from '../src/http/client-address';
import type { Config } from '../src/config';

// Terpopuler must not be for sale (issue 15): one client, however many beacons it sends and
// whatever X-Forwarded-For it makes up, counts as one reader; distinct readers behind a trusted
// proxy are all counted; pages of other sites count nothing.

const BROWSER = 'Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const WINDOW_MS = 30 * 60_000;

describe('ViewGate', () => {
  it('counts a client once per article and window, and at most N articles per client', () => {
    let now = 1_000_000;
    const gate = new ViewGate({ windowMs: WINDOW_MS, maxArticlesPerClient: 3, now: () => now });
    expect(gate.admit('a', 1)).toBe('counted');
    expect(gate.admit('a', 1)).toBe('repeat');
    expect(gate.admit('b', 1)).toBe('counted');
    expect(gate.admit('a', 2)).toBe('counted');
    expect(gate.admit('a', 3)).toBe('counted');
    expect(gate.admit('a', 4)).toBe('client-limit');
    now += WINDOW_MS;
    expect(gate.admit('a', 1)).toBe('counted');
    expect(gate.admit('a', 4)).toBe('counted');
  });

  it('forgets expired entries and stays within its memory bound', () => {
    let now = 0;
    const gate = new ViewGate({ windowMs: WINDOW_MS, maxArticlesPerClient: 1_000, maxEntries: 100, now: () => now });
    for (let i = 0; i < 1_000; i += 1) gate.admit(`client-${i}`, i);
    expect(gate.size).toBeLessThanOrEqual(101);
    now += WINDOW_MS;
    gate.admit('late', 1);
    expect(gate.size).toBe(1);
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('SharedViewGate (REDIS_URL)', () => {
  const options = { windowMs: WINDOW_MS, maxArticlesPerClient: 3 };

  it('counts a client once per article and window across processes, and caps its articles fleet-wide', async () => {
    const prefix = `kabar-test-${randomBytes(4).toString('hex')}:`;
    const log = () => undefined;
    const [redisA, redisB] = await Promise.all([connectRedis(redisUrl!, log, prefix), connectRedis(redisUrl!, log, prefix)]);
    await Promise.all([redisReady(redisA), redisReady(redisB)]);
    try {
      // Two processes, each with its own memory fallback.
      const a = new SharedViewGate(redisA, options, new ViewGate(options));
      const b = new SharedViewGate(redisB, options, new ViewGate(options));
      expect(await a.admit('198.51.100.9', 1)).toBe('counted');
      expect(await b.admit('198.51.100.9', 1)).toBe('repeat');
      expect(await b.admit('198.51.100.10', 1)).toBe('counted');
      expect(await b.admit('198.51.100.9', 2)).toBe('counted');
      expect(await a.admit('198.51.100.9', 3)).toBe('counted');
      expect(await b.admit('198.51.100.9', 4)).toBe('client-limit');
      // Simultaneous beacons through both processes: exactly one counts.
      const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).admit('198.51.100.11', 7)));
      expect(decisions.filter((decision) => decision === 'counted')).toHaveLength(1);
    } finally {
      const keys = await redisA.keys('*');
      if (keys.length > 0) await redisA.del(...keys.map((key) => key.slice(prefix.length)));
      await Promise.all([redisA.quit(), redisB.quit()]);
    }
  });

  it("falls back to the process's own gate while Redis cannot be reached", async () => {
    const away = await connectRedis('redis://127.0.0.1:1', () => undefined, 'kabar-test-away:');
    try {
      const gate = new SharedViewGate(away, options, new ViewGate(options));
      expect(await gate.admit('198.51.100.12', 1)).toBe('counted');
      expect(await gate.admit('198.51.100.12', 1)).toBe('repeat');
    } finally {
      away.disconnect();
    }
  });
});

describe('clientAddress', () => {
  const request = (xff?: string) => new Request('http://kabar.test/views', { headers: xff ? { 'x-forwarded-for': xff } : {} });
  const peer = (remoteAddress: string) => ({ req: { socket: { remoteAddress } } });

  it('is the peer, and X-Forwarded-For is ignored unless the peer is a trusted proxy', () => {
    expect(clientAddress(request('1.2.3.4'), peer('198.51.100.7'), NO_TRUSTED_PROXIES)).toBe('198.51.100.7');
    expect(clientAddress(request(), undefined, NO_TRUSTED_PROXIES)).toBe(IN_PROCESS_CLIENT);
    const trusted = parseTrustedProxies('10.0.0.0/8, 2001:db8::/32');
    expect(clientAddress(request('203.0.113.9'), peer('::ffff:10.1.2.3'), trusted)).toBe('203.0.113.9');
    // The nearest untrusted hop: what the client wrote further left is not believed.
    expect(clientAddress(request('6.6.6.6, 203.0.113.9, 10.0.0.2'), peer('10.1.2.3'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(request('garbage'), peer('10.1.2.3'), trusted)).toBe('10.1.2.3');
    expect(clientAddress(request('198.51.100.1'), peer('2001:db8::1'), trusted)).toBe('198.51.100.1');
  });

  it('refuses a TRUST_PROXY entry that is not an address or range', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/not an IP address or CIDR range/);
    expect(() => parseTrustedProxies('proxy.internal')).toThrow(/not an IP address or CIDR range/);
  });
});

describe('beacons from one client', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 8 });
  });
  afterAll(() => database.drop());

  async function storedViews(articleId: number): Promise<number> {
    const { rows } = await sql<{
      n: number;
    }>`select coalesce(sum(views), 0)::int as n from article_views_hourly where article_id = ${articleId}`.execute(database.db);
    return rows[0]!.n;
  }

  /** The app with the production view gate, on a real socket (so the peer address is known). */
  async function serve(overrides: Partial<Config> = {}) {
    const config = testConfig(overrides);
    const buffer = new ViewBuffer(database.db, { flushIntervalMs: 60_000 });
    const gate = new ViewGate({ windowMs: config.viewWindowMinutes * 60_000, maxArticlesPerClient: config.viewMaxArticlesPerClient });
    const views = new ViewRecorder(database.db, buffer, { gate });
    const trending = new TrendingStore(database.db, { refreshIntervalMs: 60_000 });
    const server = http.createServer(createApp({ db: database.db, config, views, trending }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Plain node:http with keep-alive: thousands of beacons in a few seconds on a busy machine.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const send = (slug: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/views',
            method: 'POST',
            agent,
            headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER, ...headers },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ slug }));
      });
    const close = () => {
      agent.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return { send, buffer, trending, close };
  }

  // Ranked at one fixed moment: a run that crosses the top of an hour would otherwise see other
  // articles' views leave the window and the rank move without a single view being counted.
  async function hourRank(trending: TrendingStore, articleId: number, at: Date): Promise<number | null> {
    await trending.refresh(at);
    const list = await trending.get('HOUR', null);
    return list.entries.find((entry) => entry.articleId === articleId)?.rank ?? null;
  }

  it('3,000 beacons from one client, 30 made-up X-Forwarded-For values among them, count once and leave Terpopuler as it was', async () => {
    const { rows } = await sql<{ id: number; slug: string }>`
      select id, slug from articles where status = 'published' and published_at < now() - interval '2 days'
      order by published_at desc limit 1`.execute(database.db);
    const article = rows[0]!;
    const app = await serve();
    try {
      expect(await app.send(article.slug)).toBe(204);
      await app.buffer.flush();
      const viewsAfterOne = await storedViews(article.id);
      const rankedAt = new Date();
      const rankAfterOne = await hourRank(app.trending, article.id, rankedAt);
      const statuses = new Map<number, number>();
      for (let batch = 0; batch < 30; batch += 1) {
        const sent = await Promise.all(
          Array.from({ length: 100 }, (_, i) => app.send(article.slug, i % 2 === 0 ? { 'x-forwarded-for': `203.0.113.${batch + 1}` } : {})),
        );
        for (const status of sent) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      // Answered like any beacon (a flooder learns nothing), counted never.
      expect(Object.fromEntries(statuses)).toEqual({ 204: 3_000 });
      await app.buffer.flush();
      expect(await storedViews(article.id)).toBe(viewsAfterOne);
      expect(await hourRank(app.trending, article.id, rankedAt)).toBe(rankAfterOne);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('behind a trusted proxy, distinct readers are each counted, exactly', async () => {
    const { rows } = await sql<{ id: number; slug: string }>`
      select id, slug from articles where status = 'published' and published_at < now() order by published_at desc offset 3 limit 1`.execute(
      database.db,
    );
    const article = rows[0]!;
    const app = await serve({ trustProxy: '127.0.0.1/32' });
    try {
      const before = await storedViews(article.id);
      const readers = Array.from({ length: 200 }, (_, i) => `198.51.100.${i + 1}`);
      // Each reader twice: the repeat does not count.
      const sent = await Promise.all([...readers, ...readers].map((address) => app.send(article.slug, { 'x-forwarded-for': address })));
      expect(sent.every((status) => status === 204)).toBe(true);
      await app.buffer.flush();
      expect(await storedViews(article.id)).toBe(before + 200);
    } finally {
      await app.close();
    }
  });

  it("refuses beacons from other sites' pages (Origin, Sec-Fetch-Site)", async () => {
    const { rows } = await sql<{ slug: string }>`select slug from articles where status = 'published' and published_at < now() limit 1`.execute(
      database.db,
    );
    const app = await serve();
    try {
      expect(await app.send(rows[0]!.slug, { origin: 'https://pesaing.example' })).toBe(403);
      expect(await app.send(rows[0]!.slug, { 'sec-fetch-site': 'cross-site' })).toBe(403);
      expect(await app.send(rows[0]!.slug, { origin: 'https://kabar.test', 'sec-fetch-site': 'same-origin' })).toBe(204);
    } finally {
      await app.close();
    }
  });

  it('recordView counts once per client too', async () => {
    const buffer = new ViewBuffer(database.db, { flushIntervalMs: 60_000 });
    const views = new ViewRecorder(database.db, buffer, { gate: new ViewGate({ windowMs: WINDOW_MS, maxArticlesPerClient: 60 }) });
    const client = createTestClient(database.db, {}, { views });
    const { rows } = await sql<{ slug: string }>`select slug from articles where status = 'published' and published_at < now() limit 1`.execute(
      database.db,
    );
    const mutation = 'mutation($s: String!) { recordView(slug: $s) { counted } }';
    const first = await client.graphql(mutation, { s: rows[0]!.slug }, { 'user-agent': BROWSER });
    const second = await client.graphql(mutation, { s: rows[0]!.slug }, { 'user-agent': BROWSER });
    expect([first.data.recordView.counted, second.data.recordView.counted]).toEqual([true, false]);
  });
});
