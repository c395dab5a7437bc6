import fs from 'node:fs';
import path from 'node:path';
import { PG_BIN, runAsServerUser, serverDir, sparePort } from '../helpers/servers';

// A PostgreSQL 15 primary (wal_level=replica) and a streaming replica made with pg_basebackup -R,
// each on a spare port in a temporary folder, for the cluster test and the README's walkthrough.

export interface PostgresServer {
  port: number;
  dataDir: string;
  url(database: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  remove(): void;
}

const SETTINGS = [
  'listen_addresses=127.0.0.1',
  'wal_level=replica',
  'max_wal_senders=5',
  'hot_standby=on',
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=100',
  'shared_buffers=64MB',
];

function server(dataDir: string, port: number): PostgresServer {
  const log = path.join(dataDir, '..', `postgres-${port}.log`);
  const pgCtl = path.join(PG_BIN, 'pg_ctl');
  const options = `-p ${port} -k ${path.dirname(dataDir)} ${SETTINGS.map((s) => `-c ${s}`).join(' ')}`;
  const self: PostgresServer = {
    port,
    dataDir,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start() {
      runAsServerUser(pgCtl, ['-D', dataDir, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
    },
    stop(mode = 'fast') {
      runAsServerUser(pgCtl, ['-D', dataDir, '-m', mode, '-w', 'stop']);
    },
    remove() {
      try {
        self.stop('immediate');
      } catch {
        // already stopped
      }
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
  return self;
}

export async function startPrimary(): Promise<PostgresServer> {
  const root = serverDir('kabar-primary-');
  const dataDir = path.join(root, 'data');
  runAsServerUser(path.join(PG_BIN, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const primary = server(dataDir, await sparePort());
  primary.start();
  return primary;
}

export async function startReplica(primary: PostgresServer): Promise<PostgresServer> {
  const root = serverDir('kabar-replica-');
  const dataDir = path.join(root, 'data');
  runAsServerUser(path.join(PG_BIN, 'pg_basebackup'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '--no-sync',
  ]);
  const replica = server(dataDir, await sparePort());
  replica.start();
  return replica;
}
