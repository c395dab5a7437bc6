import { useTestDatabase } from './helpers/app';
import { createTestClient, type TestClient } from './helpers/client';
import { readOperation } from './helpers/operations';
import { Metrics, MAX_OTHER_OPERATION_NAMES } from '../src/observability/metrics';
import { observeJobs, startPeriodic } from '../src/jobs/periodic';

// /metrics (issue 14, observability): what a scrape shows after a few requests, that operation
// names cannot create unbounded series, and who may scrape. Each test has a client (and so a
// Metrics) of its own, so counts start at zero.

const database = useTestDatabase();

/** Server context of a request that came over a socket from `address` (what Node's adapter passes). */
const from = (address: string) => ({ req: { socket: { remoteAddress: address } } });

async function scrape(client: TestClient, serverContext: object = {}, headers: Record<string, string> = {}) {
  const response = await client.app.fetch(new Request('http://kabar.test/metrics', { headers }), serverContext);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one series (name plus labels exactly as printed), or undefined when absent. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Distinct values of `label` among the samples of `name`. */
function labelValues(text: string, name: string, label: string): Set<string> {
  const values = new Set<string>();
  const pattern = new RegExp(`^${name}\\{[^}]*${label}="([^"]*)"`);
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (match) values.add(match[1]!);
  }
  return values;
}

describe('a scrape after a few requests', () => {
  it('counts named operations by name, unnamed ones as anonymous, with latency histograms', async () => {
    const client = createTestClient(database.db);
    const home = readOperation('HomePage');
    // Named in the document only, and named by operationName as well.
    expect((await client.graphql(home)).errors).toBeUndefined();
    const withName = await client.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: home, operationName: 'HomePage' }),
    });
    expect(withName.status).toBe(200);
    expect((await client.graphql('{ publication { name } }')).errors).toBeUndefined();
    const { status, type, text } = await scrape(client);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(text, 'kabar_graphql_requests_total{operation="HomePage"}')).toBe(2);
    expect(valueOf(text, 'kabar_graphql_requests_total{operation="anonymous"}')).toBe(1);
    expect(valueOf(text, 'kabar_graphql_request_duration_seconds_count{operation="HomePage"}')).toBe(2);
    expect(valueOf(text, 'kabar_graphql_request_duration_seconds_bucket{le="+Inf",operation="HomePage"}')).toBe(2);
    expect(valueOf(text, 'kabar_http_requests_total{route="/graphql",status_class="2xx"}')).toBe(3);
    // The database: statement latency, and the pool as it is now.
    expect(valueOf(text, 'kabar_db_statement_duration_seconds_count')).toBeGreaterThan(0);
    expect(valueOf(text, 'kabar_db_pool_connections_idle{pool="primary"}')).toBeGreaterThan(0);
    expect(valueOf(text, 'kabar_db_pool_connections_in_use{pool="primary"}')).toBe(0);
    expect(valueOf(text, 'kabar_db_pool_waiting_checkouts{pool="primary"}')).toBe(0);
    // The process: event-loop delay and heap (prom-client's default metrics, prefixed).
    expect(valueOf(text, 'kabar_nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'kabar_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    // Every sample's name follows the convention.
    const names = text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => /^[^{ ]+/.exec(line)![0]);
    expect(names.filter((name) => !/^kabar_[a-z0-9_]+$/.test(name))).toEqual([]);
  });

  it('pools operation names beyond the cap into "other"; known operations keep their names', async () => {
    const client = createTestClient(database.db);
    for (let i = 0; i < 200; i += 1) {
      const res = await client.graphql(`query MadeUp${i} { publication { name } }`);
      expect(res.status).toBe(200);
    }
    await client.graphql(readOperation('HomePage'));
    const { text } = await scrape(client);
    const operations = labelValues(text, 'kabar_graphql_requests_total', 'operation');
    const madeUp = [...operations].filter((name) => name.startsWith('MadeUp'));
    expect(madeUp).toHaveLength(MAX_OTHER_OPERATION_NAMES);
    expect(valueOf(text, 'kabar_graphql_requests_total{operation="other"}')).toBe(200 - MAX_OTHER_OPERATION_NAMES);
    expect(valueOf(text, 'kabar_graphql_requests_total{operation="HomePage"}')).toBe(1);
    expect(operations.size).toBeLessThan(200);
  });

  it('counts errors by extensions.code and HTTP answers by route and status class', async () => {
    const client = createTestClient(database.db);
    expect((await client.graphql('{ noSuchField }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await client.graphql('{ latest(first: 3) { title }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await client.graphql('{ noSuchField }')).status).toBe(400);
    expect((await client.request('/healthz')).status).toBe(200);
    expect((await client.request('/no-such-page')).status).toBe(404);
    const { text } = await scrape(client);
    expect(valueOf(text, 'kabar_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(2);
    expect(valueOf(text, 'kabar_graphql_errors_total{code="GRAPHQL_PARSE_FAILED"}')).toBe(1);
    expect(valueOf(text, 'kabar_http_requests_total{route="/graphql",status_class="4xx"}')).toBe(3);
    expect(valueOf(text, 'kabar_http_requests_total{route="/healthz",status_class="2xx"}')).toBe(1);
    expect(valueOf(text, 'kabar_http_requests_total{route="other",status_class="4xx"}')).toBe(1);
  });
});

describe('figures other modules report', () => {
  it('counts job runs, failures and durations, and marks the leader', async () => {
    const metrics = new Metrics();
    let fail = false;
    const job = startPeriodic(
      'related',
      3_600_000,
      async () => {
        if (fail) throw new Error('boom');
      },
      () => undefined,
      metrics,
    );
    await job.runNow();
    fail = true;
    await job.runNow();
    await job.stop();
    // Tasks started without an observer report to the one the service set.
    const restore = observeJobs(metrics);
    const views = startPeriodic('views', 3_600_000, async () => undefined);
    await views.runNow();
    await views.stop();
    restore();
    metrics.jobLed('trending', false);
    const client = createTestClient(database.db, {}, { metrics });
    const { text } = await scrape(client);
    expect(valueOf(text, 'kabar_job_runs_total{job="related"}')).toBe(2);
    expect(valueOf(text, 'kabar_job_failures_total{job="related"}')).toBe(1);
    expect(valueOf(text, 'kabar_job_duration_seconds_count{job="related"}')).toBe(2);
    expect(valueOf(text, 'kabar_job_leader{job="related"}')).toBe(1);
    expect(valueOf(text, 'kabar_job_runs_total{job="views"}')).toBe(1);
    expect(valueOf(text, 'kabar_job_leader{job="trending"}')).toBe(0);
  });

  it('reports cache outcomes, SSE subscribers, replica lag and the view buffer', async () => {
    const metrics = new Metrics();
    const client = createTestClient(database.db, {}, { metrics });
    metrics.recordCacheOutcome('response', 'hit');
    metrics.recordCacheOutcome('response', 'hit');
    metrics.recordCacheOutcome('response', 'miss');
    metrics.recordCacheOutcome('feed', 'stale');
    metrics.sseSubscribed();
    metrics.sseSubscribed();
    metrics.sseUnsubscribed();
    metrics.setReplicaLag('replica-1:5433', 0.25);
    client.views.buffer.record(1);
    client.views.buffer.record(2);
    metrics.observeViewBuffer(() => client.views.buffer.pendingViews);
    const { text } = await scrape(client);
    expect(valueOf(text, 'kabar_cache_lookups_total{cache="response",outcome="hit"}')).toBe(2);
    expect(valueOf(text, 'kabar_cache_lookups_total{cache="response",outcome="miss"}')).toBe(1);
    expect(valueOf(text, 'kabar_cache_lookups_total{cache="feed",outcome="stale"}')).toBe(1);
    expect(valueOf(text, 'kabar_sse_subscribers')).toBe(1);
    expect(valueOf(text, 'kabar_db_replica_lag_seconds{replica="replica-1:5433"}')).toBe(0.25);
    expect(valueOf(text, 'kabar_view_buffer_pending_views')).toBe(2);
  });
});

describe('cache outcomes', () => {
  it('counts what X-Kabar-Cache says of each answer (response cache and finished GET answers)', async () => {
    const client = createTestClient(database.db, { responseCache: true });
    const query = '# Terbaru\nquery Latest { latest(first: 2) { title } }';
    const said: string[] = [];
    const post = () =>
      client.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const get = () => client.request(`/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' } });
    for (const ask of [post, post, get, get]) {
      const response = await ask();
      expect(response.status).toBe(200);
      said.push(response.headers.get('x-kabar-cache') ?? 'none');
    }
    // The first answer is computed, later ones come from a cache.
    expect(said[0]).toBe('MISS');
    expect(said.slice(1)).toEqual(['HIT', 'HIT', 'HIT']);
    const { text } = await scrape(client);
    expect(valueOf(text, 'kabar_cache_lookups_total{cache="response",outcome="miss"}')).toBe(1);
    expect(valueOf(text, 'kabar_cache_lookups_total{cache="response",outcome="hit"}')).toBe(3);
    // Answers from either cache never execute, and a finished GET answer never reaches yoga's
    // parameters: all four are still counted under the operation's name.
    expect(valueOf(text, 'kabar_graphql_requests_total{operation="Latest"}')).toBe(4);
  });
});

describe('who may scrape', () => {
  it('serves loopback clients (and in-process calls) only, by default', async () => {
    const client = createTestClient(database.db);
    expect((await scrape(client, from('127.0.0.1'))).status).toBe(200);
    expect((await scrape(client, from('::1'))).status).toBe(200);
    expect((await scrape(client, from('::ffff:127.0.0.1'))).status).toBe(200);
    const remote = await scrape(client, from('203.0.113.9'));
    expect(remote.status).toBe(403);
    expect(remote.text).not.toMatch(/kabar_/);
    expect(remote.text).toMatch(/loopback/);
  });

  it('does not take a trusted proxy on loopback for a local client', async () => {
    const client = createTestClient(database.db, { trustProxy: '127.0.0.1' });
    expect((await scrape(client, from('127.0.0.1'), { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    expect((await scrape(client, from('127.0.0.1'))).status).toBe(200);
  });

  it('with METRICS_TOKEN, wants the bearer token from any address', async () => {
    const token = 'k2VqP9x4Lr8sT1mZ7wQa';
    const client = createTestClient(database.db, { metricsToken: token });
    const missing = await scrape(client, from('203.0.113.9'));
    expect(missing.status).toBe(401);
    expect(missing.text).not.toMatch(/kabar_/);
    const wrong = await scrape(client, from('203.0.113.9'), { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.status).toBe(403);
    expect(wrong.text).not.toMatch(/kabar_/);
    // Loopback alone is no longer enough.
    expect((await scrape(client, from('127.0.0.1'))).status).toBe(401);
    const right = await scrape(client, from('203.0.113.9'), { authorization: `Bearer ${token}` });
    expect(right.status).toBe(200);
    expect(right.text).toMatch(/^# HELP kabar_/m);
  });

  it('with METRICS_PORT, leaves /metrics off the main port', async () => {
    const client = createTestClient(database.db, { metricsPort: 9464 });
    expect((await scrape(client, from('127.0.0.1'))).status).toBe(404);
  });
});
