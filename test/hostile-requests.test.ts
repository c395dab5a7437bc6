import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase, type Db } from '../src/db/database';
import { withoutPassword } from '../src/config';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, type TestClient } from './helpers/client';
import { readOperation } from './helpers/operations';

// What bots, scrapers and broken clients send in a news API's first week (issue 15). Every one is
// refused with a 4xx that says what was wrong, before it costs database work, and nothing crashes.

let database: TestDatabase;
let client: TestClient;
let unreachable: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createTestClient(database.db, { responseCache: true });
  // Port 9 (discard) on loopback: nothing listens, so every statement fails at once.
  unreachable = createDatabase({ connectionString: 'postgres://nobody:secret@127.0.0.1:9/nowhere', poolSize: 1, log: () => undefined });
});
afterAll(async () => {
  await unreachable.destroy();
  await database.drop();
});

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

function post(body: string, headers: Record<string, string> = {}) {
  return client.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers }, body });
}

async function errorOf(res: Response): Promise<{ message: string; extensions?: Record<string, unknown> }> {
  const body = (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  expect(body.errors?.length).toBeGreaterThan(0);
  return body.errors![0]!;
}

describe('malformed requests get a 4xx with a message', () => {
  it.each(['variables', 'extensions'])('broken JSON in the GET %s parameter', async (name) => {
    const res = await client.request(`/graphql?query=${encodeURIComponent('{ __typename }')}&${name}={bad`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(new RegExp(`"${name}" URL parameter is not valid JSON`));
  });

  it('a body larger than the limit is refused with 413, unread', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }', variables: { padding: 'a'.repeat(2_000_000) } }));
    expect(res.status).toBe(413);
    const declared = await client.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '20000000' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).message).toMatch(/larger than 1000000 bytes/);
  });

  it('a document nested 5,000 deep stops at the token limit instead of overflowing the stack', async () => {
    const res = await post(JSON.stringify({ query: `${'{a'.repeat(5000)}${'}'.repeat(5000)}` }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.extensions?.code).toBe('QUERY_TOO_LARGE');
    expect(error.message).toMatch(/Token limit of 2000/);
  });

  it('500 aliased searches are refused before any search runs', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: search(query: "jakarta") { totalCount }`).join(' ');
    database.resetStatements();
    const res = await post(JSON.stringify({ query: `{ ${aliases} }` }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.extensions?.code).toBe('TOO_MANY_ALIASES');
    expect(error.message).toMatch(/Aliases limit of 30 exceeded, found 40/);
    expect(database.statements).toEqual([]);
  });

  it('too many directives are refused', async () => {
    const directives = Array.from({ length: 25 }, () => '@include(if: true)').join(' ');
    const res = await post(JSON.stringify({ query: `{ __typename ${directives} }` }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).extensions?.code).toBe('TOO_MANY_DIRECTIVES');
  });

  it('NUL characters in variables, URLs and beacons are refused, not passed to PostgreSQL', async () => {
    const inVariables = await post(JSON.stringify({ query: 'query($s: String!) { article(slug: $s) { id } }', variables: { s: 'a\u0000b' } }));
    expect(inVariables.status).toBe(400);
    expect((await errorOf(inVariables)).message).toMatch(/NUL character/);
    for (const path of [
      '/feeds/sections/a%00b/rss.xml',
      '/articles/a%00b.ninjs.json',
      `/graphql?query=${encodeURIComponent('{ article(slug: "a\u0000") { id } }')}`,
    ]) {
      expect({ path, status: (await client.request(path)).status }).toEqual({ path, status: 400 });
    }
    const beacon = await client.request('/views', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'a\u0000b' }),
    });
    expect(beacon.status).toBe(400);
  });

  it('a malformed percent-encoding in the URL is a 400', async () => {
    expect((await client.request('/feeds/sections/%E0%A4%A/rss.xml')).status).toBe(400);
  });

  it('a JSON array (batch) or a non-object body is a 400 with the expected shape', async () => {
    for (const body of ['[{"query":"{ __typename }"}]', '"query"', 'not json']) {
      const res = await post(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
  });

  it('every client operation fits within the limits', async () => {
    for (const name of ['ArticlePage', 'HomePage', 'SectionPage', 'Search']) {
      const res = await post(JSON.stringify({ query: readOperation(name), variables: { slug: 'nasional', query: 'jakarta' } }));
      const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      const codes = (body.errors ?? []).map((e) => e.extensions?.code);
      expect({ name, codes }).toEqual({ name, codes: codes.filter((c) => !/TOO_|QUERY_TOO/.test(String(c))) });
    }
  });
});

describe('abuse beside normal readers', () => {
  // The latency side of this ("a normal reader stays within 2× of its baseline") is a timing and lives
  // in the abuse bench (npm run soak -- --abuse, bench/README.md). What a test can hold exactly: the
  // hostile requests cost the database nothing and take nothing from the readers' answers.
  it('every kind of hostile request, sent alongside readers of cached pages, is refused without one SQL statement', async () => {
    const slugs = (await database.db.selectFrom('articles').select('slug').where('status', '=', 'published').limit(6).execute()).map((r) => r.slug);
    const page = (slug: string) =>
      `/graphql?query=${encodeURIComponent(readOperation('ArticlePage'))}&variables=${encodeURIComponent(JSON.stringify({ slug }))}`;
    const warm = new Map<string, string>();
    for (const slug of slugs) {
      const res = await client.request(page(slug));
      expect(res.status).toBe(200);
      warm.set(slug, await res.text());
    }
    const aliasBomb = `{ ${Array.from({ length: 500 }, (_, i) => `s${i}: search(query: "banjir ${i}") { totalCount }`).join(' ')} }`;
    const hostile: Array<() => Promise<Response>> = [
      () => post(JSON.stringify({ query: aliasBomb })),
      () => post(JSON.stringify({ query: `${'{a'.repeat(5000)}${'}'.repeat(5000)}` })),
      () => post(JSON.stringify({ query: `{ latest { title } }${' '.repeat(1_100_000)}` })),
      () => client.request(`/graphql?query=${encodeURIComponent('{ latest { title } }')}&variables={broken`),
      () => client.request('/views', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"slug":"x\\u0000"}' }),
      () => client.request('/feeds/sections/a%00b/rss.xml'),
    ];
    database.resetStatements();
    const readers = Array.from({ length: 60 }, async (_, i) => {
      const slug = slugs[i % slugs.length]!;
      const res = await client.request(page(slug));
      return { slug, status: res.status, same: (await res.text()) === warm.get(slug) };
    });
    const attacks = Array.from({ length: 60 }, async (_, i) => (await hostile[i % hostile.length]!()).status);
    const [read, refused] = await Promise.all([Promise.all(readers), Promise.all(attacks)]);
    expect(read.every((r) => r.status === 200 && r.same)).toBe(true);
    expect(refused.every((status) => status >= 400 && status < 500)).toBe(true);
    expect(database.statements).toEqual([]);
  });
});

describe('answers over a real socket', () => {
  it('Accept: multipart/mixed on GET gets one Content-Length at most and is not cached as public', async () => {
    const server = http.createServer(client.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const rawHeaders = await new Promise<string[]>((resolve, reject) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port,
            path: `/graphql?query=${encodeURIComponent('{ latest(first: 1) { title } }')}`,
            headers: { accept: 'multipart/mixed' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.rawHeaders));
          },
        );
        req.on('error', reject);
      });
      const names = rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
      expect(names.filter((name) => name === 'content-length').length).toBeLessThanOrEqual(1);
      const cacheControl = rawHeaders[names.indexOf('cache-control') * 2 + 1];
      expect(cacheControl).not.toMatch(/public/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('security headers', () => {
  it('every answer says nosniff and carries a policy; JSON may load nothing', async () => {
    for (const path of ['/graphql?query=%7B__typename%7D', '/healthz', '/feeds/rss.xml']) {
      const res = await client.request(path);
      expect({ path, nosniff: res.headers.get('x-content-type-options') }).toEqual({ path, nosniff: 'nosniff' });
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
  });

  it('GraphiQL allows exactly its own inline script, by hash', async () => {
    const res = await client.request('/graphql', { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('GraphiQL and introspection by configuration', () => {
  it('INTROSPECTION=false refuses __schema but keeps __typename; GRAPHIQL=false serves no page', async () => {
    const closed = createTestClient(database.db, { introspection: false, graphiql: false });
    const schemaQuery = await closed.graphql('{ __schema { types { name } } }');
    expect(schemaQuery.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await closed.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const page = await closed.request('/graphql', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });
});

describe('a database that is away', () => {
  it('is a 503 with Retry-After and a message, never a 200 with article: null', async () => {
    const down = createTestClient(unreachable, { responseCache: false });
    const res = await down.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ article(slug: "banjir") { title } latest(first: 2) { title } }' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const text = await res.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(text).not.toMatch(/secret|nowhere|ECONNREFUSED|127\.0\.0\.1/);
  });
});

describe('configuration messages', () => {
  it('never show a password', () => {
    expect(withoutPassword('postgres://kabar:hunter2@db.internal:5432/kabar')).toBe('postgres://kabar:***@db.internal:5432/kabar');
    expect(withoutPassword('redis://:hunter2@cache:6379')).toBe('redis://:***@cache:6379');
    expect(withoutPassword('postgres://db.internal/kabar')).toBe('postgres://db.internal/kabar');
  });
});
