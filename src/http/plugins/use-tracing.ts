import type { Plugin } from 'graphql-yoga';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { routeOf } from '../../observability/metrics';
import { currentSpan, endWhenDone, type Tracing } from '../../observability/tracing';

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * Spans for each request (continuing the caller's trace when it sends a W3C `traceparent`) and for
 * its GraphQL execution; SQL statements get theirs from src/observability/tracing.ts. Only added to
 * the app when tracing is on: yoga's instrumentation hooks wrap each phase, so the span is in force
 * for everything that runs inside it.
 */
export function useTracing(tracing: Tracing): Plugin {
  const propagator = new W3CTraceContextPropagator();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
        const path = new URL(request.url).pathname;
        const route = routeOf(path);
        const span = tracing.startSpan(
          `${request.method} ${route}`,
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': path, 'http.route': route } },
          parent,
        );
        return tracing.run(span, () => endWhenDone(span, wrapped));
      },
      execute({ context }, wrapped) {
        const operation = (context as { params?: { operationName?: string | null } }).params?.operationName;
        const span = tracing.startSpan(operation ? `graphql.execute ${operation}` : 'graphql.execute', {
          attributes: operation ? { 'graphql.operation.name': operation } : {},
        });
        return tracing.run(span, () => endWhenDone(span, wrapped));
      },
    },
    onExecute() {
      return {
        onExecuteDone({ result }) {
          // The execution span is in force here; GraphQL errors do not throw, so they are marked.
          const errors = 'errors' in result ? result.errors : undefined;
          if (errors && errors.length > 0) currentSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]!.message });
        },
      };
    },
    onResponse({ response }) {
      const span = currentSpan();
      span?.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
    },
  };
}
