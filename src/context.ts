import type { Config } from './config';
import type { Db } from './db/database';
import type { ViewRecorder } from './trending/views';
import type { TrendingStore } from './trending/trending';

/**
 * What every resolver receives. DataLoaders are per request: plugin-dataloader caches them on this
 * object, which yoga creates anew for each request, so no loaded row outlives its request.
 */
export interface Context {
  db: Db;
  config: Config;
  /** Counts page views (buffered; shared by POST /views and the recordView mutation). */
  views: ViewRecorder;
  /** Terpopuler lists, computed in the background. */
  trending: TrendingStore;
}

export interface AppDependencies {
  db: Db;
  config: Config;
  views: ViewRecorder;
  trending: TrendingStore;
}

export function createContext(deps: AppDependencies): Context {
  return { db: deps.db, config: deps.config, views: deps.views, trending: deps.trending };
}
