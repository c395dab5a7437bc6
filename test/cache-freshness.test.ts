import { sql } from 'kysely';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createTestClient, type TestClient } from './helpers/client';
import { useTestDatabase } from './helpers/app';
import { insertArticle } from './helpers/fixtures';
import { ChangeFeed } from '../src/events/change-feed';
import { connectRedis, redisReady } from '../src/cache/redis';
import { cdnTagHeaders } from '../src/cache/tags';

// Cache freshness by what changed (issue 13): two app instances stand for two processes, each with
// its own change feed on the same database, as in a fleet.

const database = useTestDatabase({ poolSize: 8 });

const ARTICLE = `query Article($slug: String!) { article(slug: $slug) { id slug title section { name } } }`;
const HOME = `query Home { latest(first: 5) { id slug title } }`;

const feeds: ChangeFeed[] = [];
async function startFeed(): Promise<ChangeFeed> {
  const feed = new ChangeFeed(database.connectionString, { log: () => undefined }).start();
  feeds.push(feed);
  await feed.ready;
  return feed;
}
afterAll(async () => {
  await Promise.all(feeds.map((feed) => feed.close()));
});

const getUrl = (query: string, variables?: Record<string, unknown>) =>
  `/graphql?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;

async function get(client: TestClient, query: string, variables?: Record<string, unknown>) {
  const response = await client.request(getUrl(query, variables));
  return { status: response.status, cache: response.headers.get('x-kabar-cache'), headers: response.headers, body: (await response.json()) as any };
}

/** Waits until `check` holds (the other process hears of a commit by NOTIFY), at most `ms`. */
async function within<T>(ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('two processes with the response cache on', () => {
  let a: TestClient;
  let b: TestClient;
  beforeAll(async () => {
    a = createTestClient(database.db, { responseCache: true }, { changes: await startFeed() });
    b = createTestClient(database.db, { responseCache: true }, { changes: await startFeed() });
  });

  it('drops on every process exactly the answers that read an edited article, within a second', async () => {
    const edited = await insertArticle(database.db, { title: 'Sebelum disunting' });
    const other = await insertArticle(database.db, { title: 'Tidak disentuh' });
    for (const client of [a, b]) await client.app.caches.answers!.backend.clear();
    for (const client of [a, b]) {
      expect((await get(client, ARTICLE, { slug: edited.slug })).cache).toBe('MISS');
      expect((await get(client, ARTICLE, { slug: other.slug })).cache).toBe('MISS');
      expect((await get(client, ARTICLE, { slug: edited.slug })).cache).toBe('HIT');
    }
    // The edit, as any writer makes it (here: SQL, as in psql).
    await database.db.updateTable('articles').set({ title: 'Sesudah disunting' }).where('id', '=', edited.id).execute();
    const seen = await within(1_000, async () => {
      const answer = await get(b, ARTICLE, { slug: edited.slug });
      return answer.body.data.article.title === 'Sesudah disunting' ? answer : undefined;
    });
    expect(seen.cache).toBe('MISS');
    // The other process hears of the commit on its own feed: also within the second.
    await within(1_000, async () =>
      (await get(a, ARTICLE, { slug: edited.slug })).body.data.article.title === 'Sesudah disunting' ? true : undefined,
    );
    // Unrelated answers stay cached on both.
    for (const client of [a, b]) {
      const untouched = await get(client, ARTICLE, { slug: other.slug });
      expect(untouched.cache).toBe('HIT');
      expect(untouched.body.data.article.title).toBe('Tidak disentuh');
    }
  });

  it('takes a withdrawn article out of every cached list at once, and leaves lists alone for a new publication', async () => {
    const shown = await insertArticle(database.db, { title: 'Ada di Terbaru' });
    await b.app.caches.answers!.backend.clear();
    const before = await get(b, HOME);
    expect(before.body.data.latest.map((x: { slug: string }) => x.slug)).toContain(shown.slug);
    expect((await get(b, HOME)).cache).toBe('HIT');

    // A publication makes the list older, not wrong: it stays cached (fresh for the list TTL).
    await insertArticle(database.db, { title: 'Baru terbit' });
    await feeds[1]!.catchUp();
    expect((await get(b, HOME)).cache).toBe('HIT');

    // A take-down is immediate.
    await database.db.updateTable('articles').set({ status: 'archived' }).where('id', '=', shown.id).execute();
    const after = await within(1_000, async () => {
      const answer = await get(b, HOME);
      return answer.body.data.latest.some((x: { slug: string }) => x.slug === shown.slug) ? undefined : answer;
    });
    expect(after.cache).toBe('MISS');
  });

  it('computes concurrent misses of one answer once', async () => {
    // The earlier tests' changes reach this process first: a change applied while the answer is
    // computed rightly keeps it from being stored and shared (the epoch check), which is not what
    // this test is about. (It failed once in CI that way.)
    for (const feed of feeds) await feed.catchUp();
    await a.app.caches.answers!.backend.clear();
    const statements: string[] = [];
    database.resetStatements();
    const answers = await Promise.all(Array.from({ length: 8 }, () => a.graphql(HOME)));
    statements.push(...database.statements);
    expect(new Set(answers.map((x) => JSON.stringify(x.data))).size).toBe(1);
    // One execution's statements, not eight.
    database.resetStatements();
    await a.app.caches.answers!.backend.clear();
    await a.graphql(HOME);
    expect(statements.length).toBe(database.statements.length);
  });

  it('labels answers with their tags for the CDN, and with how Kabar served them', async () => {
    const article = await insertArticle(database.db, { title: 'Berlabel' });
    await b.app.caches.answers!.backend.clear();
    const first = await get(b, ARTICLE, { slug: article.slug });
    const keys = first.headers.get('surrogate-key')!.split(' ');
    expect(keys).toContain(`a${article.id}`);
    expect(keys.some((k) => /^s\d+$/.test(k))).toBe(true);
    expect(first.headers.get('cache-tag')).toBe(keys.join(','));
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
    expect(first.cache).toBe('MISS');
    expect((await get(b, ARTICLE, { slug: article.slug })).cache).toBe('HIT');
  });
});

describe('stale-while-revalidate', () => {
  it('serves the expired answer to all but one request, which computes the new one', async () => {
    const client = createTestClient(database.db, { responseCache: true, cacheTtlSeconds: 1, cacheListTtlSeconds: 1, cacheStaleSeconds: 60 });
    const article = await insertArticle(database.db, { title: 'Basi tapi cepat' });
    // POST: past the finished GET answers, straight to the response cache.
    const post = () =>
      client.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ARTICLE, variables: { slug: article.slug } }),
      });
    expect((await post()).headers.get('x-kabar-cache')).toBe('MISS');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const outcomes = (await Promise.all(Array.from({ length: 5 }, post))).map((r) => r.headers.get('x-kabar-cache')).sort();
    expect(outcomes).toEqual(['MISS', 'STALE', 'STALE', 'STALE', 'STALE']);
    expect((await post()).headers.get('x-kabar-cache')).toBe('HIT');
  });
});

describe('comment counts', () => {
  it('an answer showing commentCount is fresh for the list TTL, then refreshed; one without it keeps its content TTL', async () => {
    const client = createTestClient(database.db, { responseCache: true, cacheTtlSeconds: 300, cacheListTtlSeconds: 1, cacheStaleSeconds: 60 });
    const article = await insertArticle(database.db, { title: 'Ramai dikomentari' });
    const WITH_COUNT = 'query($slug: String!) { article(slug: $slug) { id title commentCount } }';
    const ask = async (query: string) => {
      const res = await client.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { slug: article.slug } }),
      });
      return { cache: res.headers.get('x-kabar-cache'), body: (await res.json()) as any };
    };
    expect((await ask(WITH_COUNT)).body.data.article.commentCount).toBe(0);
    expect((await ask(WITH_COUNT)).cache).toBe('HIT');
    expect((await ask(ARTICLE)).cache).toBe('MISS');
    // A comment is published: no content event drops either answer.
    await sql`insert into comments (article_id, author_name, author_email, body, body_hash, status)
      values (${article.id}, 'Pembaca', 'pembaca@example.com', 'Setuju.', 'h', 'published')`.execute(database.db);
    await sql`insert into comment_threads (article_id, published_count) values (${article.id}, 1)
      on conflict (article_id) do update set published_count = 1`.execute(database.db);
    // Within the list TTL, the cached count stands.
    expect((await ask(WITH_COUNT)).body.data.article.commentCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // After it, the next request recomputes (concurrent ones would get the stale copy meanwhile).
    const refreshed = await ask(WITH_COUNT);
    expect(refreshed.cache).toBe('MISS');
    expect(refreshed.body.data.article.commentCount).toBe(1);
    expect((await ask(WITH_COUNT)).cache).toBe('HIT');
    expect((await ask(ARTICLE)).cache).toBe('HIT');
  });
});

describe('CDN purge hook', () => {
  let server: http.Server;
  const received: { headers: http.IncomingHttpHeaders; body: any }[] = [];
  let url: string;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(body) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/service/kabar/purge`;
  });
  const purging: TestClient[] = [];
  afterAll(async () => {
    for (const client of purging) client.app.caches.detach();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('purges the tags of a take-down (Fastly shape, with a bearer token) and soft-purges feeds on a publication', async () => {
    purging.push(createTestClient(database.db, { responseCache: true, cdnPurgeUrl: url, cdnPurgeToken: 'rahasia' }, { changes: await startFeed() }));
    const article = await insertArticle(database.db, { title: 'Akan ditarik' });
    await database.db.updateTable('articles').set({ status: 'archived' }).where('id', '=', article.id).execute();
    const hard = await within(2_000, async () => received.find((r) => r.body.surrogate_keys?.includes(`a${article.id}`)));
    expect(hard.headers.authorization).toBe('Bearer rahasia');
    expect(hard.headers['fastly-soft-purge']).toBeUndefined();
    expect(hard.body.surrogate_keys).toEqual(expect.arrayContaining(['feeds', 'sitemaps']));
    // A publication only makes feeds older: a soft purge (served stale while refreshed).
    const before = received.length;
    await insertArticle(database.db, { title: 'Terbit, feed basi' });
    const soft = await within(2_000, async () => received.slice(before).find((r) => r.headers['fastly-soft-purge'] === '1'));
    expect(soft.body.surrogate_keys).toEqual(expect.arrayContaining(['feeds', 'sitemaps']));
  });

  it('sends Cloudflare tags when configured so', async () => {
    purging.push(
      createTestClient(database.db, { responseCache: true, cdnPurgeUrl: `${url}?cf`, cdnPurgeStyle: 'cloudflare' }, { changes: await startFeed() }),
    );
    const article = await insertArticle(database.db, { title: 'Ditarik lewat Cloudflare' });
    await database.db.updateTable('articles').set({ status: 'archived' }).where('id', '=', article.id).execute();
    const call = await within(2_000, async () => received.find((r) => r.body.tags?.includes(`a${article.id}`)));
    expect(call.body.surrogate_keys).toBeUndefined();
  });
});

describe('tag headers', () => {
  it('stay under 8 KB, giving way to a coarse tag when an answer names too many articles', () => {
    const many = Array.from({ length: 3_000 }, (_, i) => `a${i + 1}`).concat(['s1', 'lists']);
    const headers = cdnTagHeaders(many);
    const bytes = headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
    expect(bytes).toBeLessThan(8_200);
    expect(headers[0]![1].split(' ')).toEqual(['articles', 'lists', 's1']);
    expect(cdnTagHeaders(['a1', 's2'])[0]).toEqual(['surrogate-key', 'a1 s2']);
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('in Redis, shared by two processes (REDIS_URL)', () => {
  it('drops an edited article for both and computes a shared miss once', async () => {
    const prefix = `kabar-test-${randomBytes(4).toString('hex')}:`;
    const [redisA, redisB] = await Promise.all([connectRedis(redisUrl!, () => undefined, prefix), connectRedis(redisUrl!, () => undefined, prefix)]);
    await Promise.all([redisReady(redisA), redisReady(redisB)]);
    try {
      const a = createTestClient(database.db, { responseCache: true }, { redis: redisA, changes: await startFeed() });
      const b = createTestClient(database.db, { responseCache: true }, { redis: redisB, changes: await startFeed() });
      const article = await insertArticle(database.db, { title: 'Di Redis' });
      const post = (client: TestClient) =>
        client.request('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: ARTICLE, variables: { slug: article.slug } }),
        });
      database.resetStatements();
      const together = await Promise.all([post(a), post(b), post(a), post(b)]);
      const outcomes = together.map((r) => r.headers.get('x-kabar-cache')).sort();
      expect(outcomes.filter((o) => o === 'MISS')).toHaveLength(1);
      const once = database.statements.length;
      expect(once).toBeGreaterThan(0);
      await database.db.updateTable('articles').set({ title: 'Di Redis, disunting' }).where('id', '=', article.id).execute();
      const seen = await within(1_000, async () => {
        const response = await post(b);
        const body = (await response.json()) as any;
        return body.data.article.title === 'Di Redis, disunting' ? response : undefined;
      });
      expect(seen.headers.get('x-kabar-cache')).toBe('MISS');
      expect((await post(a)).headers.get('x-kabar-cache')).toBe('HIT');
    } finally {
      const keys = await redisA.keys('*');
      if (keys.length > 0) await redisA.del(...keys.map((key) => key.slice(prefix.length)));
      await Promise.all([redisA.quit(), redisB.quit()]);
    }
  });
});

describe('feeds', () => {
  it('carry CDN tags, and drop a withdrawn article from the built documents at once', async () => {
    const client = createTestClient(database.db, { responseCache: true, feedCacheSeconds: 300 }, { changes: await startFeed() });
    const article = await insertArticle(database.db, { title: 'Ada di sitemap berita', published_at: new Date() });
    await feeds.at(-1)!.catchUp();
    const before = await client.request('/sitemaps/news.xml');
    expect(before.headers.get('surrogate-key')).toBe('sitemaps');
    expect(await before.text()).toContain(article.slug);
    const again = await client.request('/feeds/rss.xml');
    expect(again.headers.get('cache-tag')).toBe('feeds');
    await database.db.updateTable('articles').set({ status: 'archived' }).where('id', '=', article.id).execute();
    await within(1_000, async () => ((await (await client.request('/sitemaps/news.xml')).text()).includes(article.slug) ? undefined : true));
  });
});
