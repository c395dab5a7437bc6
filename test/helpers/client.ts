import { loadConfig, type Config } from '../../src/config';
import { createApp, type KabarApp } from '../../src/http/app';
import type { Db } from '../../src/db/database';
import type { AppDependencies } from '../../src/context';
import { ViewBuffer } from '../../src/trending/view-buffer';
import { ViewRecorder } from '../../src/trending/views';
import { TrendingStore } from '../../src/trending/trending';

export const TEST_BASE_URL = 'https://kabar.test';

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Every in-process request is one client ("in-process"); suites that are not about rate limits
  // must not run out of points (test/rate-limits.test.ts sets its own).
  return { ...loadConfig({ PUBLIC_BASE_URL: TEST_BASE_URL, NODE_ENV: 'test', RATE_LIMIT_POINTS: '1000000000' }), ...overrides };
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestClient {
  app: KabarApp;
  config: Config;
  /** The view recorder behind POST /views and recordView; its buffer is not started (flush by hand). */
  views: ViewRecorder;
  /** Terpopuler lists; not started: computed on first read, or by `trending.refresh()`. */
  trending: TrendingStore;
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** Calls the app through fetch, without opening a port. */
export function createTestClient(
  db: Db,
  overrides: Partial<Config> = {},
  deps: Partial<Pick<AppDependencies, 'views' | 'trending' | 'generation' | 'redis' | 'changes' | 'metrics' | 'logger' | 'tracing' | 'live'>> = {},
): TestClient {
  const config = testConfig(overrides);
  const views = deps.views ?? new ViewRecorder(db, new ViewBuffer(db, { flushIntervalMs: config.viewFlushIntervalMs }));
  const trending = deps.trending ?? new TrendingStore(db, { refreshIntervalMs: config.trendingRefreshIntervalMs });
  const app = createApp({ ...deps, db, config, views, trending });
  const request = (path: string, init?: RequestInit) => Promise.resolve(app.fetch(new Request(`http://kabar.test${path}`, init)));
  return {
    app,
    config,
    views,
    trending,
    request,
    async graphql(query, variables, headers = {}) {
      const response = await request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body };
    },
  };
}
