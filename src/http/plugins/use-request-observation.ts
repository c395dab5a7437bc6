import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CacheOutcome, Metrics } from '../../observability/metrics';
import { routeOf } from '../../observability/metrics';
import { redactSecrets, requestIdOf, type Logger } from '../../observability/logger';
import { currentSpan } from '../../observability/tracing';

export interface RequestObservationOptions {
  metrics: Metrics;
  logger: Logger;
  graphqlEndpoint: string;
  /** The client's address (src/http/client-address.ts). */
  addressOf(request: Request, serverContext: unknown): string;
}

interface Observed {
  startedAt: number;
  id: string;
  path: string;
  /** The operation name as given (params), or read from the document; null: unnamed. */
  operation?: string | null;
}

/** Health probes and scrapes: counted, but logged only at debug level (they come every few seconds). */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

const MAX_LOGGED_QUERY = 300;

const CACHE_OUTCOMES = new Map<string, CacheOutcome>([
  ['HIT', 'hit'],
  ['STALE', 'stale'],
  ['MISS', 'miss'],
]);

/**
 * Every request: an `X-Request-Id` (the client's when it is sane, else a new one) returned on the
 * response, one JSON log line when it is answered (id, method, path, operation, status, duration,
 * cache outcome from `X-Kabar-Cache`, client address, trace id when traced), and its metrics
 * (requests and latency by operation, errors by code, HTTP requests by route and status class,
 * cache outcomes from `X-Kabar-Cache`).
 *
 * Two plugins: `first` must come before every other plugin (it notes when the request arrived, even
 * if a later plugin answers at once), `last` after all of them (it sees the response as sent).
 */
export function useRequestObservation(options: RequestObservationOptions): { first: Plugin; last: Plugin } {
  const { metrics, logger, graphqlEndpoint } = options;
  const observed = new WeakMap<Request, Observed>();
  const first: Plugin = {
    onRequest({ request, url }) {
      observed.set(request, { startedAt: performance.now(), id: requestIdOf(request.headers.get('x-request-id')), path: url.pathname });
    },
    onExecute({ args }) {
      // A document with one named operation needs no operationName; its name is read here.
      const request = (args.contextValue as { request?: Request }).request;
      const entry = request && observed.get(request);
      if (entry && !entry.operation) entry.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
    },
    onResultProcess({ result }) {
      if (Array.isArray(result)) for (const one of result) countErrors(metrics, one);
      else countErrors(metrics, result);
    },
  };
  const last: Plugin = {
    // Here, after persisted queries have filled in the document and before anything executes (an
    // answer from the response cache never does): the name given, or the name the document opens with.
    onParams({ request, params }) {
      const entry = observed.get(request);
      if (entry) entry.operation = params.operationName || leadingOperationName(params.query);
    },
    onResponse({ request, response: sent, serverContext, setResponse, fetchAPI }) {
      const entry = observed.get(request);
      const durationMs = entry ? performance.now() - entry.startedAt : 0;
      const id = entry?.id ?? requestIdOf(request.headers.get('x-request-id'));
      let response = sent;
      try {
        response.headers.set('x-request-id', id);
      } catch {
        // Headers of a response that came from elsewhere may be immutable: answer with a copy.
        const headers = new fetchAPI.Headers(response.headers);
        headers.set('x-request-id', id);
        response = new fetchAPI.Response(response.body, { status: response.status, statusText: response.statusText, headers });
        setResponse(response);
      }
      const path = entry?.path ?? new URL(request.url).pathname;
      const route = routeOf(path);
      const isGraphQL = path === graphqlEndpoint && !(response.headers.get('content-type') ?? '').startsWith('text/html');
      // Answers served before yoga read the parameters (finished GET answers) name the operation in the URL.
      const operation = !isGraphQL ? undefined : entry?.operation !== undefined ? entry.operation : operationInUrl(request.url);
      metrics.httpRequest(route, response.status, durationMs);
      if (isGraphQL) metrics.graphqlRequest(operation, durationMs);
      // The caches say how they answered (HIT, STALE, MISS); counted here, once per request.
      const cache = response.headers.get('x-kabar-cache');
      const outcome = cache && CACHE_OUTCOMES.get(cache.toUpperCase());
      if (outcome) metrics.recordCacheOutcome(route === '/graphql' ? 'response' : 'feed', outcome);
      const level = QUIET_ROUTES.has(route) ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const span = currentSpan()?.spanContext();
      logger[level](
        {
          requestId: id,
          method: request.method,
          path: isGraphQL ? path : loggedPath(request.url, path),
          ...(isGraphQL ? { operation: operation ?? null } : {}),
          status: response.status,
          durationMs: Math.round(durationMs * 10) / 10,
          ...(cache ? { cache } : {}),
          client: options.addressOf(request, serverContext),
          ...(span ? { traceId: span.traceId, spanId: span.spanId } : {}),
        },
        'request',
      );
    },
  };
  return { first, last };
}

// A document that starts (after white space and comments) with a named operation. Others are named
// by onExecute from the parsed document, or stay unnamed when nothing executes.
const LEADING_OPERATION = /^(?:\s|,|#[^\n]*\n)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

function leadingOperationName(query: string | undefined): string | null {
  return (query && LEADING_OPERATION.exec(query)?.[1]) || null;
}

function operationInUrl(url: string): string | null {
  const search = new URL(url).searchParams;
  return search.get('operationName') || leadingOperationName(search.get('query') ?? undefined);
}

function countErrors(metrics: Metrics, result: unknown): void {
  const errors = (result as ExecutionResult | undefined)?.errors;
  if (!errors) return;
  for (const error of errors) metrics.graphqlError(error.extensions?.code);
}

/** The path with its query (secrets redacted, shortened); GraphQL documents are left out. */
function loggedPath(rawUrl: string, path: string): string {
  const query = rawUrl.indexOf('?');
  if (query < 0) return path;
  const search = redactSecrets(rawUrl.slice(query));
  return `${path}${search.length > MAX_LOGGED_QUERY ? `${search.slice(0, MAX_LOGGED_QUERY)}…` : search}`;
}
