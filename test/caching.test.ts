import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { useTestDatabase } from './helpers/app';
import { createTestClient, type TestClient } from './helpers/client';
import { insertArticle } from './helpers/fixtures';
import { ContentGeneration, watchContentChanges, type ContentChangeWatcher } from '../src/cache/generation';
import { connectRedis, redisReady } from '../src/cache/redis';
import { createMemoryPersistedQueryStore } from '../src/http/plugins/use-persisted-queries';
import { readOperation } from './helpers/operations';

// The response cache, persisted queries and HTTP caching. The cache must never show an article
// after its withdrawal has committed and been announced, whoever made the change.

const database = useTestDatabase();

const ARTICLE = `query Article($slug: String!) { article(slug: $slug) { id slug title section { name } } }`;
const LATEST = `query Latest { latest(first: 3) { slug title } }`;
const WITH_TRENDING = `query Popular { trending(window: DAY, first: 3) { items { rank article { slug } } } }`;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function getUrl(query: string, variables?: Record<string, unknown>, extensions?: Record<string, unknown>): string {
  const params = new URLSearchParams();
  if (query) params.set('query', query);
  if (variables) params.set('variables', JSON.stringify(variables));
  if (extensions) params.set('extensions', JSON.stringify(extensions));
  return `/graphql?${params}`;
}

async function withdraw(id: number): Promise<void> {
  await database.db.updateTable('articles').set({ status: 'archived' }).where('id', '=', id).execute();
}

/** Resolves with the next generation `generation` moves to. */
function nextGeneration(generation: ContentGeneration): Promise<string> {
  return new Promise((resolve) => {
    const stop = generation.onChange((value) => {
      stop();
      resolve(value);
    });
  });
}

describe('response cache', () => {
  let client: TestClient;
  beforeAll(() => {
    client = createTestClient(database.db, { responseCache: true });
  });

  it('answers a repeated query from memory, without a statement', async () => {
    const article = await insertArticle(database.db, { title: 'Cache pertama' });
    database.resetStatements();
    const first = await client.graphql(ARTICLE, { slug: article.slug });
    expect(first.errors).toBeUndefined();
    expect(database.statements.length).toBeGreaterThan(0);
    database.resetStatements();
    const second = await client.graphql(ARTICLE, { slug: article.slug });
    expect(second.data).toEqual(first.data);
    expect(database.statements).toHaveLength(0);
    // Other variables are another answer.
    const other = await insertArticle(database.db, { title: 'Cache kedua' });
    const third = await client.graphql(ARTICLE, { slug: other.slug });
    expect(third.data.article.title).toBe('Cache kedua');
  });

  it('never shows a withdrawn article once the writer has invalidated the generation', async () => {
    const article = await insertArticle(database.db, { title: 'Akan ditarik' });
    expect((await client.graphql(ARTICLE, { slug: article.slug })).data.article.slug).toBe(article.slug);
    await withdraw(article.id);
    // Committed, but this app was not told: the cached answer is still served (the cache is real).
    expect((await client.graphql(ARTICLE, { slug: article.slug })).data.article).not.toBeNull();
    // What a write path in this process does after its transaction commits:
    client.app.generation.invalidate('test withdrawal');
    expect((await client.graphql(ARTICLE, { slug: article.slug })).data.article).toBeNull();
  });

  it('does not cache errors or mutations', async () => {
    database.resetStatements();
    const bad = await client.graphql(`{ latest(first: 500) { slug } }`);
    expect(bad.errors?.[0]?.message).toMatch(/"first" must be an integer from 0 to 100/);
    const again = await client.graphql(`{ latest(first: 500) { slug } }`);
    expect(again.errors).toHaveLength(1);
    const [article] = await database.db.selectFrom('articles').select('slug').where('status', '=', 'published').limit(1).execute();
    const view = `mutation($s: String!) { recordView(slug: $s) { counted } }`;
    const before = client.views.buffer.pendingViews;
    const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' };
    for (let i = 0; i < 2; i += 1) expect((await client.graphql(view, { s: article!.slug }, browser)).data.recordView.counted).toBe(true);
    // Both views reached the counter: the second was executed, not replayed from the cache.
    expect(client.views.buffer.pendingViews).toBe(before + 2);
  });
});

describe('content changes from any writer (NOTIFY)', () => {
  let client: TestClient;
  let generation: ContentGeneration;
  let watcher: ContentChangeWatcher;

  beforeAll(async () => {
    generation = new ContentGeneration();
    watcher = watchContentChanges(database.connectionString, generation, { log: () => undefined });
    await watcher.ready;
    client = createTestClient(database.db, { responseCache: true }, { generation });
  });
  afterAll(() => watcher.close());

  it("drops a withdrawn article as soon as the commit is announced, without the writer's help", async () => {
    const article = await insertArticle(database.db, { title: 'Ditarik lewat SQL' });
    // The insert itself was a content change; let its announcement pass before caching.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await client.graphql(ARTICLE, { slug: article.slug })).data.article).not.toBeNull();
    const changed = nextGeneration(generation);
    // A hand-made edit, as someone might do in psql.
    await sql`update articles set status = 'draft' where id = ${article.id}`.execute(database.db);
    await changed;
    expect((await client.graphql(ARTICLE, { slug: article.slug })).data.article).toBeNull();
  });

  it('moves to the generation of the committing transaction, once per transaction, and ignores related-list refreshes', async () => {
    const [a, b] = await database.db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').limit(2).execute();
    const changed = nextGeneration(generation);
    // Not a content change: the background refresh of related lists.
    await database.db.updateTable('articles').set({ related_computed_at: new Date() }).where('id', '=', a!.id).execute();
    // A content change of several statements in one transaction.
    const xid = await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('articles').set({ title: 'Judul baru' }).where('id', '=', a!.id).execute();
      await trx.updateTable('articles').set({ title: 'Judul baru juga' }).where('id', '=', b!.id).execute();
      await trx
        .insertInto('tags')
        .values({ slug: `uji-${randomBytes(3).toString('hex')}`, name: 'Uji' })
        .execute();
      const row = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(trx);
      return row.rows[0]!.xid;
    });
    // The refresh recorded no event; the transaction recorded its three, and the generation is
    // named after the last of them, as in every process that reads the same log.
    const events = await sql<{ id: string; type: string; xid: string }>`
      select id, type, xid::text from change_events where id > (select max(id) - 3 from change_events) order by id`.execute(database.db);
    expect(events.rows.map((e) => [e.type, e.xid])).toEqual([
      ['article.updated', xid],
      ['article.updated', xid],
      ['tag.changed', xid],
    ]);
    expect(await changed).toBe(`e${events.rows[2]!.id}`);
  });
});

describe('HTTP caching of GET queries', () => {
  let client: TestClient;
  beforeAll(() => {
    client = createTestClient(database.db, { responseCache: false, cacheTtlSeconds: 60, cacheTrendingTtlSeconds: 20 });
  });

  it('gives public Cache-Control with the TTL of what the query selects, and a weak ETag', async () => {
    const latest = await client.request(getUrl(LATEST));
    expect(latest.status).toBe(200);
    // A list: fresh for the list TTL (30 s by default), then served stale while refreshed.
    expect(latest.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=60, stale-if-error=86400');
    expect(latest.headers.get('surrogate-key')).toBe('lists q:latest');
    expect(latest.headers.get('etag')).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(latest.headers.get('vary')).toMatch(/Accept/);
    const popular = await client.request(getUrl(WITH_TRENDING));
    expect(popular.status).toBe(200);
    expect(popular.headers.get('cache-control')).toMatch(/^public, max-age=20,/);
  });

  it('answers 304 without a body when If-None-Match names the current answer, 200 once it changed', async () => {
    const article = await insertArticle(database.db, { title: 'Versi satu' });
    const url = getUrl(ARTICLE, { slug: article.slug });
    const first = await client.request(url);
    const etag = first.headers.get('etag')!;
    const again = await client.request(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    await database.db.updateTable('articles').set({ title: 'Versi dua' }).where('id', '=', article.id).execute();
    const changed = await client.request(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as { data: { article: { title: string } } }).data.article.title).toBe('Versi dua');
  });

  it('marks errors no-store and leaves POST answers without validators', async () => {
    const bad = await client.request(getUrl(`{ latest(first: 500) { slug } }`));
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(bad.headers.get('etag')).toBeNull();
    for (const responseCache of [false, true]) {
      const app = createTestClient(database.db, { responseCache });
      for (let i = 0; i < 2; i += 1) {
        const post = await app.request('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: LATEST }),
        });
        expect(post.status).toBe(200);
        expect(post.headers.get('etag')).toBeNull();
        expect(post.headers.get('last-modified')).toBeNull();
        expect(post.headers.get('cache-control')).toBeNull();
      }
    }
  });

  it('answers a repeated GET from the finished response when the response cache is on, until content changes', async () => {
    const cached = createTestClient(database.db, { responseCache: true });
    const article = await insertArticle(database.db, { title: 'Jawaban jadi' });
    const url = getUrl(ARTICLE, { slug: article.slug });
    const first = await cached.request(url);
    const body = await first.text();
    database.resetStatements();
    const again = await cached.request(url);
    expect(await again.text()).toBe(body);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
    expect(again.headers.get('x-kabar-cache')).toBe('HIT');
    const notModified = await cached.request(url, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    expect(database.statements).toHaveLength(0);
    await withdraw(article.id);
    cached.app.generation.invalidate('test');
    const after = await cached.request(url);
    expect(((await after.json()) as { data: { article: unknown } }).data.article).toBeNull();
    expect(database.statements.length).toBeGreaterThan(0);
  });

  it('gives the ETag of the body also when the answer came from the response cache', async () => {
    const cached = createTestClient(database.db, { responseCache: true });
    const one = await cached.request(getUrl(LATEST));
    const two = await cached.request(getUrl(LATEST), { headers: { 'if-none-match': one.headers.get('etag')! } });
    expect(two.status).toBe(304);
    const plain = await client.request(getUrl(LATEST));
    expect(plain.headers.get('etag')).toBe(one.headers.get('etag'));
  });
});

describe('automatic persisted queries', () => {
  let client: TestClient;
  beforeAll(() => {
    client = createTestClient(database.db, { responseCache: true });
  });

  it('follows the APQ protocol over GET: not found, register, then the hash alone', async () => {
    const query = `query PersistedLatest { latest(first: 2) { slug } }`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const unknown = await client.request(getUrl('', undefined, extensions), { headers: { accept: 'application/json' } });
    const unknownBody = (await unknown.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(unknownBody.errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect(unknown.headers.get('cache-control')).toBe('no-store');

    const register = await client.request(getUrl(query, undefined, extensions));
    expect(register.status).toBe(200);
    const registered = (await register.json()) as { data: { latest: unknown[] } };
    expect(registered.data.latest).toHaveLength(2);

    const short = await client.request(getUrl('', undefined, extensions));
    expect(short.status).toBe(200);
    expect(short.headers.get('cache-control')).toMatch(/^public, max-age=30,/);
    expect(await short.json()).toEqual(registered);
  });

  it('passes variables with the hash, and refuses a hash that does not match the document', async () => {
    const article = await insertArticle(database.db, { title: 'Lewat hash' });
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(ARTICLE) } };
    await client.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ARTICLE, variables: { slug: article.slug }, extensions }),
    });
    const short = await client.request(getUrl('', { slug: article.slug }, extensions));
    expect(((await short.json()) as { data: { article: { title: string } } }).data.article.title).toBe('Lewat hash');

    const wrong = { persistedQuery: { version: 1, sha256Hash: sha256('{ sections { slug } }') } };
    const mismatch = await client.request(getUrl(LATEST, undefined, wrong));
    const body = (await mismatch.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_MISMATCH');
  });
});

describe('persisted queries, bounded', () => {
  const peer = (remoteAddress: string) => ({ req: { socket: { remoteAddress } } });
  const register = (client: TestClient, query: string, from: string) =>
    client.app.fetch(
      new Request('http://kabar.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }),
      }),
      peer(from),
    );
  const byHash = async (client: TestClient, query: string) => {
    const response = await client.request(getUrl('', undefined, { persistedQuery: { version: 1, sha256Hash: sha256(query) } }));
    return (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
  };

  it('lets one client register only so many documents a minute; the rest still run', async () => {
    const client = createTestClient(database.db, { persistedQueryRegistrationsPerMinute: 3 });
    const documents = Array.from({ length: 5 }, (_, i) => `query Register${i} { latest(first: ${i + 1}) { slug } }`);
    for (const query of documents) expect((await register(client, query, '198.51.100.70')).status).toBe(200);
    const kept = [];
    for (const query of documents) kept.push((await byHash(client, query)).data !== undefined);
    expect(kept).toEqual([true, true, true, false, false]);
    // Another client registers on its own allowance.
    await register(client, documents[4]!, '198.51.100.71');
    expect((await byHash(client, documents[4]!)).data).toBeDefined();
  });

  it('keeps at most a bounded number of bytes of registered documents in memory', () => {
    const store = createMemoryPersistedQueryStore(10_000);
    for (let i = 0; i < 100; i += 1) store.set(`hash-${i}`, `query Q${i} { ${'latest { slug } '.repeat(10)} }`);
    const kept = Array.from({ length: 100 }, (_, i) => store.get(`hash-${i}`) as string | null).filter(Boolean);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(100);
    expect(kept.reduce((bytes, query) => bytes + query!.length * 2, 0)).toBeLessThanOrEqual(10_000);
    expect(store.get('hash-99')).not.toBeNull();
  });

  it('runs only the known operations in PERSISTED_QUERIES=known mode, by hash or by exact text', async () => {
    const client = createTestClient(database.db, { persistedQueries: 'known' });
    const home = readOperation('HomePage');
    const known = await byHash(client, home);
    expect(known.errors).toBeUndefined();
    expect(known.data).toBeDefined();
    const asText = await client.graphql(home);
    expect(asText.errors).toBeUndefined();
    const other = await client.graphql('{ sections { slug } }');
    expect(other.status).toBe(400);
    expect(other.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    // Nothing can be registered: a new document sent with its hash is refused, not stored.
    const attempt = await register(client, LATEST, '198.51.100.72');
    expect(attempt.status).toBe(400);
    expect((await byHash(client, LATEST)).errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('response cache in Redis (REDIS_URL)', () => {
  it('shares answers between instances of the same generation, and drops them with the generation', async () => {
    const prefix = `kabar-test-${randomBytes(4).toString('hex')}:`;
    const log = () => undefined;
    const [redisA, redisB] = await Promise.all([connectRedis(redisUrl!, log, prefix), connectRedis(redisUrl!, log, prefix)]);
    await Promise.all([redisReady(redisA), redisReady(redisB)]);
    try {
      // Two instances that both heard of the same committed transaction.
      const [genA, genB] = [new ContentGeneration(), new ContentGeneration()];
      genA.adoptChange(1001);
      genB.adoptChange(1001);
      const a = createTestClient(database.db, { responseCache: true }, { generation: genA, redis: redisA });
      const b = createTestClient(database.db, { responseCache: true }, { generation: genB, redis: redisB });
      const article = await insertArticle(database.db, { title: 'Dibagi lewat Redis' });
      const fromA = await a.graphql(ARTICLE, { slug: article.slug });
      expect(fromA.data.article.title).toBe('Dibagi lewat Redis');
      database.resetStatements();
      const fromB = await b.graphql(ARTICLE, { slug: article.slug });
      expect(fromB.data).toEqual(fromA.data);
      expect(database.statements).toHaveLength(0);
      expect((await redisA.keys('*')).length).toBeGreaterThan(0);

      await withdraw(article.id);
      genA.adoptChange(1002);
      genB.adoptChange(1002);
      expect((await b.graphql(ARTICLE, { slug: article.slug })).data.article).toBeNull();
    } finally {
      const keys = await redisA.keys('*');
      if (keys.length > 0) await redisA.del(...keys.map((key) => key.slice(prefix.length)));
      await Promise.all([redisA.quit(), redisB.quit()]);
    }
  });
});
