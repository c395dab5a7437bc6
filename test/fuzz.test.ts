import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, type TestClient } from './helpers/client';
import { readOperation } from './helpers/operations';

// Fuzzing every route with a fixed seed (issue 15): mutated client operations, mangled variables
// and URL parameters, random bytes as bodies and paths, odd headers. Whatever arrives, the answer is
// below 500 (the database is up, so no 503 either), nothing throws out of the app, and nothing takes
// longer than the request deadline. Bounded to a few thousand requests so CI stays fast.

const SEED = Number(process.env.KABAR_FUZZ_SEED ?? 20261201);
const REQUESTS = Number(process.env.KABAR_FUZZ_REQUESTS ?? 2_500);
const DEADLINE_MS = 10_000;

/** mulberry32: small, fast and reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPERATIONS = ['ArticlePage', 'HomePage', 'SectionPage', 'Search'].map(readOperation);
const ROUTES = [
  '/graphql',
  '/views',
  '/healthz',
  '/readyz',
  '/feeds/rss.xml',
  '/feeds/atom.xml',
  '/feeds/feed.json',
  '/feeds/sections/nasional/rss.xml',
  '/feeds/tags/banjir/atom.xml',
  '/sitemap.xml',
  '/sitemaps/news.xml',
  '/sitemaps/articles-2026-11.xml',
  '/articles/x.ninjs.json',
  '/media/demo/1.svg',
];
const NASTY = [
  '\u0000',
  '\u0001',
  '\ud800',
  '%',
  '%00',
  '%zz',
  '{',
  '}',
  '"',
  '\\',
  '[',
  ']',
  '$',
  '@',
  '...',
  '#',
  '\n',
  '🙂',
  'ä',
  '<script>',
  "'",
  '9'.repeat(30),
  '-1',
  'null',
  ' ',
];
const ACCEPTS = [
  'application/json',
  'application/graphql-response+json',
  'multipart/mixed',
  'text/event-stream',
  'text/html',
  '*/*',
  'application/xml',
  '',
];
const TYPES = [
  'application/json',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  '',
];

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

function mutate(rand: Rand, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(rand() * (out.length + 1));
    const kind = rand();
    if (kind < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 20));
    else if (kind < 0.7) out = out.slice(0, at) + pick(rand, NASTY) + out.slice(at);
    else if (kind < 0.85) out = out.slice(0, at) + out.slice(at, at + 40).repeat(2 + Math.floor(rand() * 3)) + out.slice(at + 40);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + out.slice(at);
  }
  return out;
}

function randomVariables(rand: Rand): unknown {
  const values: unknown[] = [
    'nasional',
    'jakarta',
    '',
    pick(rand, NASTY),
    101,
    -1,
    1e308,
    null,
    true,
    [],
    {},
    'a'.repeat(500),
    'QXJ0aWNsZTox',
    'bm9wZQ',
  ];
  const out: Record<string, unknown> = {};
  for (const name of ['slug', 'query', 'after', 'first', 'id', 'section']) if (rand() < 0.6) out[name] = pick(rand, values);
  return rand() < 0.1 ? pick(rand, [[], 'x', 42, null]) : out;
}

function randomBytes(rand: Rand, length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(length));
  for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(rand() * 256);
  return bytes;
}

function makeRequest(rand: Rand): { path: string; init: RequestInit } {
  const route = pick(rand, ROUTES);
  const headers: Record<string, string> = {};
  const accept = pick(rand, ACCEPTS);
  if (accept) headers.accept = accept;
  if (rand() < 0.3) headers['user-agent'] = pick(rand, ['Mozilla/5.0 Chrome/130.0', 'Googlebot/2.1', '', '\u00ff']);
  if (rand() < 0.1) headers['if-none-match'] = pick(rand, ['*', 'W/"x"', '"', '']);
  if (rand() < 0.1) headers.origin = pick(rand, ['http://localhost:5173', 'https://evil.example', 'null']);
  let path = route;
  if (rand() < 0.15) path = mutate(rand, route);
  if (!path.startsWith('/')) path = `/${path}`;
  const method = pick(rand, ['GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'DELETE']);
  const shape = rand();
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS') {
    if (route === '/graphql' && shape < 0.8) {
      const params = new URLSearchParams();
      params.set('query', rand() < 0.7 ? mutate(rand, pick(rand, OPERATIONS)) : pick(rand, OPERATIONS));
      if (rand() < 0.7)
        params.set('variables', rand() < 0.5 ? JSON.stringify(randomVariables(rand)) : mutate(rand, JSON.stringify(randomVariables(rand))));
      if (rand() < 0.2) params.set('extensions', mutate(rand, '{"persistedQuery":{"version":1,"sha256Hash":"abc"}}'));
      if (rand() < 0.2) params.set('operationName', pick(rand, ['ArticlePage', 'Nope', '', pick(rand, NASTY)]));
      path = `${path}?${params.toString()}`;
    } else if (rand() < 0.3) {
      const name = pick(rand, NASTY);
      path = `${path}?${name.includes('\ud800') ? name : encodeURIComponent(name)}=${pick(rand, NASTY)}&limit=${pick(rand, ['0', '101', '-5', 'x', '1e9'])}`;
    }
    return { path, init: { method, headers } };
  }
  const type = pick(rand, TYPES);
  if (type) headers['content-type'] = type;
  let body: BodyInit;
  if (shape < 0.5)
    body = JSON.stringify({ query: rand() < 0.7 ? mutate(rand, pick(rand, OPERATIONS)) : pick(rand, OPERATIONS), variables: randomVariables(rand) });
  else if (shape < 0.7) body = mutate(rand, JSON.stringify({ slug: 'banjir', id: 'QXJ0aWNsZTox' }));
  else if (shape < 0.85) body = new Blob([randomBytes(rand, Math.floor(rand() * 2_000))]);
  else body = pick(rand, ['', 'null', '[]', '[{"query":"{__typename}"}]', '{"query":{}}', '{"query":"{ __typename }","variables":"x"}', 'slug=%00']);
  return { path, init: { method, headers, body } };
}

let database: TestDatabase;
let clients: TestClient[];

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 8 });
  clients = [createTestClient(database.db, { responseCache: false }), createTestClient(database.db, { responseCache: true })];
});
afterAll(() => database.drop());

it(`${REQUESTS} fuzzed requests (seed ${SEED}): no answer of 500 or more, none slower than the deadline`, async () => {
  const rand = random(SEED);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < REQUESTS; i += 1) {
    const { path, init } = makeRequest(rand);
    const client = clients[i % 2]!;
    const started = Date.now();
    let status: number;
    try {
      const res = await client.request(path, init);
      await res.arrayBuffer();
      status = res.status;
    } catch (error) {
      failures.push(`#${i} ${init.method} ${path.slice(0, 120)}: threw ${String(error).slice(0, 200)}`);
      continue;
    }
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const took = Date.now() - started;
    if (status >= 500) failures.push(`#${i} ${init.method} ${path.slice(0, 120)} → ${status}`);
    if (took > DEADLINE_MS) failures.push(`#${i} ${init.method} ${path.slice(0, 120)} took ${took} ms`);
  }
  expect(failures).toEqual([]);
  // The mix reached every kind of answer, not only refusals.
  expect(statuses.get(200) ?? 0).toBeGreaterThan(REQUESTS / 20);
  expect([...statuses.keys()].some((status) => status >= 400 && status < 500)).toBe(true);
}, 180_000);
