import path from 'node:path';
import pg from 'pg';
import { createDatabase, withDatabaseName, type Db } from '../src/db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded';
import { migrateToLatest } from '../src/db/migrate';

// A throw-away, migrated database for a measurement: created on the server of DATABASE_URL, or on an
// embedded PostgreSQL of its own (data in .kabar/bench-pgdata) when DATABASE_URL is unset; dropped
// again by close().

export interface ScratchDatabase {
  db: Db;
  connectionString: string;
  close(): Promise<void>;
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function openScratchDatabase(prefix: string, options: { poolSize?: number } = {}): Promise<ScratchDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(__dirname, '..', '.kabar', 'bench-pgdata'),
      port: Number(process.env.KABAR_BENCH_PG_PORT ?? 54359),
      database: 'postgres',
    });
    adminUrl = embedded.connectionString;
  }
  const name = `${prefix}_${process.pid}`;
  await admin(adminUrl, async (c) => {
    await c.query(`drop database if exists ${name}`);
    await c.query(`create database ${name}`);
  });
  const connectionString = withDatabaseName(adminUrl, name);
  const db = createDatabase({ connectionString, poolSize: options.poolSize ?? 4, applicationName: prefix });
  await migrateToLatest(db);
  return {
    db,
    connectionString,
    async close() {
      await db.destroy();
      await admin(adminUrl!, (c) => c.query(`drop database if exists ${name} with (force)`));
      await embedded?.stop();
    },
  };
}
