import path from 'node:path';
import { parseTrustedProxies } from './http/client-address';

// Every environment variable Kabar reads is parsed and validated here, once, at start-up.
// The README's configuration table lists the same names; keep them in step.

export interface Config {
  port: number;
  host: string;
  /** When null, an embedded PostgreSQL is started from `embeddedDataDir`. */
  databaseUrl: string | null;
  embeddedDataDir: string;
  embeddedPort: number;
  dbPoolSize: number;
  seedDemo: boolean;
  publicBaseUrl: string;
  siteName: string;
  googleNewsUrl: string | null;
  whatsappChannelUrl: string | null;
  adEveryParagraphs: number;
  maxQueryDepth: number;
  maxQueryComplexity: number;
  production: boolean;
  logQueries: boolean;
  relatedRefreshIntervalMs: number;
  viewFlushIntervalMs: number;
  trendingRefreshIntervalMs: number;
  /** How often each process loads the Terpopuler lists the fleet computed (trending_lists). */
  trendingLoadIntervalMs: number;
  /** Seconds a rendered feed or sitemap is reused before it is built again (0: every request builds). */
  feedCacheSeconds: number;
  /** Browser origins (scheme://host[:port]) whose pages may call the API (CORS); the example frontend's dev and preview servers by default. */
  corsOrigins: string[];
  /** Answer repeated public queries from the response cache (on by default in production). */
  responseCache: boolean;
  /** Seconds a public answer may be reused (response cache and Cache-Control); Terpopuler answers use the shorter one. */
  cacheTtlSeconds: number;
  cacheTrendingTtlSeconds: number;
  /** Answers kept by the in-memory response cache. */
  responseCacheMaxEntries: number;
  /** Bytes of answers each in-memory cache (response cache, finished GET answers) may hold. */
  responseCacheMaxBytes: number;
  /** Redis for the response cache and persisted queries, shared by all instances; null: in memory. */
  redisUrl: string | null;
  /** Largest GraphQL request body accepted (bytes); larger ones get 413. */
  maxRequestBodyBytes: number;
  /** Most lexical tokens in one GraphQL document; bounds parsing work and nesting before recursion. */
  maxQueryTokens: number;
  /** Most aliased fields in one operation (each alias can repeat an expensive field). */
  maxQueryAliases: number;
  /** Most directives in one operation. */
  maxQueryDirectives: number;
  /** PostgreSQL cancels a request's statement that runs longer than this (0: no limit). */
  dbStatementTimeoutMs: number;
  /** A request waits at most this long for a database connection before it fails with 503. */
  dbConnectTimeoutMs: number;
  /** A GraphQL execution's SQL is cancelled after this long, or when its client goes away (0: no deadline). */
  requestDeadlineMs: number;
  /** Serve the GraphiQL playground at /graphql to browsers. */
  graphiql: boolean;
  /** Answer introspection queries (GraphiQL and code generators need them). */
  introspection: boolean;
  /** Proxies (CIDR list) whose X-Forwarded-For names the client; empty: the peer is the client. */
  trustProxy: string;
  /** A client's repeated views of one article count once within this many minutes (0: every view counts). */
  viewWindowMinutes: number;
  /** Most distinct articles one client's views count for within the window. */
  viewMaxArticlesPerClient: number;
  /** Hourly view counts older than this many days are deleted (the MONTH window needs 30). */
  viewRetentionDays: number;
  /** Days the change log (src/events) keeps events: how far back webhooks and live readers can resume. */
  changeLogRetentionDays: number;
  /**
   * How cached answers learn of changes: "tags" (each answer is dropped when something it read
   * changes; lists refresh within `cacheListTtlSeconds`) or "generation" (any change drops every
   * answer; the design before issue 13, kept for comparison).
   */
  cacheInvalidation: 'tags' | 'generation';
  /** Seconds an answer that shows a list (latest, section pages, search, feeds) is fresh; new publications appear within it. */
  cacheListTtlSeconds: number;
  /** Seconds after expiry an answer may still be served while one request computes the new one (stale-while-revalidate). */
  cacheStaleSeconds: number;
  /** Seconds a CDN may serve an expired answer while Kabar fails (stale-if-error). */
  cacheStaleIfErrorSeconds: number;
  /**
   * Seconds Kabar's own caches keep an answer past its stale period, to serve it when computing a new
   * one fails because the database is away (their stale-if-error; memory and Redis hold it that long).
   */
  cacheOutageGraceSeconds: number;
  /** CDN purge endpoint called with the tags of each change (null: no purges). */
  cdnPurgeUrl: string | null;
  /** Sent as `Authorization: Bearer …` to the purge endpoint. */
  cdnPurgeToken: string | null;
  /** The purge request's shape: Fastly's surrogate keys (with soft purges) or Cloudflare's tags. */
  cdnPurgeStyle: 'fastly' | 'cloudflare';
  /** Points of query cost an anonymous client may spend per window (0: no rate limits). */
  rateLimitPoints: number;
  /** Points a partner key may spend per window, unless the key has its own limit. */
  rateLimitPartnerPoints: number;
  rateLimitWindowSeconds: number;
  /** "automatic": APQ with bounded registration; "known": only the operations in persistedQueriesFolder. */
  persistedQueries: 'automatic' | 'known';
  persistedQueriesFolder: string;
  /** New documents one client may register per minute (automatic mode). */
  persistedQueryRegistrationsPerMinute: number;
  /** Level of the JSON log lines (pino): fatal, error, warn, info, debug, trace or silent. */
  logLevel: LogLevel;
  /** Bearer token that /metrics requires from any address; null: loopback clients only, no token. */
  metricsToken: string | null;
  /** A listener of its own for /metrics (src/server.ts); null: /metrics is served on PORT. */
  metricsPort: number | null;
  /** OpenTelemetry tracing (src/observability/tracing.ts); off unless configured. */
  tracing: TracingConfig;
  /** The writing side (src/editorial, docs/editorial.md). */
  editorial: EditorialConfig;
  /** Reader comments and moderation (src/comments, docs/comments.md). */
  comments: CommentsConfig;
  /** Live updates: subscriptions over server-sent events (src/live, README "Live updates"). */
  live: LiveConfig;
  /** Webhook delivery (src/events/webhook-*.ts, README "Webhooks"). */
  webhooks: WebhooksConfig;
  /** Running several processes: replicas, PgBouncer, connection budget, shutdown (README "Running as a fleet"). */
  fleet: FleetConfig;
}

export interface LiveConfig {
  /** A comment line (":") goes out on every event stream this often, so idle streams stay open. */
  heartbeatMs: number;
  /** Event streams one client address may hold open at once. */
  maxStreamsPerClient: number;
  /** Event streams one process holds open at once. */
  maxStreams: number;
  /** Seconds a public answer showing live entries may be reused (response cache, CDN): the polling fallback's delay. */
  cacheSeconds: number;
}

export interface WebhooksConfig {
  /** A delivery attempt fails when the endpoint has not answered within this many milliseconds. */
  timeoutMs: number;
  /** Upper bound of the first retry's delay; each later bound doubles (full jitter: a random delay below it). */
  firstRetryMs: number;
  /** Longest delay between two attempts. */
  maxRetryDelayMs: number;
  /** A delivery that still fails this long after its first attempt (or its redelivery) is dead-lettered. */
  retryWindowSeconds: number;
  /** Deliveries one process sends at once. */
  concurrency: number;
  /**
   * Deliveries to one webhook in flight at once, across the fleet (a soft cap: two processes that
   * claim at the same moment may each take it): a slow or hanging receiver cannot take every slot.
   */
  maxInFlightPerEndpoint: number;
  /** How often each process looks for due deliveries (besides being woken by new change events). */
  pollIntervalMs: number;
  /** Deliver to private, loopback and link-local addresses (refused by default in production: SSRF). */
  allowPrivateAddresses: boolean;
  /** Succeeded and dead deliveries (with their attempt log) are deleted after this many days. */
  retentionDays: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface TracingConfig {
  /** "otlp": spans are exported over OTLP/HTTP to `endpoint`; "off": no spans are made. */
  exporter: 'off' | 'otlp';
  /** Where spans are sent (the full traces URL, e.g. http://collector:4318/v1/traces). */
  endpoint: string;
  /** Share of traces kept (0–1), unless the caller's traceparent already decided. */
  sampleRatio: number;
  /** service.name of the spans. */
  serviceName: string;
}

export interface FleetConfig {
  /** Streaming replicas for public reads (DATABASE_REPLICA_URLS, comma-separated). */
  replicaUrls: string[];
  /** Connections per replica pool (DB_REPLICA_POOL_SIZE; DB_POOL_SIZE by default). */
  replicaPoolSize: number;
  /** A replica further behind than this is skipped until it catches up. */
  replicaMaxLagSeconds: number;
  replicaProbeIntervalMs: number;
  /** After its own write, a client reads from the primary for this long (a cookie). */
  readYourWritesSeconds: number;
  /**
   * DATABASE_URL (and the replica URLs) go through PgBouncer in transaction mode: no named prepared
   * statements, no statement_timeout startup parameter (set it on the role instead).
   */
  pgbouncer: boolean;
  /** Named prepared statements (off by default with PGBOUNCER=true). */
  preparedStatements: boolean;
  /** The LISTEN connection: must be a direct (or session-pooled) connection; DATABASE_URL by default. */
  listenUrl: string | null;
  /** Processes sharing the database: the start-up check of the connection budget uses it. */
  fleetSize: number;
  /** How long an idle keep-alive connection stays open (above load balancers' idle timeouts). */
  keepAliveTimeoutMs: number;
  /** On SIGTERM, how long in-flight requests (and SSE streams) get before connections are cut. */
  shutdownGraceMs: number;
  /** On SIGTERM, how long the port stays open (answering, /readyz 503) before it closes: the load balancer's time to notice. */
  shutdownDelayMs: number;
}

export interface CommentsConfig {
  /** Longest comment body, in characters. */
  maxChars: number;
  /** More links than this hold a comment for a moderator. */
  maxLinks: number;
  /** Hold a commenter's comments until a moderator has approved one from their e-mail. */
  holdFirstComment: boolean;
  /** Articles stop taking comments this many days after publication (0: never). */
  closeAfterDays: number;
  /** Readers' reports that hide a published comment until a moderator looks at it. */
  reportThreshold: number;
  /** The window of the rate limits below, in seconds. */
  rateWindowSeconds: number;
  /** Most comments one client (address) may post within the window. */
  perClient: number;
  /** Most comments one e-mail may post within the window. */
  perEmail: number;
  /** Most reports one client may send within the window. */
  reportsPerClient: number;
  /** How long BAN_AUTHOR also refuses the author's client (address), in days. */
  clientBanDays: number;
  /** A comment with the same text from the same e-mail within this many hours is a duplicate. */
  duplicateHours: number;
}

export interface EditorialConfig {
  /** Seconds a sign-in token stays valid. */
  sessionTtlSeconds: number;
  /** Seconds a preview link works. */
  previewTtlSeconds: number;
  /** Failed sign-ins (per e-mail or client) before signing in locks, and for how long. */
  signInMaxFailures: number;
  signInLockSeconds: number;
  /** How often the fleet publishes due scheduled articles (one process per interval, src/jobs/fleet.ts). */
  schedulerIntervalMs: number;
  /** Largest accepted article body (bytes of HTML as sent). */
  maxBodyBytes: number;
  /** How far ahead an article may be scheduled. */
  maxScheduleDays: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${raw}"`);
}

function readUrl(env: Env, name: string, fallback: string | null): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  try {
    return new URL(raw).toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`${name} must be an absolute URL such as https://example.com; got "${raw}"`);
  }
}

function readOrigins(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let origin: string | null = null;
      try {
        const url = new URL(entry);
        if (/^https?:$/.test(url.protocol) && url.origin === entry.replace(/\/$/, '').toLowerCase()) origin = url.origin;
      } catch {
        // reported below
      }
      if (!origin) {
        throw new ConfigError(
          `${name} must be a comma-separated list of origins such as https://www.example.com,http://localhost:5173 (scheme, host and port only); got "${entry}"`,
        );
      }
      return origin;
    });
}

export function loadConfig(env: Env = process.env): Config {
  const projectRoot = path.resolve(__dirname, '..', __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '');
  const databaseUrl = env.DATABASE_URL ? env.DATABASE_URL : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://; got "${withoutPassword(databaseUrl)}"`);
  }
  return {
    port: readInt(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    embeddedDataDir: path.resolve(projectRoot, env.KABAR_DATA_DIR || '.kabar/pgdata'),
    embeddedPort: readInt(env, 'KABAR_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    dbPoolSize: readInt(env, 'DB_POOL_SIZE', 10, 1, 200),
    seedDemo: readBool(env, 'SEED_DEMO', true),
    publicBaseUrl: readUrl(env, 'PUBLIC_BASE_URL', 'http://localhost:4000')!,
    siteName: env.SITE_NAME || 'Kabar Nusantara',
    googleNewsUrl: readUrl(env, 'GOOGLE_NEWS_URL', 'https://news.google.com/publications/kabar-nusantara'),
    whatsappChannelUrl: readUrl(env, 'WHATSAPP_CHANNEL_URL', 'https://whatsapp.com/channel/kabar-nusantara'),
    adEveryParagraphs: readInt(env, 'AD_EVERY_PARAGRAPHS', 3, 0, 100),
    maxQueryDepth: readInt(env, 'MAX_QUERY_DEPTH', 12, 2, 100),
    maxQueryComplexity: readInt(env, 'MAX_QUERY_COMPLEXITY', 5000, 10, 1_000_000),
    production: env.NODE_ENV === 'production',
    logQueries: readBool(env, 'LOG_QUERIES', false),
    relatedRefreshIntervalMs: readInt(env, 'RELATED_REFRESH_INTERVAL_MS', 60_000, 1_000, 86_400_000),
    viewFlushIntervalMs: readInt(env, 'VIEW_FLUSH_INTERVAL_MS', 5_000, 100, 600_000),
    trendingRefreshIntervalMs: readInt(env, 'TRENDING_REFRESH_INTERVAL_MS', 60_000, 1_000, 3_600_000),
    trendingLoadIntervalMs: readInt(env, 'TRENDING_LOAD_INTERVAL_MS', 2_000, 100, 600_000),
    feedCacheSeconds: readInt(env, 'FEED_CACHE_SECONDS', 60, 0, 3600),
    corsOrigins: readOrigins(env, 'CORS_ORIGINS', ['http://localhost:5173', 'http://localhost:4173']),
    responseCache: readBool(env, 'RESPONSE_CACHE', env.NODE_ENV === 'production'),
    cacheTtlSeconds: readInt(env, 'CACHE_TTL_SECONDS', 60, 1, 86_400),
    cacheTrendingTtlSeconds: readInt(env, 'CACHE_TRENDING_TTL_SECONDS', 30, 1, 86_400),
    responseCacheMaxEntries: readInt(env, 'RESPONSE_CACHE_MAX_ENTRIES', 2000, 10, 1_000_000),
    responseCacheMaxBytes: readInt(env, 'RESPONSE_CACHE_MAX_BYTES', 64_000_000, 100_000, 4_000_000_000),
    redisUrl: readRedisUrl(env),
    maxRequestBodyBytes: readInt(env, 'MAX_REQUEST_BODY_BYTES', 1_000_000, 1_000, 10_000_000),
    maxQueryTokens: readInt(env, 'MAX_QUERY_TOKENS', 2_000, 100, 100_000),
    maxQueryAliases: readInt(env, 'MAX_QUERY_ALIASES', 30, 0, 1_000),
    maxQueryDirectives: readInt(env, 'MAX_QUERY_DIRECTIVES', 20, 0, 1_000),
    dbStatementTimeoutMs: readInt(env, 'DB_STATEMENT_TIMEOUT_MS', 10_000, 0, 3_600_000),
    dbConnectTimeoutMs: readInt(env, 'DB_CONNECT_TIMEOUT_MS', 2_000, 100, 60_000),
    requestDeadlineMs: readInt(env, 'REQUEST_DEADLINE_MS', 15_000, 0, 600_000),
    graphiql: readBool(env, 'GRAPHIQL', true),
    introspection: readBool(env, 'INTROSPECTION', true),
    trustProxy: readTrustProxy(env),
    viewWindowMinutes: readInt(env, 'VIEW_WINDOW_MINUTES', 30, 0, 1_440),
    viewMaxArticlesPerClient: readInt(env, 'VIEW_MAX_ARTICLES_PER_CLIENT', 60, 1, 100_000),
    viewRetentionDays: readInt(env, 'VIEW_RETENTION_DAYS', 90, 31, 36_500),
    changeLogRetentionDays: readInt(env, 'CHANGE_LOG_RETENTION_DAYS', 7, 1, 3650),
    cacheInvalidation: readChoice(env, 'CACHE_INVALIDATION', ['tags', 'generation'] as const, 'tags'),
    cacheListTtlSeconds: readInt(env, 'CACHE_LIST_TTL_SECONDS', 30, 1, 86_400),
    cacheStaleSeconds: readInt(env, 'CACHE_STALE_SECONDS', 60, 0, 86_400),
    cacheStaleIfErrorSeconds: readInt(env, 'CACHE_STALE_IF_ERROR_SECONDS', 86_400, 0, 30 * 86_400),
    cacheOutageGraceSeconds: readInt(env, 'CACHE_OUTAGE_GRACE_SECONDS', 900, 0, 86_400),
    cdnPurgeUrl: readUrl(env, 'CDN_PURGE_URL', null),
    cdnPurgeToken: env.CDN_PURGE_TOKEN?.trim() || null,
    cdnPurgeStyle: readChoice(env, 'CDN_PURGE_STYLE', ['fastly', 'cloudflare'] as const, 'fastly'),
    rateLimitPoints: readInt(env, 'RATE_LIMIT_POINTS', 60_000, 0, 1_000_000_000),
    rateLimitPartnerPoints: readInt(env, 'RATE_LIMIT_PARTNER_POINTS', 600_000, 1, 1_000_000_000),
    rateLimitWindowSeconds: readInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    persistedQueries: readChoice(env, 'PERSISTED_QUERIES', ['automatic', 'known'] as const, 'automatic'),
    persistedQueriesFolder: path.resolve(projectRoot, env.PERSISTED_QUERIES_FOLDER || 'operations'),
    persistedQueryRegistrationsPerMinute: readInt(env, 'PERSISTED_QUERY_REGISTRATIONS_PER_MINUTE', 20, 1, 100_000),
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, env.NODE_ENV === 'test' ? 'silent' : 'info'),
    metricsToken: readMetricsToken(env),
    metricsPort: readMetricsPort(env),
    tracing: readTracing(env),
    editorial: {
      sessionTtlSeconds: readInt(env, 'SESSION_TTL_SECONDS', 12 * 3600, 60, 30 * 86_400),
      previewTtlSeconds: readInt(env, 'PREVIEW_TTL_SECONDS', 3 * 86_400, 60, 30 * 86_400),
      signInMaxFailures: readInt(env, 'SIGN_IN_MAX_FAILURES', 5, 2, 100),
      signInLockSeconds: readInt(env, 'SIGN_IN_LOCK_SECONDS', 900, 10, 86_400),
      schedulerIntervalMs: readInt(env, 'SCHEDULER_INTERVAL_MS', 5_000, 100, 60_000),
      maxBodyBytes: readInt(env, 'EDITORIAL_MAX_BODY_BYTES', 512 * 1024, 1024, 16 * 1024 * 1024),
      maxScheduleDays: readInt(env, 'EDITORIAL_MAX_SCHEDULE_DAYS', 366, 1, 3660),
    },
    comments: {
      maxChars: readInt(env, 'COMMENT_MAX_CHARS', 3000, 50, 20_000),
      maxLinks: readInt(env, 'COMMENT_MAX_LINKS', 2, 0, 100),
      holdFirstComment: readBool(env, 'COMMENT_HOLD_FIRST', true),
      closeAfterDays: readInt(env, 'COMMENT_CLOSE_AFTER_DAYS', 30, 0, 36_500),
      reportThreshold: readInt(env, 'COMMENT_REPORT_THRESHOLD', 3, 1, 1000),
      rateWindowSeconds: readInt(env, 'COMMENT_RATE_WINDOW_SECONDS', 600, 10, 86_400),
      perClient: readInt(env, 'COMMENT_RATE_PER_CLIENT', 10, 1, 100_000),
      perEmail: readInt(env, 'COMMENT_RATE_PER_EMAIL', 5, 1, 100_000),
      reportsPerClient: readInt(env, 'COMMENT_REPORTS_PER_CLIENT', 20, 1, 100_000),
      clientBanDays: readInt(env, 'COMMENT_CLIENT_BAN_DAYS', 7, 0, 3650),
      duplicateHours: readInt(env, 'COMMENT_DUPLICATE_HOURS', 24, 0, 8760),
    },
    live: {
      heartbeatMs: readInt(env, 'SSE_HEARTBEAT_MS', 10_000, 50, 15_000),
      maxStreamsPerClient: readInt(env, 'SSE_MAX_STREAMS_PER_CLIENT', 10, 1, 10_000),
      maxStreams: readInt(env, 'SSE_MAX_STREAMS', 10_000, 1, 1_000_000),
      cacheSeconds: readInt(env, 'LIVE_CACHE_SECONDS', 5, 1, 3600),
    },
    webhooks: {
      timeoutMs: readInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      firstRetryMs: readInt(env, 'WEBHOOK_FIRST_RETRY_MS', 10_000, 100, 3_600_000),
      maxRetryDelayMs: readInt(env, 'WEBHOOK_MAX_RETRY_DELAY_MS', 3_600_000, 1_000, 86_400_000),
      retryWindowSeconds: readInt(env, 'WEBHOOK_RETRY_WINDOW_SECONDS', 86_400, 0, 30 * 86_400),
      concurrency: readInt(env, 'WEBHOOK_CONCURRENCY', 8, 1, 256),
      maxInFlightPerEndpoint: readInt(env, 'WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT', 4, 1, 256),
      pollIntervalMs: readInt(env, 'WEBHOOK_POLL_INTERVAL_MS', 1_000, 100, 600_000),
      allowPrivateAddresses: readBool(env, 'WEBHOOK_ALLOW_PRIVATE_ADDRESSES', env.NODE_ENV !== 'production'),
      retentionDays: readInt(env, 'WEBHOOK_DELIVERY_RETENTION_DAYS', 30, 1, 3650),
    },
    fleet: readFleetConfig(env, databaseUrl),
  };
}

function readPostgresUrl(name: string, raw: string): string {
  if (!/^postgres(ql)?:\/\/./.test(raw)) throw new ConfigError(`${name} must list postgres:// or postgresql:// URLs; got "${withoutPassword(raw)}"`);
  return raw;
}

function readFleetConfig(env: Env, databaseUrl: string | null): FleetConfig {
  const replicaUrls = (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => readPostgresUrl('DATABASE_REPLICA_URLS', entry));
  if (replicaUrls.length > 0 && !databaseUrl)
    throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary); the embedded PostgreSQL has no replicas');
  const listenUrl = env.DATABASE_LISTEN_URL ? readPostgresUrl('DATABASE_LISTEN_URL', env.DATABASE_LISTEN_URL) : null;
  const keepAliveTimeoutMs = readInt(env, 'KEEP_ALIVE_TIMEOUT_MS', 65_000, 1_000, 600_000);
  const pgbouncer = readBool(env, 'PGBOUNCER', false);
  return {
    replicaUrls,
    replicaPoolSize: readInt(env, 'DB_REPLICA_POOL_SIZE', readInt(env, 'DB_POOL_SIZE', 10, 1, 200), 1, 200),
    replicaMaxLagSeconds: readInt(env, 'REPLICA_MAX_LAG_SECONDS', 5, 1, 3_600),
    replicaProbeIntervalMs: readInt(env, 'REPLICA_PROBE_INTERVAL_MS', 1_000, 100, 60_000),
    readYourWritesSeconds: readInt(env, 'READ_YOUR_WRITES_SECONDS', 5, 1, 600),
    pgbouncer,
    preparedStatements: readBool(env, 'DB_PREPARED_STATEMENTS', !pgbouncer),
    listenUrl,
    fleetSize: readInt(env, 'FLEET_SIZE', 1, 1, 1_000),
    keepAliveTimeoutMs,
    shutdownGraceMs: readInt(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    shutdownDelayMs: readInt(env, 'SHUTDOWN_DELAY_MS', 0, 0, 600_000),
  };
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}; got "${raw}"`);
  return raw as T;
}

function readMetricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return null;
  if (!/^[\x21-\x7e]{16,256}$/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN must be 16 to 256 printable characters without spaces (e.g. the output of `openssl rand -hex 24`)');
  }
  return raw;
}

function readMetricsPort(env: Env): number | null {
  if (env.METRICS_PORT === undefined || env.METRICS_PORT === '') return null;
  const port = readInt(env, 'METRICS_PORT', 0, 1, 65535);
  if (port === readInt(env, 'PORT', 4000, 0, 65535)) throw new ConfigError(`METRICS_PORT must differ from PORT (both are ${port})`);
  return port;
}

/** OTLP's default: a collector on this machine. */
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

function readTracing(env: Env): TracingConfig {
  // The standard OpenTelemetry variables: the traces URL as given, or the base URL plus /v1/traces.
  const tracesUrl = readUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', null);
  const baseUrl = readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', null);
  for (const [name, url] of [
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesUrl],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', baseUrl],
  ] as const) {
    if (url !== null && !/^https?:/.test(url))
      throw new ConfigError(`${name} must be an http:// or https:// URL (OTLP over HTTP); got "${withoutPassword(url)}"`);
  }
  const configured = tracesUrl !== null || baseUrl !== null;
  const exporter = readChoice(env, 'TRACING', ['off', 'otlp'] as const, configured ? 'otlp' : 'off');
  const ratioRaw = env.TRACING_SAMPLE_RATIO?.trim();
  const sampleRatio = ratioRaw === undefined || ratioRaw === '' ? 1 : Number(ratioRaw);
  if (!Number.isFinite(sampleRatio) || sampleRatio < 0 || sampleRatio > 1) {
    throw new ConfigError(`TRACING_SAMPLE_RATIO must be a number from 0 to 1 (the share of traces kept); got "${ratioRaw}"`);
  }
  return {
    exporter,
    endpoint: tracesUrl ?? `${baseUrl ?? DEFAULT_OTLP_ENDPOINT}/v1/traces`,
    sampleRatio,
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'kabar',
  };
}

function readTrustProxy(env: Env): string {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  if (raw === '') return '';
  try {
    parseTrustedProxies(raw);
  } catch (error) {
    throw new ConfigError(
      `TRUST_PROXY must be a comma-separated list of addresses or CIDR ranges (e.g. 10.0.0.0/8,2001:db8::/32): ${(error as Error).message}`,
    );
  }
  return raw;
}

function readRedisUrl(env: Env): string | null {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw === '') return null;
  if (!/^rediss?:\/\/./.test(raw)) throw new ConfigError(`REDIS_URL must start with redis:// or rediss://; got "${withoutPassword(raw)}"`);
  return raw;
}

/** A URL as it may appear in a message: any password replaced by "***". */
export function withoutPassword(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/i, '$1***@');
}
