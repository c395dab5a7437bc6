import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { useTestApp } from './helpers/app';
import { testConfig } from './helpers/client';
import { globalId, insertArticle } from './helpers/fixtures';
import { createApp } from '../src/http/app';
import { ViewBuffer } from '../src/trending/view-buffer';
import { ViewRecorder } from '../src/trending/views';
import { TrendingStore } from '../src/trending/trending';
import { upsertHourlyViews } from '../src/trending/repository';

// Page views: POST /views (the sendBeacon endpoint), the recordView mutation, the in-memory buffer
// and its flush, bot filtering, and the no-loss property over a real socket.

const BROWSER = 'Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const { database, client } = useTestApp({ poolSize: 8 });

async function storedViews(articleId: number): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select coalesce(sum(views), 0)::int as n from article_views_hourly where article_id = ${articleId}`.execute(database.db);
  return rows[0]!.n;
}

function beacon(body: string, headers: Record<string, string> = {}, method = 'POST') {
  return client.request('/views', {
    method,
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER, ...headers },
    body: method === 'GET' ? undefined : body,
  });
}

const inserts = () => database.statements.filter((s) => /^insert into article_views_hourly/i.test(s.trim()));

describe('POST /views', () => {
  it('counts a sendBeacon view (text/plain JSON, application/json, form) and answers 204 with no body', async () => {
    const { id, slug } = await insertArticle(database.db);
    const buffer = client.views.buffer;
    const before = buffer.pendingViews;
    const plain = await beacon(JSON.stringify({ slug }));
    expect(plain.status).toBe(204);
    expect(await plain.text()).toBe('');
    expect((await beacon(JSON.stringify({ id: globalId('Article', id) }), { 'content-type': 'application/json' })).status).toBe(204);
    expect((await beacon(`slug=${encodeURIComponent(slug)}`, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(204);
    expect(buffer.pendingViews).toBe(before + 3);
    await buffer.flush();
    expect(await storedViews(id)).toBe(3);
    const { rows } = await sql<{ hour: Date }>`select hour from article_views_hourly where article_id = ${id}`.execute(database.db);
    expect(rows.map((r) => r.hour.getTime())).toEqual([Math.floor(Date.now() / 3_600_000) * 3_600_000]);
  });

  it('ignores known bots and requests without a User-Agent', async () => {
    const { id, slug } = await insertArticle(database.db);
    for (const ua of [GOOGLEBOT, 'facebookexternalhit/1.1', 'WhatsApp/2.24.1.6 A', 'curl/8.5.0', '']) {
      expect((await beacon(JSON.stringify({ slug }), { 'user-agent': ua })).status).toBe(204);
    }
    await client.views.buffer.flush();
    expect(await storedViews(id)).toBe(0);
  });

  it('rejects unknown and unpublished articles with 404 and counts them nowhere', async () => {
    const draft = await insertArticle(database.db, { status: 'draft', published_at: null });
    const future = await insertArticle(database.db, { status: 'scheduled', published_at: new Date(Date.now() + 86_400_000) });
    await client.views.buffer.flush();
    const pending = client.views.buffer.pendingViews;
    for (const body of [{ slug: 'tidak-ada-artikel-ini' }, { slug: draft.slug }, { slug: future.slug }, { id: globalId('Article', 2_000_000_000) }]) {
      const res = await beacon(JSON.stringify(body));
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatch(/^No published article has (the slug|this id)/);
    }
    const missing = await beacon(JSON.stringify({ slug: 'tidak-ada-artikel-ini' }));
    expect((await missing.json()).error).toBe(
      'No published article has the slug "tidak-ada-artikel-ini": views are counted only for published articles.',
    );
    expect(client.views.buffer.pendingViews).toBe(pending);
    expect(await storedViews(draft.id)).toBe(0);
    expect(await storedViews(future.id)).toBe(0);
  });

  it('answers malformed, oversize and wrongly sent beacons with clear errors', async () => {
    const { slug } = await insertArticle(database.db);
    const cases: [Response, number, RegExp][] = [
      [await beacon('{"slug": '), 400, /not valid JSON/],
      [await beacon('[1,2]'), 400, /must be a JSON object/],
      [await beacon(JSON.stringify({})), 400, /exactly one of "slug" or "id"/],
      [await beacon(JSON.stringify({ slug, id: globalId('Article', 1) })), 400, /exactly one of "slug" or "id"/],
      [await beacon(JSON.stringify({ slug: 42 })), 400, /"slug" must be a string/],
      [await beacon(JSON.stringify({ id: globalId('Section', 1) })), 400, /"id" must be an Article's global id/],
      [await beacon(JSON.stringify({ id: 'bm9wZQ' })), 400, /"id" must be an Article's global id/],
      [await beacon(JSON.stringify({ slug: 'x'.repeat(2000) })), 413, /larger than 1024 bytes/],
      [await beacon(JSON.stringify({ slug }), { 'content-type': 'image/png' }), 415, /Unsupported Content-Type "image\/png"/],
      [await beacon('', {}, 'GET'), 405, /Use POST/],
    ];
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      expect((await res.json()).error).toMatch(message);
    }
  });

  it('refuses a chunked body that grows past the limit', async () => {
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i += 1) controller.enqueue(new TextEncoder().encode(' '.repeat(200)));
        controller.close();
      },
    });
    const res = await client.app.fetch(
      new Request('http://kabar.test/views', { method: 'POST', body: big, headers: { 'user-agent': BROWSER }, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
  });
});

describe('recordView', () => {
  const MUTATION = `mutation($slug: String, $id: ID) { recordView(slug: $slug, id: $id) { counted article { slug } } }`;

  it('counts a view by slug or id, and not for bots', async () => {
    const { id, slug } = await insertArticle(database.db);
    const bySlug = await client.graphql(MUTATION, { slug }, { 'user-agent': BROWSER });
    expect(bySlug.errors).toBeUndefined();
    expect(bySlug.data.recordView).toEqual({ counted: true, article: { slug } });
    const byId = await client.graphql(MUTATION, { id: globalId('Article', id) }, { 'user-agent': BROWSER });
    expect(byId.data.recordView).toEqual({ counted: true, article: { slug } });
    const bot = await client.graphql(MUTATION, { slug }, { 'user-agent': GOOGLEBOT });
    expect(bot.data.recordView).toEqual({ counted: false, article: { slug } });
    await client.views.buffer.flush();
    expect(await storedViews(id)).toBe(2);
  });

  it('returns a clear error for an unknown or unpublished article and counts nothing', async () => {
    const draft = await insertArticle(database.db, { status: 'draft', published_at: null });
    const pending = client.views.buffer.pendingViews;
    const unknown = await client.graphql(MUTATION, { slug: 'tidak-ada' }, { 'user-agent': BROWSER });
    expect(unknown.errors?.[0]?.message).toBe('No published article has the slug "tidak-ada": views are counted only for published articles.');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const hidden = await client.graphql(MUTATION, { id: globalId('Article', draft.id) }, { 'user-agent': BROWSER });
    expect(hidden.errors?.[0]?.message).toBe('No published article has this id: views are counted only for published articles.');
    const both = await client.graphql(MUTATION, { slug: 'a', id: globalId('Article', 1) }, { 'user-agent': BROWSER });
    expect(both.errors?.[0]?.message).toBe('Pass exactly one of "slug" or "id" to "recordView".');
    expect(client.views.buffer.pendingViews).toBe(pending);
    expect(await storedViews(draft.id)).toBe(0);
  });
});

describe('ViewBuffer', () => {
  it('writes many views of many articles with one statement, and looks each article up once', async () => {
    const articles: { id: number; slug: string }[] = [];
    for (let i = 0; i < 5; i += 1) articles.push(await insertArticle(database.db));
    await client.views.buffer.flush();
    database.resetStatements();
    await Promise.all(Array.from({ length: 500 }, (_, i) => beacon(JSON.stringify({ slug: articles[i % 5]!.slug }))));
    expect(inserts()).toHaveLength(0);
    // The five slugs missed the cache together: one batched look-up, then only memory.
    expect(database.statements).toHaveLength(1);
    expect(await client.views.buffer.flush()).toBe(500);
    expect(inserts()).toHaveLength(1);
    expect(database.statements).toHaveLength(2);
    for (const article of articles) expect(await storedViews(article.id)).toBe(100);
    database.resetStatements();
    expect(await client.views.buffer.flush()).toBe(0);
    expect(database.statements).toHaveLength(0); // nothing pending, nothing written
  });

  it('keeps the counts of a failed flush, and those that arrive during a flush, for the next one', async () => {
    const { id } = await insertArticle(database.db);
    let fail = true;
    let release!: () => void;
    let gate: Promise<void> = Promise.resolve();
    const buffer = new ViewBuffer(database.db, {
      flushIntervalMs: 60_000,
      write: async (rows) => {
        await gate;
        if (fail) throw new Error('database unavailable');
        return upsertHourlyViews(database.db, rows);
      },
    });
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (let i = 0; i < 7; i += 1) buffer.record(id);
    for (let i = 0; i < 3; i += 1) buffer.record(id, twoHoursAgo);
    await expect(buffer.flush()).rejects.toThrow('database unavailable');
    expect(buffer.pendingViews).toBe(10);
    expect(await storedViews(id)).toBe(0);

    fail = false;
    gate = new Promise((resolve) => {
      release = resolve;
    });
    const flushing = buffer.flush();
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 5; i += 1) buffer.record(id); // arrive while the write is in flight
    expect(buffer.pendingViews).toBe(5);
    release();
    expect(await flushing).toBe(10);
    expect(await storedViews(id)).toBe(10);
    await buffer.stop();
    expect(buffer.pendingViews).toBe(0);
    expect(await storedViews(id)).toBe(15);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from article_views_hourly where article_id = ${id}`.execute(database.db);
    expect(rows[0]!.n).toBe(2); // the current hour and the one two hours ago
    expect(() => buffer.record(id)).toThrow(/stopped/);
  });

  it('loses no view: 10,000 concurrent beacons over HTTP, then a graceful stop', async () => {
    const { id, slug } = await insertArticle(database.db);
    const config = testConfig();
    const buffer = new ViewBuffer(database.db, { flushIntervalMs: 60_000 });
    const views = new ViewRecorder(database.db, buffer);
    const app = createApp({ db: database.db, config, views, trending: new TrendingStore(database.db, { refreshIntervalMs: 60_000 }) });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    database.resetStatements();
    // Flushes run every 25 ms while requests keep arriving, and stop after 9,000 responses: the rest
    // can only reach the database through the flush in stop().
    let responses = 0;
    const flusher = setInterval(() => {
      if (responses < 9_000) void buffer.flush().catch(() => undefined);
    }, 25);
    let pendingAtStop = -1;
    try {
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const run = autocannon(
          {
            url: `http://127.0.0.1:${port}/views`,
            method: 'POST',
            headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER },
            body: JSON.stringify({ slug }),
            connections: 100,
            amount: 10_000,
            timeout: 20,
          },
          (error, done) => (error ? reject(error) : resolve(done)),
        );
        run.on('response', () => {
          responses += 1;
        });
      });
      expect({ ok: result['2xx'], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }).toEqual({
        ok: 10_000,
        non2xx: 0,
        errors: 0,
        timeouts: 0,
      });
    } finally {
      clearInterval(flusher);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      pendingAtStop = buffer.pendingViews;
      await buffer.stop();
    }
    expect(pendingAtStop).toBeGreaterThan(0);
    expect(buffer.pendingViews).toBe(0);
    expect(await storedViews(id)).toBe(10_000);
    // Buffered: a few dozen flushes, not one write per view.
    expect(inserts().length).toBeGreaterThan(1);
    expect(inserts().length).toBeLessThan(1_000);
  }, 60_000);
});
