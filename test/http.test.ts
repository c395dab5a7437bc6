import { createDatabase, type Db } from '../src/db/database';
import { useTestApp } from './helpers/app';
import { createTestClient, type TestClient } from './helpers/client';

const { database, client } = useTestApp();
let unreachable: Db;
let brokenClient: TestClient;

beforeAll(async () => {
  // Port 9 (discard) on loopback: nothing listens, so every statement fails at once.
  unreachable = createDatabase({ connectionString: 'postgres://nobody:secret@127.0.0.1:9/nowhere', poolSize: 1 });
  brokenClient = createTestClient(unreachable);
});
afterAll(async () => {
  await unreachable.destroy();
});

describe('health', () => {
  it('/healthz answers while the process runs', async () => {
    const res = await client.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database', async () => {
    const ok = await client.request('/readyz');
    expect(ok.status).toBe(200);
    const down = await brokenClient.request('/readyz');
    expect(down.status).toBe(503);
    expect((await down.json()).status).toBe('unavailable');
  });
});

describe('errors', () => {
  it('says the database is unavailable (503) without leaking connection details', async () => {
    const res = await brokenClient.graphql(`{ sections { name } }`);
    expect(res.status).toBe(503);
    expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(res)).not.toMatch(/secret|nowhere|ECONNREFUSED|127\.0\.0\.1/);
  });

  it('names the unknown field in an invalid query', async () => {
    const res = await client.graphql(`{ artikel { id } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/Cannot query field "artikel" on type "Query"/);
  });
});

describe('query limits', () => {
  it('refuses a query nested deeper than the limit', async () => {
    let selection = 'title';
    for (let i = 0; i < 8; i += 1) selection = `section { latest(first: 1) { ${selection} } }`;
    const res = await client.graphql(`{ latest(first: 1) { ${selection} } }`);
    expect(res.errors?.[0]?.message).toMatch(/nested too deeply: depth \d+ exceeds the limit of 12/);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(res.data ?? null).toBeNull();
  });

  it('refuses a query whose cost exceeds the limit, before running it', async () => {
    database.resetStatements();
    const res = await client.graphql(
      `{ articles(first: 100) { edges { node { section { articles(first: 100) { edges { node { title tags { name } } } } } } } } }`,
    );
    expect(res.errors?.[0]?.message).toMatch(/too expensive: cost \d+ exceeds the limit of 5000/);
    expect(database.statements).toHaveLength(0);
  });

  it('lets the frontend operations through', async () => {
    const res = await client.graphql(`{ latest(first: 20) { title section { name } tags { name } } sections { latest(first: 5) { title } } }`);
    expect(res.errors).toBeUndefined();
  });
});

describe('GraphiQL and media', () => {
  it('serves GraphiQL at /graphql with every asset inline (no CDN)', async () => {
    const res = await client.request('/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
  });

  it('draws demo images', async () => {
    const res = await client.request('/media/demo/42.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg/);
  });
});
