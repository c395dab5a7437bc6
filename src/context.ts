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
  /** For writes (transactions) only; reads use `reader`, whose `db` is this same database. */
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
  /**
   * The change log as it happens (src/events/change-feed.ts): one per process, started by the
   * service. Live subscriptions and cache freshness follow it; tests may leave it out.
   */
  changes?: ChangeFeed;
  /** The process's live subscriptions (src/live/hub.ts), following `changes`; without one, subscriptions answer UNAVAILABLE. */
  live?: LiveHub | null;
}

export function createContext(deps: AppDependencies, request: Request | undefined, client: string): Context {
  return {
    reader: new ReadBatch(deps.db),
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
