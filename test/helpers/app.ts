import type { Config } from '../../src/config';
import { createTestClient, type TestClient } from './client';
import { createTestDatabase, type TestDatabase } from './database';

// The set-up most test files share: a database of the file's own (cloned from the seeded template)
// and a client for the app on it, created in beforeAll and dropped in afterAll.
//
//   const { database, client } = useTestApp({ feedCacheSeconds: 0 });
//
// Both exist only once beforeAll has run, yet tests name them at the top of the file; so what is
// returned stands in for them and hands every property access to the real object.

export interface TestAppOptions {
  /** Config overrides for the client. */
  config?: Partial<Config>;
  /** Connections in the database pool (default 5). */
  poolSize?: number;
}

export interface TestApp {
  database: TestDatabase;
  client: TestClient;
}

/** Registers beforeAll/afterAll for a database of this file's own and an app client on it. */
export function useTestApp(options: TestAppOptions = {}): TestApp {
  let database: TestDatabase | undefined;
  let client: TestClient | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: options.poolSize });
    client = createTestClient(database.db, options.config);
  });
  afterAll(() => database?.drop());
  return { database: standIn('database', () => database), client: standIn('client', () => client) };
}

/** Like useTestApp, for files that build their own clients (or none). */
export function useTestDatabase(options: Pick<TestAppOptions, 'poolSize'> = {}): TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: options.poolSize });
  });
  afterAll(() => database?.drop());
  return standIn('database', () => database);
}

function standIn<T extends object>(name: string, current: () => T | undefined): T {
  const target = () => {
    const value = current();
    if (!value) throw new Error(`the test ${name} exists only inside tests and hooks, after useTestApp's beforeAll`);
    return value;
  };
  return new Proxy({} as T, {
    // Methods are not bound: those of TestDatabase and TestClient are closures that ignore `this`,
    // and binding would turn callable values such as the yoga app into bare functions.
    get: (_, property) => Reflect.get(target(), property),
    has: (_, property) => Reflect.has(target(), property),
  });
}
