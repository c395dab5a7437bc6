import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context as TraceContext, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../config';
import { observeStatements, type Db, type ObservedStatement } from '../db/database';

// OpenTelemetry traces, off unless TRACING=otlp or an OTLP endpoint is configured (src/config.ts).
// A traced request has a span of its own (src/http/plugins/use-tracing.ts), its GraphQL execution a
// child span, and every SQL statement run on its behalf a child of that. The span in force is kept
// in an AsyncLocalStorage of this module rather than in OpenTelemetry's global context manager, so
// nothing global is registered and apps built side by side in one process (tests) keep their own
// tracers. With tracing off no request enters the storage, and a statement costs one lookup.

interface ActiveSpan {
  tracing: Tracing;
  span: Span;
}

const active = new AsyncLocalStorage<ActiveSpan>();

/** The longest SQL text put on a span. */
const MAX_STATEMENT_TEXT = 2_000;

export class Tracing {
  private readonly tracer;

  constructor(private readonly provider: BasicTracerProvider) {
    this.tracer = provider.getTracer('kabar');
  }

  /** A new span, child of `parent` (a context, e.g. from a traceparent header) or of the span in force. */
  startSpan(name: string, options: { kind?: SpanKind; attributes?: Attributes; startTime?: number }, parent?: TraceContext): Span {
    const current = active.getStore()?.span;
    const context = parent ?? (current ? trace.setSpan(ROOT_CONTEXT, current) : ROOT_CONTEXT);
    return this.tracer.startSpan(name, options, context);
  }

  /** Runs `work` with `span` in force: spans started inside it (SQL statements) become its children. */
  run<T>(span: Span, work: () => T): T {
    return active.run({ tracing: this, span }, work);
  }

  /** Sends the spans still queued. */
  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  /** Sends the spans still queued and stops exporting. */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

/**
 * The tracing of a service, or null when tracing is off. `processor` replaces the OTLP exporter
 * (tests pass a SimpleSpanProcessor with an InMemorySpanExporter).
 */
export function createTracing(config: TracingConfig, processor?: SpanProcessor): Tracing | null {
  if (config.exporter === 'off' && !processor) return null;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    // A caller's sampling decision (traceparent) is kept; new traces are kept at the configured ratio.
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter({ url: config.endpoint }))],
  });
  return new Tracing(provider);
}

/** The span in force (a traced request's, or its execution's), if any. */
export function currentSpan(): Span | undefined {
  return active.getStore()?.span;
}

/** Ends `span` when `work` is done (at once, or when its promise settles), marking failures. */
export function endWhenDone<T>(span: Span, work: () => T): T {
  let result: T;
  try {
    result = work();
  } catch (error) {
    failSpan(span, error);
    span.end();
    throw error;
  }
  if (result && typeof (result as { then?: unknown }).then === 'function') {
    return (result as unknown as Promise<unknown>).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failSpan(span, error);
        span.end();
        throw error;
      },
    ) as T;
  }
  span.end();
  return result;
}

export function failSpan(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

const traced = new WeakSet<Db>();

/** Gives every statement `db` runs inside a traced request a span (once per database). */
export function traceStatements(db: Db): void {
  if (traced.has(db)) return;
  traced.add(db);
  observeStatements(db, statementSpan);
}

function statementSpan(statement: ObservedStatement): void {
  const current = active.getStore();
  if (!current || !current.span.isRecording()) return;
  const end = performance.timeOrigin + performance.now();
  const operation = /^\s*(\w+)/.exec(statement.sql)?.[1]?.toUpperCase() ?? 'SQL';
  const span = current.tracing.startSpan(operation, {
    kind: SpanKind.CLIENT,
    startTime: end - statement.durationMs,
    attributes: {
      'db.system.name': 'postgresql',
      'db.operation.name': operation,
      'db.query.text': statement.sql.length > MAX_STATEMENT_TEXT ? `${statement.sql.slice(0, MAX_STATEMENT_TEXT)}…` : statement.sql,
    },
  });
  if (statement.error !== undefined) failSpan(span, statement.error);
  span.end(end);
}
