import pg from 'pg';
import type { Config } from '../config';
import { openDatabase, type OpenDatabase } from '../db/connect';
import { createDatabase } from '../db/database';

/**
 * The database for a management command. With DATABASE_URL unset the data lives in the embedded
 * PostgreSQL; when Kabar is running it already holds that server, so connect to it instead of
 * starting a second one on the same folder.
 */
export async function openCliDatabase(config: Config): Promise<OpenDatabase> {
  if (!config.databaseUrl) {
    const url = `postgres://postgres:kabar@127.0.0.1:${config.embeddedPort}/kabar`;
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    const running = await probe.connect().then(
      () => true,
      () => false,
    );
    await probe.end().catch(() => undefined);
    if (running) {
      const db = createDatabase({ connectionString: url, poolSize: 1 });
      return { db, connectionString: url, embedded: true, close: () => db.destroy() };
    }
  }
  return openDatabase({ ...config, dbPoolSize: 1 }, { log: (message) => console.error(message) });
}

/** Runs a command's main and exits with its code; a failure prints its message and exits 1. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
