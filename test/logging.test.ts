import { useTestDatabase } from './helpers/app';
import { createTestClient } from './helpers/client';
import { readOperation } from './helpers/operations';
import { createLogger, redactSecrets } from '../src/observability/logger';
import { ConfigError, loadConfig } from '../src/config';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { useRequestObservation } from '../src/http/plugins/use-request-observation';
import { Metrics } from '../src/observability/metrics';

// Structured logs (issue 14, observability): one JSON line per request with its fields, no secrets
// in any line, X-Request-Id honoured when sane and generated otherwise.

const database = useTestDatabase();

/** A client whose logger writes into `lines` (one parsed JSON object per line written). */
function loggedClient(level: 'info' | 'warn' | 'debug' = 'info') {
  const raw: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void raw.push(line) } });
  const client = createTestClient(database.db, {}, { logger });
  const lines = () => raw.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { client, raw, lines, requests: () => lines().filter((line) => line.msg === 'request') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the request log line', () => {
  it('is one JSON line per request with id, operation, status, duration and client', async () => {
    const { client, requests } = loggedClient();
    const res = await client.graphql(readOperation('HomePage'));
    expect(res.status).toBe(200);
    expect(requests()).toHaveLength(1);
    const line = requests()[0]!;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      operation: 'HomePage',
      status: 200,
      client: 'in-process',
    });
    expect(line.requestId).toMatch(UUID);
    expect(typeof line.durationMs).toBe('number');
    expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
    expect(Date.parse(line.time as string)).not.toBeNaN();
    // Untraced requests carry no trace id.
    expect(line.traceId).toBeUndefined();
  });

  it('names unnamed operations null and gives the status of refused requests', async () => {
    const { client, requests } = loggedClient();
    await client.graphql('{ publication { name } }');
    await client.graphql('{ noSuchField }');
    const [unnamed, refused] = requests();
    expect(unnamed).toMatchObject({ operation: null, status: 200 });
    expect(refused).toMatchObject({ status: 400 });
  });

  it('logs health probes at debug level only', async () => {
    const quiet = loggedClient('info');
    await quiet.client.request('/healthz');
    expect(quiet.requests()).toHaveLength(0);
    const chatty = loggedClient('debug');
    await chatty.client.request('/healthz');
    expect(chatty.requests().filter((line) => line.path === '/healthz')).toEqual([expect.objectContaining({ level: 'debug', status: 200 })]);
  });

  it('writes nothing below LOG_LEVEL', async () => {
    const { client, raw } = loggedClient('warn');
    await client.graphql('{ publication { name } }');
    expect(raw).toEqual([]);
  });

  it('takes the cache outcome from X-Kabar-Cache when the response has one', async () => {
    // The caches label their answers with the header; here a stand-in plugin does, in a bare yoga
    // with the observation plugins around it.
    const raw: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void raw.push(line) } });
    const observation = useRequestObservation({ metrics: new Metrics(), logger, graphqlEndpoint: '/graphql', addressOf: () => 'in-process' });
    const labelled: Plugin = {
      onResponse({ request, response }) {
        if (request.headers.has('x-test-cache')) response.headers.set('x-kabar-cache', request.headers.get('x-test-cache')!);
      },
    };
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'halo' } } }),
      logging: false,
      plugins: [observation.first, labelled, observation.last],
    });
    const ask = (headers: Record<string, string>) =>
      yoga.fetch('http://kabar.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: 'query Hello { hello }' }),
      });
    await ask({ 'x-test-cache': 'hit' });
    await ask({});
    const lines = raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ operation: 'Hello', status: 200, cache: 'hit' }),
      expect.not.objectContaining({ cache: expect.anything() }),
    ]);
  });
});

describe('secrets', () => {
  it('never writes bearer tokens or partner keys from a request', async () => {
    const { client, raw, requests } = loggedClient('debug');
    await client.graphql('{ publication { name } }', undefined, { authorization: 'Bearer secret123' });
    const feed = await client.request('/feeds/rss.xml?key=partnerkey456&page=1');
    await feed.text();
    const all = raw.join('');
    expect(requests().length).toBeGreaterThanOrEqual(2);
    expect(all).not.toContain('secret123');
    expect(all).not.toContain('partnerkey456');
    expect(requests().find((line) => String(line.path).startsWith('/feeds/'))?.path).toBe('/feeds/rss.xml?key=[redacted]&page=1');
  });

  it('redacts passwords in URLs, bearer tokens and key parameters in any message, and credential fields', () => {
    const raw: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void raw.push(line) } });
    logger.info('connecting to postgres://kabar:hunter2@db.internal:5432/kabar');
    logger.error(new Error('request to https://api.example/feed?token=tok-987&x=1 failed'), 'upstream');
    logger.info({ headers: { authorization: 'Bearer abc.def.ghi', 'x-kabar-partner-key': 'pk-555' }, databaseUrl: 'postgres://u:p@h/d' }, 'object');
    const all = raw.join('');
    for (const secret of ['hunter2', 'tok-987', 'abc.def.ghi', 'pk-555', 'u:p@']) expect(all).not.toContain(secret);
    expect(all).toContain('postgres://kabar:***@db.internal:5432/kabar');
    expect(redactSecrets('Authorization: Bearer eyJhbGciOi.x.y')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('/feeds/rss.xml?key=abc')).toBe('/feeds/rss.xml?key=[redacted]');
    expect(redactSecrets('nothing to hide here')).toBe('nothing to hide here');
  });
});

describe('X-Request-Id', () => {
  it('echoes a sane id from the client, in the response and the log line', async () => {
    const { client, requests } = loggedClient();
    const response = await client.request('/healthz', { headers: { 'x-request-id': 'edge-7f3a:42' } });
    expect(response.headers.get('x-request-id')).toBe('edge-7f3a:42');
    const graphql = await client.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'cdn.req-0001' },
      body: JSON.stringify({ query: '{ publication { name } }' }),
    });
    expect(graphql.headers.get('x-request-id')).toBe('cdn.req-0001');
    expect(requests().map((line) => line.requestId)).toContain('cdn.req-0001');
  });

  it('generates one when the client sends none, or one that is too long or has odd characters', async () => {
    const { client } = loggedClient();
    const ids: string[] = [];
    for (const sent of [undefined, 'x'.repeat(129), 'a b', 'id"><script>', '']) {
      const response = await client.request('/healthz', { headers: sent === undefined ? {} : { 'x-request-id': sent } });
      ids.push(response.headers.get('x-request-id')!);
    }
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is on early answers too (a refused request, a 404)', async () => {
    const { client } = loggedClient();
    const notFound = await client.request('/no-such-page', { headers: { 'x-request-id': 'probe-1' } });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-request-id')).toBe('probe-1');
    const tooLarge = await client.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(10_000_000) },
      body: '{}',
    });
    expect(tooLarge.status).toBeGreaterThanOrEqual(400);
    expect(tooLarge.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('configuration', () => {
  it('reads LOG_LEVEL, silent in tests by default, and explains a wrong value', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"/);
  });

  it('checks METRICS_TOKEN, METRICS_PORT and the tracing settings', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be 16 to 256 printable characters/);
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(() => loadConfig({ METRICS_PORT: '4000' })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(loadConfig({}).tracing.exporter).toBe('off');
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toMatchObject({
      exporter: 'otlp',
      endpoint: 'http://collector:4318/v1/traces',
    });
    expect(loadConfig({ TRACING: 'otlp' }).tracing.endpoint).toBe('http://localhost:4318/v1/traces');
    expect(() => loadConfig({ TRACING_SAMPLE_RATIO: '2' })).toThrow(/TRACING_SAMPLE_RATIO must be a number from 0 to 1/);
    expect(() => loadConfig({ TRACING: 'jaeger' })).toThrow(/TRACING must be one of off, otlp/);
  });
});
