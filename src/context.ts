import type { Config } from './config';
import { IN_PROCESS_CLIENT } from './http/client-address';
import type { Db } from './db/database';
import type { ViewRecorder } from './trending/views';
import type { TrendingStore } from './trending/trending';
import type { Redis } from 'ioredis';
import type { ContentGeneration } from './cache/generation';
import type { ChangeFeed } from './events/change-feed';
import type { LiveHub } from './live/hub';
import { ReadBatch, type Reader } from './db/prepared';
import { createEditorialRequest, type EditorialRequest } from './editorial/context';
import type { Metrics } from './observability/metrics';
import type { Logger } from './observability/logger';
import type { Tracing } from './observability/tracing';
import { readsFromPrimary, type ReadRouter } from './db/replicas';

/** The cookie a write's response sets: the client's reads go to the primary while it lasts. */
export const READ_PRIMARY_COOKIE = 'kabar_rw';

/**
 * What every resolver receives. Yoga creates it anew for each request, and the DataLoaders of
 * src/content/loaders.ts are cached on it, so no loaded row outlives its request.
 */
export interface Context {
  /**
   * Every read of this request goes through here: repositories take it first, loaders pass it on.
   * Prepared reads of one moment go out together as one statement (src/db/prepared.ts).
   */
  reader: Reader;
  /** The primary, for writes (transactions); reads use `reader`, whose `db` is this database or a replica's. */
  db: Db;
  /** The HTTP request (set by graphql-yoga; absent in a context made by hand). */
  request?: Request;
  config: Config;
  /** Counts page views (buffered; shared by POST /views and the recordView mutation). */
  views: ViewRecorder;
  /** Terpopuler lists, computed in the background. */
  trending: TrendingStore;
  /** The client's address (src/http/client-address.ts): one reader for view counting and limits. */
  client: string;
  /** The signed-in staff member and the writing side's settings (src/editorial). */
  editorial: EditorialRequest;
  /** Live subscriptions of this process (src/live/hub.ts); null when the app runs without a change feed. */
  live: LiveHub | null;
}

export interface AppDependencies {
  db: Db;
  config: Config;
  views: ViewRecorder;
  trending: TrendingStore;
  /**
   * The content generation cached answers belong to (src/cache/generation.ts); the server moves it
   * on when content changes. Without one the app keeps its own, moved on only by invalidate().
   */
  generation?: ContentGeneration;
  /** Shared store for the response cache and persisted queries (REDIS_URL); memory otherwise. */
  redis?: Redis | null;
  /** The service's metrics (served at /metrics); without them the app keeps its own. */
  metrics?: Metrics;
  /** The JSON logger (LOG_LEVEL); without one the app makes one on stdout. */
  logger?: Logger;
  /** OpenTelemetry tracing, when the service has it on (src/observability/tracing.ts). */
  tracing?: Tracing | null;
  /**
   * The change log as it happens (src/events/change-feed.ts): one per process, started by the
   * service. Live subscriptions and cache freshness follow it; tests may leave it out.
   */
  changes?: ChangeFeed;
  /** Read replicas (DATABASE_REPLICA_URLS): public requests read from one; null or absent: all from `db`. */
  replicas?: ReadRouter | null;
  /**
   * Aborted when the process begins to shut down (SIGTERM): long-lived responses (SSE streams)
   * listen to it and end, so the server can close within its grace period.
   */
  draining?: AbortSignal;
  /** The process's live subscriptions (src/live/hub.ts), following `changes`; without one, subscriptions answer UNAVAILABLE. */
  live?: LiveHub | null;
}

/**
 * `query` is the request's GraphQL document, if known: the database its reads go to is chosen here,
 * once per request (src/db/replicas.ts).
 */
export function createContext(deps: AppDependencies, request: Request | undefined, client: string, query?: string): Context {
  const readDb = deps.replicas && !readsFromPrimary(request, query, READ_PRIMARY_COOKIE) ? deps.replicas.publicReads() : deps.db;
  return {
    reader: new ReadBatch(readDb),
    db: deps.db,
    request,
    config: deps.config,
    views: deps.views,
    trending: deps.trending,
    client,
    editorial: createEditorialRequest(deps, request, client === IN_PROCESS_CLIENT ? null : client),
    live: deps.live ?? null,
  };
}
