import { loadConfig, type Config } from '../../src/config';
import { createApp, type KabarApp } from '../../src/http/app';
import type { Db } from '../../src/db/database';

export const TEST_BASE_URL = 'https://kabar.test';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ PUBLIC_BASE_URL: TEST_BASE_URL, NODE_ENV: 'test' }), ...overrides };
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestClient {
  app: KabarApp;
  config: Config;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** Calls the app through fetch, without opening a port. */
export function createTestClient(db: Db, overrides: Partial<Config> = {}): TestClient {
  const config = testConfig(overrides);
  const app = createApp({ db, config });
  const request = (path: string, init?: RequestInit) => Promise.resolve(app.fetch(new Request(`http://kabar.test${path}`, init)));
  return {
    app,
    config,
    request,
    async graphql(query, variables) {
      const response = await request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body };
    },
  };
}
