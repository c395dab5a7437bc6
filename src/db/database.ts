import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Database } from './types';

// int8 (count(*), sums of views) as a JS number rather than a string; our counts stay below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  connectionString: string;
  poolSize?: number;
  /** Called after every SQL statement; tests count statements with it. */
  onQuery?: (sql: string, durationMs: number) => void;
  applicationName?: string;
}

export function createDatabase(options: DatabaseOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'kabar',
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next checkout simply opens a new connection.
  pool.on('error', (error) => console.error('[db] idle client error:', error.message));
  const onQuery = options.onQuery;
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: onQuery
      ? (event: LogEvent) => onQuery(event.query.sql, event.queryDurationMillis)
      : undefined,
  });
}

/** Replaces the database name of a postgres:// URL. */
export function withDatabaseName(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}
