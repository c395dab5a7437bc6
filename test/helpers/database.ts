import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, withDatabaseName, type Db } from '../../src/db/database';

export interface TestDatabase {
  db: Db;
  connectionString: string;
  /** SQL of every statement run through `db` since the last reset. */
  statements: string[];
  resetStatements(): void;
  drop(): Promise<void>;
}

function adminSettings() {
  const adminUrl = process.env.KABAR_TEST_ADMIN_URL;
  const template = process.env.KABAR_TEST_TEMPLATE;
  if (!adminUrl || !template) throw new Error('test database settings missing: run the tests through jest (globalSetup)');
  return { adminUrl, template };
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminSettings().adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database of this test file's own, cloned from the migrated and seeded template. */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = adminSettings();
  const name = `kabar_test_${randomBytes(5).toString('hex')}`;
  await withAdmin(async (client) => {
    // Two files cloning the same template at the same instant can collide; try again briefly.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`create database ${name} template ${template}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  const statements: string[] = [];
  const connectionString = withDatabaseName(adminUrl, name);
  const db = createDatabase({ connectionString, poolSize: options.poolSize ?? 5, onQuery: (sql) => statements.push(sql) });
  return {
    db,
    connectionString,
    statements,
    resetStatements: () => {
      statements.length = 0;
    },
    async drop() {
      await db.destroy();
      await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
