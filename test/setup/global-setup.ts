import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { createDatabase, withDatabaseName } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { seedDemoPublication } from '../../src/seed';
import { refreshStaleRelated } from '../../src/content/related';
import { TEST_SEED } from '../helpers/constants';

// Once per `jest` run: find a PostgreSQL (DATABASE_URL, else an embedded one), build a template
// database (migrated and seeded with the demo publication), and tell the test files where it is.
// Each test file then clones the template into a database of its own (test/helpers/database.ts).

export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(__dirname, '..', '..', '.kabar', 'test-pgdata'),
      port: Number(process.env.KABAR_TEST_PG_PORT ?? 54339),
      database: 'postgres',
    });
    (globalThis as Record<string, unknown>).__kabarEmbedded = embedded;
    adminUrl = embedded.connectionString;
  }
  const template = `kabar_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const db = createDatabase({ connectionString: withDatabaseName(adminUrl, template), poolSize: 4 });
  try {
    await migrateToLatest(db);
    await seedDemoPublication(db, { articles: 320, randomSeed: TEST_SEED });
    await refreshStaleRelated(db);
  } finally {
    await db.destroy();
  }
  process.env.KABAR_TEST_ADMIN_URL = adminUrl;
  process.env.KABAR_TEST_TEMPLATE = template;
}
