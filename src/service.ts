import { sql } from 'kysely';
import type { Config } from './config';
import { openDatabase, type OpenDatabase } from './db/connect';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createApp, type KabarApp } from './http/app';
import { countArticles, DEFAULT_RANDOM_SEED, DEMO_ARTICLE_COUNT, seedDemoPublication } from './seed';
import { seedDemoComments } from './seed/comments';
import { refreshStaleRelated } from './content/related';
import { startPeriodic } from './jobs/periodic';
import { pruneHourlyViews } from './trending/repository';

import { ViewBuffer } from './trending/view-buffer';
import { ViewRecorder } from './trending/views';
import { SharedViewGate, ViewGate } from './trending/view-gate';
import { TrendingStore } from './trending/trending';
import { ContentGeneration } from './cache/generation';
import { ChangeFeed } from './events/change-feed';
import { pruneChangeEvents } from './events/change-log';
import { connectRedis } from './cache/redis';
import { startScheduledPublishing } from './editorial/scheduler';
import { LiveHub } from './live/hub';
import { startWebhookDelivery } from './events/webhook-service';

/** How often old hourly view counts are pruned, and how many rows one statement deletes. */
const VIEW_RETENTION_INTERVAL_MS = 3_600_000;
const VIEW_RETENTION_BATCH = 10_000;

export interface KabarService {
  app: KabarApp;
  database: OpenDatabase;
  /** Live subscriptions: `live.close()` ends every event stream (before the HTTP server closes). */
  live: LiveHub;
  /** Stops background work, then closes the database (and the embedded server, if any). */
  stop(): Promise<void>;
}

type Log = (message: string) => void;

// A run of the related refresh recomputes at most this many articles (500 × 20), so that a large
// backlog (an import) is worked off over several runs instead of holding connections for minutes.
const RELATED_BATCH_SIZE = 500;
const RELATED_MAX_BATCHES_PER_RUN = 20;

/**
 * Everything Kabar needs before it can answer: database (embedded when DATABASE_URL is unset),
 * migrations under the migrator's lock, demo content on an empty database, the app. Opens no port.
 */
export async function startService(config: Config, log: Log = console.log, options: { signal?: AbortSignal } = {}): Promise<KabarService> {
  // The server stops the embedded PostgreSQL itself, after the last view counts are written.
  const database = await openDatabase(config, { log, stoppedByCaller: true });
  // Migrations and the demo seed may run longer than a request's statement timeout: they get a
  // connection pool of their own without one.
  const maintenance = createDatabase({ connectionString: database.connectionString, poolSize: 2, applicationName: 'kabar-migrate' });
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
    throw error;
  }
  await maintenance.destroy();
  // Views are counted in memory and flushed every few seconds; trending lists are computed before
  // the first request and then refreshed in the background.
  const viewBuffer = new ViewBuffer(database.db, { flushIntervalMs: config.viewFlushIntervalMs });
  // Redis (optional) holds the shared caches and the fleet-wide view gate; Kabar starts without it.
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : null;
  const gateOptions = { windowMs: config.viewWindowMinutes * 60_000, maxArticlesPerClient: config.viewMaxArticlesPerClient };
  const gate =
    config.viewWindowMinutes > 0 ? (redis ? new SharedViewGate(redis, gateOptions, new ViewGate(gateOptions)) : new ViewGate(gateOptions)) : null;
  const views = new ViewRecorder(database.db, viewBuffer, { gate });
  const trending = new TrendingStore(database.db, { refreshIntervalMs: config.trendingRefreshIntervalMs });
  viewBuffer.start();
  await trending.start();
  // The change log as it happens: one listening connection per process, for every consumer.
  const changes = new ChangeFeed(database.connectionString, { log }).start();
  await changes.ready;
  // The app follows the feed: it drops what each change makes out of date (src/cache/freshness.ts),
  // or everything in the generation design (CACHE_INVALIDATION=generation).
  const generation = new ContentGeneration();
  // Live subscribers of this process hear the same feed (in-memory fan-out); `signal` ends their streams.
  const live = new LiveHub({ db: database.db, changes, ...config.live, signal: options.signal, log });
  const app = createApp({ db: database.db, config, views, trending, generation, redis, changes, live });
  // Related lists of new, edited and recent articles; a large backlog is worked off in batches.
  const relatedRefresh = startPeriodic('related', config.relatedRefreshIntervalMs, () =>
    refreshStaleRelated(database.db, { batchSize: RELATED_BATCH_SIZE, maxBatches: RELATED_MAX_BATCHES_PER_RUN }),
  );
  void relatedRefresh.runNow();
  // Hourly view counts past the retention period go, in batches; one process at a time does it.
  const viewRetention = startPeriodic('view-retention', VIEW_RETENTION_INTERVAL_MS, () =>
    pruneHourlyViews(database.db, new Date(Date.now() - config.viewRetentionDays * 86_400_000), VIEW_RETENTION_BATCH),
  );
  void viewRetention.runNow();
  // Change events past their retention go the same way.
  const changeLogRetention = startPeriodic('change-log-retention', VIEW_RETENTION_INTERVAL_MS, () =>
    pruneChangeEvents(database.db, new Date(Date.now() - config.changeLogRetentionDays * 86_400_000), VIEW_RETENTION_BATCH),
  );
  void changeLogRetention.runNow();
  // Scheduled articles go out from here (every process; rows are claimed), overdue ones at once.
  const scheduler = startScheduledPublishing(database.db, config.editorial.schedulerIntervalMs, log);
  await scheduler.runNow();
  // Webhook deliveries: fanned out from the change log and sent by every process (rows are claimed).
  const webhooks = startWebhookDelivery(database.db, config.webhooks, config.publicBaseUrl, changes, log);
  let stopped = false;
  return {
    app,
    database,
    live,
    async stop() {
      if (stopped) return;
      stopped = true;
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
      app.caches.detach();
      await changes.close();
      await redis?.quit().catch(() => undefined);
      // quit() cannot stop a reconnection loop to a Redis that never came up; disconnect() does.
      redis?.disconnect();
      await database.close();
    },
  };
}
