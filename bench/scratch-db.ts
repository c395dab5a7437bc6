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

/**
 * `keep`: the database is named `<prefix>_<keep>` instead of after the process, reused when it exists
 * (migrated to the latest schema) and left in place by close(), so a slow build can serve many runs.
 */
export async function openScratchDatabase(prefix: string, options: { poolSize?: number; keep?: string } = {}): Promise<ScratchDatabase> {
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
  if (options.keep !== undefined && !/^[a-z0-9_]+$/.test(options.keep)) throw new Error('keep: lower-case letters, digits and _ only');
  const name = options.keep !== undefined ? `${prefix}_${options.keep}` : `${prefix}_${process.pid}`;
  await admin(adminUrl, async (c) => {
    if (options.keep !== undefined) {
      const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount === 0) await c.query(`create database ${name}`);
    } else {
      await c.query(`drop database if exists ${name}`);
      await c.query(`create database ${name}`);
    }
  });
  const connectionString = withDatabaseName(adminUrl, name);
  const db = createDatabase({ connectionString, poolSize: options.poolSize ?? 4, applicationName: prefix });
  await migrateToLatest(db);
  return {
    db,
    connectionString,
    async close() {
      await db.destroy();
      if (options.keep === undefined) await admin(adminUrl!, (c) => c.query(`drop database if exists ${name} with (force)`));
      await embedded?.stop();
    },
  };
}
