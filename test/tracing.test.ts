import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { useTestDatabase } from './helpers/app';
import { createTestClient } from './helpers/client';
import { readOperation } from './helpers/operations';
import { sql } from 'kysely';
import { createTracing, traceStatements } from '../src/observability/tracing';
import { createLogger } from '../src/observability/logger';
import { loadConfig, type TracingConfig } from '../src/config';

// OpenTelemetry tracing (issue 14, observability), with spans kept in memory instead of exported:
// one request gives a request span, an execution span under it and a span per SQL statement under
// that, all of one trace, whose id is in the request's log line.

const database = useTestDatabase();

const TRACING: TracingConfig = { ...loadConfig({ TRACING: 'otlp' }).tracing };

function tracedClient(tracing: Partial<TracingConfig> = {}) {
  const exporter = new InMemorySpanExporter();
  const raw: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void raw.push(line) } });
  const client = createTestClient(database.db, {}, { tracing: createTracing({ ...TRACING, ...tracing }, new SimpleSpanProcessor(exporter)), logger });
  const requestLines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'request');
  return { client, exporter, requestLines };
}

const isSql = (span: ReadableSpan) => span.attributes['db.system.name'] === 'postgresql';

describe('a traced request', () => {
  it('has a request span, an execution span under it and SQL spans under that, with the trace id in its log line', async () => {
    const { client, exporter, requestLines } = tracedClient();
    const slug = await anySlug();
    database.resetStatements();
    const res = await client.graphql(readOperation('ArticlePage'), { slug });
    expect(res.errors).toBeUndefined();
    const statements = database.statements.length;
    const spans = exporter.getFinishedSpans();
    const request = spans.filter((span) => span.kind === SpanKind.SERVER);
    expect(request).toHaveLength(1);
    const [root] = request;
    expect(root!.name).toBe('POST /graphql');
    expect(root!.parentSpanContext).toBeUndefined();
    expect(root!.attributes).toMatchObject({ 'http.request.method': 'POST', 'url.path': '/graphql', 'http.response.status_code': 200 });
    const executions = spans.filter((span) => span.name.startsWith('graphql.execute'));
    expect(executions).toHaveLength(1);
    const [execution] = executions;
    expect(execution!.parentSpanContext?.spanId).toBe(root!.spanContext().spanId);
    const sql = spans.filter(isSql);
    // One span per statement the request ran (the test database counts them too).
    expect(sql.length).toBeGreaterThan(0);
    expect(sql).toHaveLength(statements);
    for (const span of sql) {
      expect(span.parentSpanContext?.spanId).toBe(execution!.spanContext().spanId);
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(String(span.attributes['db.query.text'])).toMatch(/^\s*(select|with)\b/i);
    }
    const traceId = root!.spanContext().traceId;
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([traceId]));
    expect(requestLines()).toEqual([expect.objectContaining({ operation: 'ArticlePage', traceId, spanId: root!.spanContext().spanId })]);
  });

  it("continues the caller's trace from a traceparent header", async () => {
    const { client, exporter } = tracedClient();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = '00f067aa0ba902b7';
    await client.graphql('{ publication { name } }', undefined, { traceparent: `00-${traceId}-${parent}-01` });
    const root = exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER)!;
    expect(root.spanContext().traceId).toBe(traceId);
    expect(root.parentSpanContext?.spanId).toBe(parent);
  });

  it('marks failed executions', async () => {
    const { client, exporter } = tracedClient();
    const res = await client.graphql('query Broken { latest(first: 1000) { title } }');
    expect(res.errors).toBeDefined();
    const execution = exporter.getFinishedSpans().find((span) => span.name.startsWith('graphql.execute'));
    expect(execution?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('marks failed statements, and traces work outside requests that runs in a span', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = createTracing(TRACING, new SimpleSpanProcessor(exporter))!;
    traceStatements(database.db);
    const job = tracing.startSpan('job', {});
    await tracing.run(job, () => sql`select 1 / 0`.execute(database.db).catch(() => undefined));
    job.end();
    const failed = exporter.getFinishedSpans().find(isSql);
    expect(failed?.parentSpanContext?.spanId).toBe(job.spanContext().spanId);
    expect(failed?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'division by zero' });
  });

  it('keeps no spans at a sample ratio of 0, and the request still works', async () => {
    const { client, exporter, requestLines } = tracedClient({ sampleRatio: 0 });
    const res = await client.graphql('{ publication { name } }');
    expect(res.errors).toBeUndefined();
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(requestLines()).toHaveLength(1);
  });

  it('makes no spans in an app without tracing (the default), even next to a traced one', async () => {
    expect(createTracing(loadConfig({}).tracing)).toBeNull();
    // The traced app observes the same database's statements; the other app's are not its own.
    const { exporter } = tracedClient();
    const plain = createTestClient(database.db);
    expect((await plain.graphql('{ latest(first: 2) { title } }')).errors).toBeUndefined();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

async function anySlug(): Promise<string> {
  const { rows } = await database.db
    .selectFrom('articles')
    .select('slug')
    .where('status', '=', 'published')
    .where('published_at', '<', new Date())
    .limit(1)
    .execute()
    .then((rows) => ({ rows }));
  return rows[0]!.slug;
}
