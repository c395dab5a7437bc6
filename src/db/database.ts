import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Database } from './types';
import { currentStatementScope, StatementsCancelledError } from './statement-scope';

// int8 (count(*), sums of views) as a JS number rather than a string; our counts stay below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

// timestamptz: every list row carries a few, and pg's general date parser (regular expressions,
// local-time rules) is a noticeable share of a page's CPU. The text PostgreSQL sends in a UTC session
// ("2026-11-25 07:48:53.415+00") is read directly; anything else goes to pg's own parser.
const parseTimestamptz = pg.types.getTypeParser(1184) as (value: string) => Date;
const UTC_TIMESTAMP = /^([1-9]\d{3})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?\+00$/;
pg.types.setTypeParser(1184, (value: string) => {
  const m = UTC_TIMESTAMP.exec(value);
  if (!m) return parseTimestamptz(value);
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
});

/** Distinct statements a connection keeps prepared; later ones run unprepared. */
const MAX_PREPARED_PER_CONNECTION = 200;

/**
 * Runs every parameterised statement as a named prepared statement on its connection: PostgreSQL
 * parses and plans it once per connection instead of on every call, which for the small, frequent
 * reads of a page is most of their server-side cost. Kysely always passes (text, values).
 */
function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Map<string, string>();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      let name = names.get(text);
      if (name === undefined && names.size < MAX_PREPARED_PER_CONNECTION) {
        name = `kabar_${names.size}`;
        names.set(text, name);
      }
      if (name !== undefined) return query({ name, text, values });
    }
    return query(...args);
  };
}

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  connectionString: string;
  poolSize?: number;
  /** Called after every SQL statement; tests count statements with it. */
  onQuery?: (sql: string, durationMs: number) => void;
  applicationName?: string;
  /** PostgreSQL cancels a statement of this pool that runs longer (0 or unset: no limit). */
  statementTimeoutMs?: number;
  /** A checkout waits at most this long for a connection, then fails (unset: forever). */
  connectTimeoutMs?: number;
  /** Where lost-connection messages go (once per kind of failure and minute); console.error by default. */
  log?: (message: string) => void;
  /** Called when a checkout cannot connect or a connection is lost (read replicas are skipped at once). */
  onConnectionError?: (error: Error) => void;
  /**
   * Run parameterised statements as named prepared statements (default true). Off behind PgBouncer
   * in transaction mode, where the next statement may run on a server connection that never saw the
   * PREPARE (DB_PREPARED_STATEMENTS=false).
   */
  preparedStatements?: boolean;
}

const CONNECTION_ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * A database outage breaks every pooled connection at once, each with one or two errors; the
 * operator needs one line saying what happened, not a line per connection. Later errors within the
 * interval are counted and the count is given with the next line.
 */
function connectionErrorLog(log: (message: string) => void): (error: Error) => void {
  let lastLoggedAt = -Infinity;
  let suppressed = 0;
  return (error) => {
    const now = Date.now();
    if (now - lastLoggedAt < CONNECTION_ERROR_LOG_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    const repeats = suppressed > 0 ? ` (${suppressed} more connection errors since the last report)` : '';
    lastLoggedAt = now;
    suppressed = 0;
    log(`[db] connection lost: ${error.message}${repeats}`);
  };
}

export function createDatabase(options: DatabaseOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'kabar',
    // While the database is away, requests fail after this wait instead of queueing without end.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 0,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  const log = connectionErrorLog(options.log ?? ((message) => console.error(message)));
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next checkout simply opens a new connection.
  const onConnectionError = options.onConnectionError;
  pool.on('error', (error) => {
    log(error);
    onConnectionError?.(error);
  });
  pool.on('connect', (client) => {
    // A client that is checked out has no pool listener: when its backend is terminated (failover,
    // restart, pg_terminate_backend) between two statements, pg emits 'error' on the client itself,
    // and an EventEmitter 'error' without a listener takes the whole process down. The statement
    // in flight, if any, is rejected on its own; the pool drops the broken client on release.
    client.on('error', (error) => {
      log(error);
      onConnectionError?.(error);
    });
    if (options.preparedStatements ?? true) prepareStatements(client);
  });
  if (onConnectionError) reportFailedCheckouts(pool, onConnectionError);
  trackCheckoutsInScopes(pool);
  const onQuery = options.onQuery;
  const observers = new Set<StatementObserver>();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event: LogEvent) => {
      onQuery?.(event.query.sql, event.queryDurationMillis);
      if (observers.size === 0) return;
      const statement: ObservedStatement = {
        sql: event.query.sql,
        durationMs: event.queryDurationMillis,
        error: event.level === 'error' ? event.error : undefined,
      };
      for (const observer of observers) observer(statement);
    },
  });
  instruments.set(db, { pool, observers });
  return db;
}

/** A statement that has finished (or failed), as metrics and traces see it. */
export interface ObservedStatement {
  sql: string;
  durationMs: number;
  /** Set when the statement failed. */
  error?: unknown;
}

export type StatementObserver = (statement: ObservedStatement) => void;

/** Connections of a database's pool at this moment. */
export interface PoolStats {
  /** Open connections, checked out or idle. */
  total: number;
  idle: number;
  /** Checkouts waiting for a connection. */
  waiting: number;
}

// What observability needs of a database made here, without changing how it behaves.
const instruments = new WeakMap<Db, { pool: pg.Pool; observers: Set<StatementObserver> }>();

/**
 * Calls `observer` after every statement `db` runs (src/observability: SQL latency, spans). Returns
 * a function that stops it. Databases not made by createDatabase are not observed.
 */
export function observeStatements(db: Db, observer: StatementObserver): () => void {
  const observers = instruments.get(db)?.observers;
  observers?.add(observer);
  return () => void observers?.delete(observer);
}

/** The pool's connections now; undefined for a database not made by createDatabase. */
export function poolStats(db: Db): PoolStats | undefined {
  const pool = instruments.get(db)?.pool;
  return pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

/** A checkout that cannot connect (server down, refused) is reported before it is rejected. */
function reportFailedCheckouts(pool: pg.Pool, report: (error: Error) => void): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    return (connect() as Promise<pg.PoolClient>).catch((error: Error) => {
      report(error);
      throw error;
    });
  };
}

/**
 * Each connection checked out (Kysely takes them with `pool.connect()`) is recorded in the
 * statement scope of the request that took it, so that request can cancel what it runs
 * (src/db/statement-scope.ts). Outside a scope (jobs, migrations, tests), nothing changes.
 */
function trackCheckoutsInScopes(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    const scope = currentStatementScope();
    // pg's own pool.query() passes a callback; only Kysely's promise form is a request's checkout.
    if (args.length > 0 || !scope) return connect(...args);
    if (scope.cancelled !== null) return Promise.reject(new StatementsCancelledError(scope.cancelled));
    return (connect() as Promise<pg.PoolClient>).then((connection) => {
      const release = connection.release;
      const untrack = scope.track(connection);
      connection.release = (error?: Error | boolean) => {
        connection.release = release;
        return release.call(connection, untrack() ? true : error);
      };
      return connection;
    });
  };
}

/** Replaces the database name of a postgres:// URL. */
export function withDatabaseName(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One round trip to the server: the readiness probe. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
