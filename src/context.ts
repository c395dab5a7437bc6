import type { Config } from './config';
import type { Db } from './db/database';

/**
 * What every resolver receives. DataLoaders are per request: plugin-dataloader caches them on this
 * object, which yoga creates anew for each request, so no loaded row outlives its request.
 */
export interface Context {
  db: Db;
  config: Config;
}

export interface AppDependencies {
  db: Db;
  config: Config;
}

export function createContext(deps: AppDependencies): Context {
  return { db: deps.db, config: deps.config };
}
