import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { schema } from '../schema';
import { createContext, READ_PRIMARY_COOKIE, type AppDependencies, type Context } from '../context';
import { useReadYourWrites } from './plugins/use-read-your-writes';
import { useQueryLimits } from './plugins/use-query-limits';
import { useHealth } from './plugins/use-health';
import { useDemoMedia } from './plugins/use-demo-media';
import { useFeeds } from './plugins/use-feeds';
import { useViews } from './plugins/use-views';
import { useVaryOrigin } from './plugins/use-vary-origin';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useHttpCaching } from './plugins/use-http-caching';
import { RequestCacheStates, useTaggedResponseCaching } from './plugins/use-response-caching';
import { usePrivateAnswers } from './plugins/use-private-answers';
import { useInputErrorCodes } from './plugins/use-input-error-codes';
import {
  createMemoryPersistedQueryStore,
  createRedisPersistedQueryStore,
  loadKnownOperations,
  usePersistedQueries,
} from './plugins/use-persisted-queries';
import { ContentGeneration, followChangesWithGeneration } from '../cache/generation';
import { createCachePolicy } from '../cache/policy';
import { createFinishedResponses, type FinishedResponses } from '../cache/store';
import { createMemoryAnswers, createRedisAnswers, TaggedAnswers } from '../cache/tagged-store';
import { followChangesWithTags } from '../cache/freshness';
import { CdnPurger } from '../cache/cdn-purge';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maskError } from './errors';
import { createYogaLogger } from './logger';
import { createRepeatedDocumentFilter } from './repeated-documents';
import { clientAddress, NO_TRUSTED_PROXIES, parseTrustedProxies } from './client-address';
import { useRequestGuard } from './plugins/use-request-guard';
import { memoisedPage, useSecurityHeaders } from './plugins/use-security-headers';
import { labelRefusal } from './plugins/label-refusal';
import { useRateLimits } from './plugins/use-rate-limits';
import { useRequestDeadline } from './plugins/use-request-deadline';
import { useEventStream } from './plugins/use-event-stream';
import { useSharedSubscriptionResults } from './plugins/use-shared-subscription-results';
import { RateLimits } from './rate-limits';
import { PartnerDirectory } from './partner-directory';
import { Metrics, operationNamesIn } from '../observability/metrics';
import { createLogger } from '../observability/logger';
import { traceStatements } from '../observability/tracing';
import { observeStatements, poolStats } from '../db/database';
import { useRequestObservation } from './plugins/use-request-observation';
import { useMetricsEndpoint } from './plugins/use-metrics-endpoint';
import { useTracing } from './plugins/use-tracing';

export type KabarApp = YogaServerInstance<Record<string, unknown>, Context> & {
  /** The generation of cached answers; `generation.invalidate()` drops every cached answer. */
  generation: ContentGeneration;
  /** What /metrics serves (the service's, or the app's own). */
  metrics: Metrics;
  caches: AppCaches;
};

/**
 * The whole HTTP surface as a fetch handler. It never listens: src/server.ts puts it on a port,
 * tests call `app.fetch()` directly.
 */
export function createApp(deps: AppDependencies): KabarApp {
  const { config } = deps;
  const allowedOrigins = new Set(config.corsOrigins);
  const trustedProxies = config.trustProxy ? parseTrustedProxies(config.trustProxy) : NO_TRUSTED_PROXIES;
  const generation = deps.generation ?? new ContentGeneration();
  // Editorial writes move this process's generation on after their commit.
  const contextDeps = { ...deps, generation };
  const cachePolicy = createCachePolicy(schema, {
    contentSeconds: config.cacheTtlSeconds,
    trendingSeconds: config.cacheTrendingTtlSeconds,
    liveSeconds: config.live.cacheSeconds,
  });
  const caches = createCaches(deps, generation);
  const persistedQueries = deps.redis ? createRedisPersistedQueryStore(deps.redis) : createMemoryPersistedQueryStore();
  // Read once at start-up: in "known" mode only these operations run.
  const knownOperations = config.persistedQueries === 'known' ? loadKnownOperations(config.persistedQueriesFolder) : undefined;
  const registrations = new RateLimits(
    {
      name: 'apq',
      points: config.persistedQueryRegistrationsPerMinute,
      partnerPoints: config.persistedQueryRegistrationsPerMinute,
      windowSeconds: 60,
    },
    deps.redis ?? null,
  );
  const addressOf = (request: Request, serverContext: unknown) => clientAddress(request, serverContext, trustedProxies);
  const { metrics, logger, tracing } = observability(deps);
  const observation = useRequestObservation({ metrics, logger, graphqlEndpoint: '/graphql', addressOf });
  const graphiqlPage = memoisedPage(renderGraphiQL);
  const isRepeated = createRepeatedDocumentFilter();
  const rateLimits = useRateLimits({
    limits: new RateLimits(
      { points: config.rateLimitPoints, partnerPoints: config.rateLimitPartnerPoints, windowSeconds: config.rateLimitWindowSeconds },
      deps.redis ?? null,
    ),
    partners: new PartnerDirectory(deps.db),
    addressOf: (request, serverContext) => clientAddress(request, serverContext, trustedProxies),
  });
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maxRequestBodySize: config.maxRequestBodyBytes,
    // Yoga's own /health answers before any plugin; ours (/healthz, /readyz) is in useHealth.
    healthCheckEndpoint: '/_yoga/health',
    // The bundled GraphiQL carries its scripts and styles inline: it works with no internet access.
    graphiql: config.graphiql ? { title: `${config.siteName} · GraphQL`, defaultQuery: DEFAULT_QUERY } : false,
    renderGraphiQL: graphiqlPage.render,
    // Browsers may call the API (and the view beacon) only from the configured origins. Other origins
    // get no CORS headers, so their pages cannot read answers; no cookies are involved.
    cors: (request) => {
      const origin = request.headers.get('origin');
      if (!origin || !allowedOrigins.has(origin)) return false;
      return { origin, credentials: false, methods: ['GET', 'POST'], maxAge: 600 };
    },
    // Unexpected errors reach clients as "Unexpected error."; only GraphQLErrors we raise on
    // purpose (bad input, limits) keep their message.
    // Database outages become 503 with Retry-After (src/http/errors.ts).
    maskedErrors: { isDev: false, maskError },
    logging: createYogaLogger(logger),
    context: (initial) =>
      createContext(
        contextDeps,
        initial.request,
        clientAddress(initial.request, initial, trustedProxies),
        (initial.params as { query?: string } | undefined)?.query,
      ),
    plugins: [
      // Request id, log line and metrics of every request (and its span, when tracing is on).
      ...(tracing ? [useTracing(tracing)] : []),
      observation.first,
      // With METRICS_PORT the figures are served on that port only (src/server.ts).
      ...(config.metricsPort === null ? [useMetricsEndpoint({ metrics, access: { token: config.metricsToken }, addressOf })] : []),
      // Malformed and oversized requests are refused before anything else looks at them.
      useRequestGuard({ graphqlEndpoint: '/graphql', maxBodyBytes: config.maxRequestBodyBytes }),
      useSecurityHeaders({ htmlPolicy: graphiqlPage.policy }),
      // Every request pays a point before any work is done for it, cached answers included.
      rateLimits.onRequest,
      // Parsing stops after MAX_QUERY_TOKENS tokens, so nesting cannot overflow the stack and a
      // huge document costs no more than a small one; aliases and directives are counted before
      // anything executes. Each refusal names the limit (extensions.code says which).
      maxTokensPlugin({ n: config.maxQueryTokens, onReject: [labelRefusal('QUERY_TOO_LARGE')] }),
      maxAliasesPlugin({ n: config.maxQueryAliases, onReject: [labelRefusal('TOO_MANY_ALIASES')] }),
      maxDirectivesPlugin({ n: config.maxQueryDirectives, onReject: [labelRefusal('TOO_MANY_DIRECTIVES')] }),
      ...(config.introspection ? [] : [useNoIntrospection()]),
      useVaryOrigin(),
      useHealth({ db: deps.db, draining: deps.draining }),
      ...(deps.replicas
        ? [
            useReadYourWrites({
              cookie: READ_PRIMARY_COOKIE,
              seconds: config.fleet.readYourWritesSeconds,
              secure: config.publicBaseUrl.startsWith('https:'),
            }),
          ]
        : []),
      useDemoMedia(),
      useFeeds({ db: deps.db, config, generation: caches.feeds }),
      useViews({ views: deps.views, trustedProxies, allowedOrigins: new Set([...allowedOrigins, new URL(config.publicBaseUrl).origin]) }),
      // Persisted queries fill in the document before anything looks at it (cache key, limits).
      ...usePersistedQueries({
        store: persistedQueries,
        knownOnly: knownOperations,
        allowRegistration: async (request, serverContext) =>
          !(await registrations.charge(registrations.anonymous(clientAddress(request, serverContext, trustedProxies)), 1)).exceeded,
      }),
      useHttpCaching({
        policy: cachePolicy,
        graphqlEndpoint: '/graphql',
        finished: caches.finished,
        states: caches.states,
        listTtlMs: config.cacheListTtlSeconds * 1000,
        staleSeconds: config.cacheStaleSeconds,
        staleIfErrorSeconds: config.cacheStaleIfErrorSeconds,
        outageGraceMs: config.cacheOutageGraceSeconds * 1000,
      }),
      // Staff answers and previews: never kept by a CDN or browser (after useHttpCaching on purpose).
      usePrivateAnswers({ schema, graphqlEndpoint: '/graphql' }),
      useInputErrorCodes(),
      // Limits before the response cache: a refused operation stops there and is never cached.
      useQueryLimits({ maxDepth: config.maxQueryDepth, maxComplexity: config.maxQueryComplexity }),
      // The operation's measured cost is charged before it runs (and before the response cache).
      rateLimits.onOperation,
      // Documents used repeatedly are compiled into plain JavaScript (graphql-jit) and run as that,
      // which costs less CPU than graphql-js's interpreter (bench/README.md); one-offs are not
      // (src/http/repeated-documents.ts). Before the response cache, which wraps whatever executes.
      useGraphQlJit({}, { enableIf: (args) => isRepeated(args.document) }),
      ...(caches.answers && caches.states
        ? useTaggedResponseCaching({
            answers: caches.answers,
            policy: cachePolicy,
            states: caches.states,
            listTtlMs: config.cacheListTtlSeconds * 1000,
            staleMs: config.cacheStaleSeconds * 1000,
            outageGraceMs: config.cacheOutageGraceSeconds * 1000,
          })
        : []),
      // Last, so that it wraps whatever executes (graphql-jit replaces the execute function): the
      // SQL it runs is cancelled when the client leaves or the deadline passes. Subscriptions are
      // not executions: a live stream has no deadline.
      useRequestDeadline({ deadlineMs: config.requestDeadlineMs }),
      // Subscriptions as server-sent events with event ids and heartbeats (src/live); each event is
      // executed once for all the public streams that asked the same thing.
      useSharedSubscriptionResults({ eventIdOf: (payload) => (payload as { eventId?: number } | null)?.eventId ?? null }),
      useEventStream({ heartbeatMs: config.live.heartbeatMs }),
      observation.last,
    ],
  });
  return Object.assign(yoga, { generation, caches, metrics });
}

/** The app's metrics, logger and tracing: the service's, or its own; the database observed by them. */
function observability(deps: AppDependencies) {
  const metrics = deps.metrics ?? new Metrics({ knownOperations: operationNamesIn(deps.config.persistedQueriesFolder) });
  const logger = deps.logger ?? createLogger({ level: deps.config.logLevel });
  const tracing = deps.tracing ?? null;
  observeStatements(deps.db, (statement) => metrics.statement(statement.durationMs, statement.error !== undefined));
  metrics.observePool('primary', () => poolStats(deps.db));
  if (tracing) traceStatements(deps.db);
  return { metrics, logger, tracing };
}

/** Kabar's own caches, by design (CACHE_INVALIDATION): what the plugins use and what changes reach. */
export interface AppCaches {
  design: 'tags' | 'generation';
  /** Tag design, response cache on: answers by what they read. */
  answers?: TaggedAnswers;
  states?: RequestCacheStates;
  finished?: FinishedResponses;
  /** What feed documents are keyed by: moved on by every change in the generation design, by those that reach feeds in the tag design. */
  feeds: ContentGeneration;
  /** Stops following the change feed. */
  detach(): void;
}

function createCaches(deps: AppDependencies, generation: ContentGeneration): AppCaches {
  const { config } = deps;
  const design = config.cacheInvalidation;
  const limits = { maxEntries: config.responseCacheMaxEntries, maxBytes: config.responseCacheMaxBytes, allowedOrigins: new Set(config.corsOrigins) };
  const feeds = design === 'generation' ? generation : new ContentGeneration();
  if (!config.responseCache) {
    const stop = deps.changes && design === 'tags' ? followChangesWithTags(deps.changes, { answers: NO_ANSWERS, feeds }) : () => undefined;
    const stopGeneration = deps.changes && design === 'generation' ? followChangesWithGeneration(deps.changes, generation) : () => undefined;
    return {
      design,
      feeds,
      detach() {
        stop();
        stopGeneration();
      },
    };
  }
  // The longest an answer can live: the content TTL, its stale period and the outage grace. Tag sets
  // must outlive their answers, or a take-down could not find an answer kept for an outage.
  const maxTagTtlMs = (config.cacheTtlSeconds + config.cacheStaleSeconds + config.cacheOutageGraceSeconds) * 1000 + 60_000;
  const backend = deps.redis ? createRedisAnswers(deps.redis, { maxTagTtlMs }) : createMemoryAnswers(limits);
  const answers = new TaggedAnswers(backend, { waitMs: COALESCE_WAIT_MS });
  const finished = createFinishedResponses(limits);
  // The generation design, and a call of generation.invalidate() in either: everything goes.
  const stopGeneration = generation.onChange(() => {
    void answers.clear();
    finished.clear();
    if (feeds !== generation) feeds.invalidate('generation moved on');
  });
  let stopFeed: () => void = () => undefined;
  if (deps.changes && design === 'tags') {
    const purger = config.cdnPurgeUrl
      ? new CdnPurger({ url: config.cdnPurgeUrl, token: config.cdnPurgeToken, style: config.cdnPurgeStyle, log: (m) => console.error(m) })
      : null;
    stopFeed = followChangesWithTags(deps.changes, { answers, finished, feeds, purger });
  } else if (deps.changes) {
    stopFeed = followChangesWithGeneration(deps.changes, generation);
  }
  return {
    design,
    answers,
    states: new RequestCacheStates(),
    finished,
    feeds,
    detach() {
      stopGeneration();
      stopFeed();
    },
  };
}

/** How long a request waits for another that computes the same answer before computing it itself. */
const COALESCE_WAIT_MS = 2_000;

/** A response cache that holds nothing (the response cache is off; feeds still follow changes). */
const NO_ANSWERS = new TaggedAnswers(createMemoryAnswers({ maxEntries: 1, maxBytes: 1_000_000 }), { waitMs: 0 });

/** Refuses __schema and __type queries (INTROSPECTION=false); __typename stays allowed. */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

const DEFAULT_QUERY = `# Welcome to Kabar. Try the home page:
query HomePage {
  latest(first: 5) { title publishedAt url section { name } }
  sections { name latest(first: 3) { title } }
  publication { name url }
}
`;
