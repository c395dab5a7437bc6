import { parse } from 'graphql';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, type TestClient } from './helpers/client';
import { createFinishedResponses } from '../src/cache/store';
import { ContentGeneration } from '../src/cache/generation';
import { COMPILE_AFTER_USES, createRepeatedDocumentFilter } from '../src/http/repeated-documents';

// Memory a hostile client cannot grow (issue 15): junk URL parameters and re-spelled queries share
// one cache entry, caches are bounded in bytes, and one-off documents are not compiled.

let database: TestDatabase;
let client: TestClient;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createTestClient(database.db, { responseCache: true });
});
afterAll(() => database.drop());

describe('finished GET answers', () => {
  it('share one entry across junk parameters, parameter order and insignificant white space', async () => {
    const query = '{ latest(first: 3) { title section { name } } }';
    const first = await client.request(`/graphql?query=${encodeURIComponent(query)}`);
    expect(first.status).toBe(200);
    const body = await first.text();
    database.resetStatements();
    for (const url of [
      `/graphql?utm_source=wa&query=${encodeURIComponent(query)}`,
      `/graphql?query=${encodeURIComponent('{latest(first:3){title,section{name}}}')}&fbclid=x1`,
      `/graphql?query=${encodeURIComponent(`\n  {\n latest( first : 3 )  {  title\n section { name } } }  `)}&_=${Date.now()}`,
    ]) {
      const res = await client.request(url);
      expect({ url, status: res.status, same: (await res.text()) === body }).toEqual({ url, status: 200, same: true });
    }
    expect(database.statements).toEqual([]);
  });

  it('are bounded by bytes, oldest first', async () => {
    const finished = createFinishedResponses({ maxEntries: 10_000, maxBytes: 200_000, allowedOrigins: new Set() });
    const keys: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const url = new URL(`http://kabar.test/graphql?query=${encodeURIComponent(`{ a${i}: __typename }`)}`);
      const key = finished.keyOf(new Request(url), url);
      keys.push(key);
      finished.store(key, { body: 'x'.repeat(10_000), headers: [], etag: `"${i}"` }, [`a${i}`], { ttlMs: 60_000, staleMs: 0 });
    }
    await new Promise((resolve) => setImmediate(resolve));
    const held = async (key: string) => (await finished.lookup(key)).outcome === 'HIT';
    const kept: string[] = [];
    for (const key of keys) if (await held(key)) kept.push(key);
    // 10,000 characters are 20,000 bytes (UTF-16) plus bookkeeping: at most 9 fit in 200 kB.
    expect(kept.length).toBeLessThanOrEqual(9);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toContain(keys[99]);
    expect(kept).not.toContain(keys[0]);
  });
});

describe('compiling documents', () => {
  it(`compiles a document from its use number ${COMPILE_AFTER_USES} on, never a one-off`, () => {
    const isRepeated = createRepeatedDocumentFilter();
    const page = parse('{ latest(first: 5) { title } }');
    const decisions = Array.from({ length: 4 }, () => isRepeated(page));
    expect(decisions).toEqual([false, false, true, true]);
    for (let i = 0; i < 5_000; i += 1) expect(isRepeated(parse(`{ a${i}: __typename }`))).toBe(false);
  });
});
