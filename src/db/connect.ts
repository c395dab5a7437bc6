import type { Config } from '../config';
import { createDatabase, type Db } from './database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

export interface OpenDatabase {
  db: Db;
  connectionString: string;
  /** True when Kabar started its own embedded PostgreSQL. */
  embedded: boolean;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when it is unset. */
export async function openDatabase(
  config: Config,
  options: {
    log?: (message: string) => void;
    /** Where connection failures are reported (the pool's own default is stderr). */
    warn?: (message: string) => void;
    onQuery?: (sql: string, ms: number) => void;
    stoppedByCaller?: boolean;
  } = {},
): Promise<OpenDatabase> {
  let embeddedServer: EmbeddedPostgres | null = null;
  let connectionString = config.databaseUrl;
  if (!connectionString) {
    options.log?.(`DATABASE_URL is unset: starting embedded PostgreSQL (data in ${config.embeddedDataDir})`);
    embeddedServer = await startEmbeddedPostgres({
      dataDir: config.embeddedDataDir,
      port: config.embeddedPort,
      database: 'kabar',
      stoppedByCaller: options.stoppedByCaller,
    });
    connectionString = embeddedServer.connectionString;
  }
  const onQuery = options.onQuery ?? (config.logQueries ? (sql: string, ms: number) => console.log(`[sql ${ms.toFixed(1)} ms] ${sql}`) : undefined);
  const db = createDatabase({
    connectionString,
    poolSize: config.dbPoolSize,
    onQuery,
    // PgBouncer refuses unknown startup parameters such as statement_timeout: behind it the timeout
    // is the role's (ALTER ROLE … SET statement_timeout), and REQUEST_DEADLINE_MS still cancels.
    statementTimeoutMs: config.fleet.pgbouncer ? 0 : config.dbStatementTimeoutMs,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    preparedStatements: config.fleet.preparedStatements,
    ...(options.warn ? { log: options.warn } : {}),
  });
  return {
    db,
    connectionString,
    embedded: embeddedServer !== null,
    async close() {
      await db.destroy();
      await embeddedServer?.stop();
    },
  };
}
