import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import type { Redis } from 'ioredis';
import { schema } from '../src/schema';
import { databaseCostOf, TOTAL_COUNT_COSTS } from '../src/http/query-cost';
import { budgetAddress } from '../src/http/rate-limits';
import { createPartnerKey, setPartnerRateLimit } from '../src/feeds/partner-keys';
import { connectRedis, redisReady } from '../src/cache/redis';
import { FULL_TEXT_SEARCH_COST } from '../src/schema/arguments';
import { createTestClient, type TestClient } from './helpers/client';
import { useTestDatabase } from './helpers/app';
import { readOperation } from './helpers/operations';
import type { Config } from '../src/config';

// Limits that match what a request costs (issue 15): every request pays a point, an operation pays
// its cost (fields, page sizes, and the database work of searches and counts), per client and
// window, with RateLimit-* headers; a client over budget gets 429 with Retry-After; partners have
// their own, larger quotas; with Redis every process draws from one budget.

const database = useTestDatabase();

const peer = (remoteAddress: string) => ({ req: { socket: { remoteAddress } } });

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

async function post(client: TestClient, query: string, from = '198.51.100.7', headers: Record<string, string> = {}, variables = {}): Promise<Answer> {
  const response = await client.app.fetch(
    new Request('http://kabar.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    }),
    peer(from),
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

function limited(points: number, extra: Partial<Config> = {}, redis?: Redis): TestClient {
  return createTestClient(
    database.db,
    { rateLimitPoints: points, rateLimitPartnerPoints: points * 10, rateLimitWindowSeconds: 60, ...extra },
    { redis },
  );
}

const SECTIONS = '{ sections { name } }';

describe('query cost', () => {
  const cost = (query: string, variables = {}) => databaseCostOf(schema, parse(query), variables);

  it('prices totalCount by the counts it runs, not by the page size around it', () => {
    expect(cost('{ articles(first: 5) { totalCount } }')).toBe(TOTAL_COUNT_COSTS.ArticleConnection);
    expect(cost('{ articles(first: 100) { totalCount } }')).toBe(TOTAL_COUNT_COSTS.ArticleConnection);
    expect(cost('{ search(query: "banjir") { totalCount } }')).toBe(TOTAL_COUNT_COSTS.SearchConnection);
    expect(cost('{ articles(first: 5) { edges { node { title } } } }')).toBe(0);
  });

  it('multiplies counts by the lists around them, and counts every alias and fragment spread', () => {
    // One count per section listed (the page size of an unsized list is assumed to be 10).
    expect(cost('{ sections { articles(first: 3) { totalCount } } }')).toBe(10 * TOTAL_COUNT_COSTS.ArticleConnection);
    expect(cost('query ($q: String!) { a: search(query: $q) { totalCount } b: search(query: $q) { totalCount } }', { q: 'x' })).toBe(
      2 * TOTAL_COUNT_COSTS.SearchConnection,
    );
    expect(cost('{ ...F ...F } fragment F on Query { search(query: "x") { totalCount } }')).toBe(2 * TOTAL_COUNT_COSTS.SearchConnection);
  });

  it('refuses 30 aliased searches with totalCount as too expensive before any of them runs', async () => {
    const client = limited(1_000_000);
    const fields = Array.from({ length: 30 }, (_, i) => `s${i}: search(query: "banjir ${i}") { totalCount }`).join(' ');
    database.resetStatements();
    const answer = await post(client, `{ ${fields} }`);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(answer.body.errors?.[0]?.message).toMatch(/exceeds the limit of 5000/);
    expect(database.statements.filter((statement) => /ts_rank|websearch|to_tsquery/i.test(statement))).toHaveLength(0);
    // Searching itself costs database work beyond its fields.
    expect(FULL_TEXT_SEARCH_COST).toBeGreaterThan(100);
  });
});

describe('rate limits in memory', () => {
  it('charges each operation its cost, says what is left, and refuses with 429 once the budget is spent', async () => {
    const client = limited(2_000);
    const first = await post(client, SECTIONS);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2000');
    expect(first.headers.get('ratelimit-policy')).toMatch(/^2000;w=60/);
    const afterOne = Number(first.headers.get('ratelimit-remaining'));
    expect(afterOne).toBeLessThan(2_000);
    const second = await post(client, SECTIONS);
    const spentPerRequest = afterOne - Number(second.headers.get('ratelimit-remaining'));
    expect(spentPerRequest).toBe(2_000 - afterOne);
    expect(Number(second.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(Number(second.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);

    // A search with its count costs far more than the sections list: the budget runs out sooner.
    const search = '{ search(query: "banjir", first: 10) { totalCount edges { node { score article { title } } } } }';
    let refused: Answer | null = null;
    for (let i = 0; i < 20 && !refused; i += 1) {
      const answer = await post(client, search);
      if (answer.status === 429) refused = answer;
      else expect(answer.status).toBe(200);
    }
    expect(refused).not.toBeNull();
    expect(refused!.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused!.body.errors?.[0]?.message).toMatch(/Rate limit reached.*Try again in \d+ s/);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.headers.get('ratelimit-remaining')).toBe('0');
    // Spent means spent: even the cheapest request is refused now, before any work is done for it.
    database.resetStatements();
    const cheap = await post(client, '{ __typename }');
    expect(cheap.status).toBe(429);
    expect(database.statements).toHaveLength(0);
    // Another client has a budget of its own.
    expect((await post(client, SECTIONS, '203.0.113.9')).status).toBe(200);
  });

  it('counts an IPv6 client by its /64, so rotating addresses within it buys nothing', async () => {
    expect(budgetAddress('2001:db8:0:42::1')).toBe('2001:db8:0:42::/64');
    expect(budgetAddress('2001:0db8:0000:0042:ffff:1:2:3')).toBe('2001:db8:0:42::/64');
    expect(budgetAddress('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(budgetAddress('192.0.2.1')).toBe('192.0.2.1');
    const client = limited(100);
    let status = 200;
    for (let i = 1; i <= 120 && status === 200; i += 1) status = (await post(client, '{ __typename }', `2001:db8:0:42::${i.toString(16)}`)).status;
    expect(status).toBe(429);
  });

  it('does not count health checks, and charges cached GET answers a point each', async () => {
    const client = limited(5, { responseCache: true });
    for (let i = 0; i < 10; i += 1) {
      const health = await client.app.fetch(new Request('http://kabar.test/healthz'), peer('198.51.100.20'));
      expect(health.status).toBe(200);
      expect(health.headers.get('ratelimit-limit')).toBeNull();
    }
    const url = `http://kabar.test/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await client.app.fetch(new Request(url), peer('198.51.100.20'))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it("never stores one client's numbers in a cached answer served to another", async () => {
    const client = limited(10_000, { responseCache: true });
    const url = `http://kabar.test/graphql?query=${encodeURIComponent(SECTIONS)}`;
    await client.app.fetch(new Request(url), peer('198.51.100.30'));
    await client.app.fetch(new Request(url), peer('198.51.100.30'));
    const other = await client.app.fetch(new Request(url), peer('198.51.100.31'));
    expect(other.status).toBe(200);
    // The other client has paid one point for the cached answer, and its header says so.
    expect(other.headers.get('ratelimit-remaining')).toBe('9999');
  });

  it('gives partners their own budget: the default for partners, or the one set on their key', async () => {
    const client = limited(50);
    const { key } = await createPartnerKey(database.db, `Agregator ${randomBytes(3).toString('hex')}`);
    const keyed = { 'x-kabar-partner-key': key };
    const answer = await post(client, SECTIONS, '198.51.100.40', keyed);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('ratelimit-limit')).toBe('500');
    expect(answer.headers.get('ratelimit-policy')).toMatch(/partner/);
    // The partner's spending is not the address's: the address paid one point for the first
    // lookup of the key (keys are remembered after it) and one for this request, nothing more.
    await post(client, SECTIONS, '198.51.100.40', keyed);
    const anonymous = await post(client, '{ __typename }', '198.51.100.40');
    expect(anonymous.headers.get('ratelimit-limit')).toBe('50');
    expect(anonymous.headers.get('ratelimit-remaining')).toBe('48');

    const name = (await database.db.selectFrom('partner_keys').select('name').orderBy('id', 'desc').executeTakeFirstOrThrow()).name;
    expect(await setPartnerRateLimit(database.db, name, 123_456)).toBe(1);
    const fresh = limited(50);
    expect((await post(fresh, SECTIONS, '198.51.100.41', keyed)).headers.get('ratelimit-limit')).toBe('123456');
    await expect(setPartnerRateLimit(database.db, name, -1)).rejects.toThrow(/whole number of points/);
  });

  it('treats a key that is not valid as no key, and charges the address for looking it up', async () => {
    const client = limited(50);
    const made = `kbr_${randomBytes(32).toString('base64url')}`;
    const answer = await post(client, '{ __typename }', '198.51.100.50', { 'x-kabar-partner-key': made });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('ratelimit-limit')).toBe('50');
    expect(answer.headers.get('ratelimit-remaining')).toBe('48');
  });

  it('turns off with RATE_LIMIT_POINTS=0', async () => {
    const client = limited(0);
    const answer = await post(client, SECTIONS);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('ratelimit-limit')).toBeNull();
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('rate limits in Redis (REDIS_URL)', () => {
  it('draws every process from one budget per client, and limits per process while Redis is away', async () => {
    const prefix = `kabar-test-${randomBytes(4).toString('hex')}:`;
    const log = () => undefined;
    const [redisA, redisB] = await Promise.all([connectRedis(redisUrl!, log, prefix), connectRedis(redisUrl!, log, prefix)]);
    await Promise.all([redisReady(redisA), redisReady(redisB)]);
    try {
      const a = limited(10, {}, redisA);
      const b = limited(10, {}, redisB);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        statuses.push((await post(a, '{ __typename }', '198.51.100.60')).status);
        statuses.push((await post(b, '{ __typename }', '198.51.100.60')).status);
      }
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      const keys = await redisA.keys('*');
      if (keys.length > 0) await redisA.del(...keys.map((key) => key.slice(prefix.length)));
      await Promise.all([redisA.quit(), redisB.quit()]);
    }
    // A Redis that cannot be reached: the process counts in its own memory and limits still hold.
    const away = await connectRedis('redis://127.0.0.1:1', log, prefix);
    try {
      const c = limited(3, {}, away);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await post(c, '{ __typename }', '198.51.100.61')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      away.disconnect();
    }
  });
});

it('prices the shared operations within the per-request limit', () => {
  for (const name of ['ArticlePage', 'HomePage', 'SectionPage', 'Search']) {
    const document = parse(readOperation(name));
    expect(databaseCostOf(schema, document, { slug: 'x', query: 'x', section: 'x' })).toBeLessThan(1_000);
  }
});
