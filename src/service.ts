import { sql } from 'kysely';
import type { Config } from './config';
import { openDatabase, type OpenDatabase } from './db/connect';
import { createDatabase, type Db } from './db/database';
import { withoutPassword } from './config';
import { ReadRouter } from './db/replicas';
import { checkConnectionBudget, MAINTENANCE_POOL_SIZE } from './db/budget';
import { migrateToLatest } from './db/migrate';
import { createApp, type KabarApp } from './http/app';
import { countArticles, DEFAULT_RANDOM_SEED, DEMO_ARTICLE_COUNT, seedDemoPublication } from './seed';
import { seedDemoComments } from './seed/comments';
import { refreshStaleRelated } from './content/related';
import { observeJobs } from './jobs/periodic';
import { markJobDue, startFleetJob, type JobRunObserver } from './jobs/fleet';
import { Metrics, operationNamesIn } from './observability/metrics';
import { createLogger, type Logger } from './observability/logger';
import { createTracing, type Tracing } from './observability/tracing';
import { pruneHourlyViews } from './trending/repository';

import { ViewBuffer } from './trending/view-buffer';
import { ViewRecorder } from './trending/views';
import { SharedViewGate, ViewGate } from './trending/view-gate';
import { TrendingStore } from './trending/trending';
import { ContentGeneration } from './cache/generation';
import { ChangeFeed } from './events/change-feed';
import { pruneChangeEvents } from './events/change-log';
import { connectRedis } from './cache/redis';
import { publishDueNow, startScheduledPublishing } from './editorial/scheduler';
import { LiveHub } from './live/hub';
import { startWebhookDelivery } from './events/webhook-service';

/** How often old hourly view counts are pruned, and how many rows one statement deletes. */
const VIEW_RETENTION_INTERVAL_MS = 3_600_000;
const VIEW_RETENTION_BATCH = 10_000;

export interface KabarService {
  app: KabarApp;
  database: OpenDatabase;
  /** What /metrics (or the METRICS_PORT listener) serves. */
  metrics: Metrics;
  /** The JSON logger (LOG_LEVEL). */
  logger: Logger;
  /** Read replicas in use (null without DATABASE_REPLICA_URLS). */
  replicas: ReadRouter | null;
  /** Aborted by drain(): /readyz answers 503 and long-lived responses (SSE) end. */
  draining: AbortSignal;
  /** The first step of shutdown: stop being ready and ask long-lived responses to end. */
  drain(): void;
  /** Live subscriptions: `live.close()` ends every event stream (before the HTTP server closes). */
  live: LiveHub;
  /** Stops background work, then closes the database (and the embedded server, if any). */
  stop(): Promise<void>;
}

type Log = (message: string) => void;

export interface ServiceObservability {
  logger?: Logger;
  metrics?: Metrics;
  /** null: no tracing whatever the configuration says; unset: as configured. */
  tracing?: Tracing | null;
  /** Called after every background-job run this process claimed (src/jobs/fleet.ts), besides the metrics. */
  onJobRun?: JobRunObserver;
}

// A run of the related refresh recomputes at most this many articles (500 × 20), so that a large
// backlog (an import) is worked off over several runs instead of holding connections for minutes.
const RELATED_BATCH_SIZE = 500;
const RELATED_MAX_BATCHES_PER_RUN = 20;

/**
 * Everything Kabar needs before it can answer: database (embedded when DATABASE_URL is unset),
 * migrations under the migrator's lock, demo content on an empty database, the app. Opens no port.
 */
export async function startService(config: Config, givenLog?: Log, observability: ServiceObservability = {}): Promise<KabarService> {
  const logger = observability.logger ?? createLogger({ level: config.logLevel });
  const log: Log = givenLog ?? ((message) => logger.info(message));
  // Failures of background work and lost connections: JSON lines at warn level, not stderr text.
  const warn: Log = givenLog ?? ((message) => logger.warn(message));
  const metrics = observability.metrics ?? new Metrics({ knownOperations: operationNamesIn(config.persistedQueriesFolder) });
  const tracing = observability.tracing !== undefined ? observability.tracing : createTracing(config.tracing);
  // Every periodic job of this process (view flush, webhook retention) is counted; fleet jobs are
  // counted by the process that claimed the run.
  const stopObservingJobs = observeJobs(metrics);
  const onRun: JobRunObserver = (job, info) => {
    metrics.jobRan(job, info);
    observability.onJobRun?.(job, info);
  };
  // The server stops the embedded PostgreSQL itself, after the last view counts are written.
  const database = await openDatabase(config, { log, warn, stoppedByCaller: true });
  // Migrations and the demo seed may run longer than a request's statement timeout: they get a
  // connection pool of their own without one.
  const maintenance = createDatabase({
    connectionString: database.connectionString,
    poolSize: MAINTENANCE_POOL_SIZE,
    applicationName: 'kabar-migrate',
    preparedStatements: config.fleet.preparedStatements,
  });
  try {
    const migrations = await migrateToLatest(maintenance);
    const applied = migrations.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    if (config.seedDemo && (await countArticles(maintenance)) === 0) {
      const started = Date.now();
      const summary = await seedDemoPublication(maintenance, { articles: DEMO_ARTICLE_COUNT });
      log(`seeded demo publication: ${JSON.stringify(summary)} in ${Date.now() - started} ms`);
      log(`seeded demo comments: ${JSON.stringify(await seedDemoComments(maintenance, { randomSeed: DEFAULT_RANDOM_SEED }))}`);
      await sql`analyze`.execute(maintenance);
      log(`computed related articles for ${await refreshStaleRelated(maintenance)} articles`);
    }
  } catch (error) {
    await maintenance.destroy();
    await database.close();
    stopObservingJobs();
    await tracing?.shutdown();
    throw error;
  }
  await maintenance.destroy();
  // Views are counted in memory and flushed every few seconds; trending lists are computed before
  // the first request and then refreshed in the background.
  const viewBuffer = new ViewBuffer(database.db, { flushIntervalMs: config.viewFlushIntervalMs, log: warn });
  // Redis (optional) holds the shared caches and the fleet-wide view gate; Kabar starts without it.
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : null;
  const gateOptions = { windowMs: config.viewWindowMinutes * 60_000, maxArticlesPerClient: config.viewMaxArticlesPerClient };
  const gate =
    config.viewWindowMinutes > 0 ? (redis ? new SharedViewGate(redis, gateOptions, new ViewGate(gateOptions)) : new ViewGate(gateOptions)) : null;
  const views = new ViewRecorder(database.db, viewBuffer, { gate });
  // One process per interval computes the lists; every process loads them (src/jobs/fleet.ts).
  const trending = new TrendingStore(database.db, {
    refreshIntervalMs: config.trendingRefreshIntervalMs,
    shared: { loadIntervalMs: config.trendingLoadIntervalMs, onRun },
    log: warn,
  });
  viewBuffer.start();
  await trending.start();
  // The change log as it happens: one listening connection per process, for every consumer.
  // LISTEN needs a session of its own: a direct connection, never PgBouncer's transaction pooling.
  const changes = new ChangeFeed(config.fleet.listenUrl ?? database.connectionString, { log }).start();
  await changes.ready;
  // The app follows the feed: it drops what each change makes out of date (src/cache/freshness.ts),
  // or everything in the generation design (CACHE_INVALIDATION=generation).
  const generation = new ContentGeneration();
  metrics.observeViewBuffer(() => viewBuffer.pendingViews);
  const replicas = await startReplicas(config, database.db, log);
  // A replica may not have replayed a change yet when the change feed reads it: none is used until
  // it has (subscribed before the app, so this runs before the caches drop anything).
  if (replicas) {
    changes.subscribe(() => replicas.contentChanged());
    metrics.observeReplicas(() => replicas.status().replicas);
  }
  const draining = new AbortController();
  // Live subscribers of this process hear the same feed (in-memory fan-out); draining ends their streams.
  const live = new LiveHub({ db: database.db, changes, ...config.live, signal: draining.signal, log });
  metrics.observeSseSubscribers(() => live.subscriberCount);
  const app = createApp({
    db: database.db,
    config,
    views,
    trending,
    generation,
    redis,
    changes,
    metrics,
    logger,
    tracing,
    replicas,
    draining: draining.signal,
    live,
  });
  // Background jobs run once per interval across the fleet, by whichever process claims the run
  // (src/jobs/fleet.ts). Related lists of new, edited and recent articles; a large backlog is worked
  // off in batches.
  const relatedRefresh = startFleetJob(
    database.db,
    'related',
    config.relatedRefreshIntervalMs,
    () => refreshStaleRelated(database.db, { batchSize: RELATED_BATCH_SIZE, maxBatches: RELATED_MAX_BATCHES_PER_RUN }),
    { onRun, log: warn },
  );
  void relatedRefresh.runNow();
  // Hourly view counts past the retention period go, in batches.
  const viewRetention = startFleetJob(
    database.db,
    'view-retention',
    VIEW_RETENTION_INTERVAL_MS,
    () => pruneHourlyViews(database.db, new Date(Date.now() - config.viewRetentionDays * 86_400_000), VIEW_RETENTION_BATCH),
    { onRun, log: warn },
  );
  void viewRetention.runNow();
  // Change events past their retention go the same way.
  const changeLogRetention = startFleetJob(
    database.db,
    'change-log-retention',
    VIEW_RETENTION_INTERVAL_MS,
    () => pruneChangeEvents(database.db, new Date(Date.now() - config.changeLogRetentionDays * 86_400_000), VIEW_RETENTION_BATCH),
    { onRun, log: warn },
  );
  void changeLogRetention.runNow();
  // Scheduled articles: overdue ones at once by every starting process (rows are claimed with SKIP
  // LOCKED, so this is safe beside the fleet's run), then by the fleet job.
  await publishDueNow(database.db, log).catch((error: unknown) => warn(`[scheduler] failed: ${String(error)}`));
  const scheduler = startScheduledPublishing(database.db, config.editorial.schedulerIntervalMs, log, onRun, warn);
  // Webhook deliveries: fanned out from the change log and sent by every process (rows are claimed).
  const webhooks = startWebhookDelivery(database.db, config.webhooks, config.publicBaseUrl, changes, log);
  let stopped = false;
  return {
    app,
    database,
    metrics,
    logger,
    replicas,
    draining: draining.signal,
    live,
    drain() {
      if (!draining.signal.aborted) draining.abort(new Error('the server is shutting down'));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!draining.signal.aborted) draining.abort(new Error('the server is shutting down'));
      await live.close();
      await scheduler.stop();
      await webhooks.stop();
      await relatedRefresh.stop();
      await viewRetention.stop();
      await changeLogRetention.stop();
      await trending.stop();
      // After the HTTP server has closed and before the database does: the last counts get written,
      // including views that arrived while the database was away.
      await views.retryParked().catch((error: unknown) => log(`[views] ${views.parkedViews} views kept during an outage are lost: ${String(error)}`));
      await viewBuffer.stop();
      // The views just written are not in the stored Terpopuler lists: the next process to poll (or
      // to start) recomputes them rather than waiting out the interval.
      await markJobDue(database.db, 'trending').catch((error: unknown) => log(`[trending] ${String(error)}`));
      app.caches.detach();
      await changes.close();
      await replicas?.stop();
      await redis?.quit().catch(() => undefined);
      // quit() cannot stop a reconnection loop to a Redis that never came up; disconnect() does.
      redis?.disconnect();
      await database.close();
      stopObservingJobs();
      // The last spans go out before the process ends.
      await tracing?.shutdown().catch((error: unknown) => log(`[tracing] could not send the last spans: ${String(error)}`));
    },
  };
}

/** Pools for DATABASE_REPLICA_URLS and the router that picks one per public request; checks the connection budget. */
async function startReplicas(config: Config, primary: Db, log: Log): Promise<ReadRouter | null> {
  let router: ReadRouter | null = null;
  const pools = config.fleet.replicaUrls.map((url) => {
    const db: Db = createDatabase({
      connectionString: url,
      poolSize: config.fleet.replicaPoolSize,
      applicationName: 'kabar-replica',
      statementTimeoutMs: config.fleet.pgbouncer ? 0 : config.dbStatementTimeoutMs,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      preparedStatements: config.fleet.preparedStatements,
      log,
      onConnectionError: (error) => router?.connectionFailed(db, error),
    });
    return { url: withoutPassword(url), db };
  });
  await checkConnectionBudget(config, primary, pools, log);
  if (pools.length === 0) return null;
  router = new ReadRouter(primary, pools, {
    maxLagSeconds: config.fleet.replicaMaxLagSeconds,
    probeIntervalMs: config.fleet.replicaProbeIntervalMs,
    log,
  });
  await router.start();
  return router;
}
