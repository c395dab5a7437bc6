import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Servers a test starts for itself (PgBouncer, a PostgreSQL primary and its streaming replica):
// on spare ports, in temporary folders, removed afterwards. PostgreSQL and PgBouncer refuse to run
// as root; as root they run as the "postgres" system user (as src/db/embedded.ts does).

export const PG_BIN = process.env.KABAR_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const IS_ROOT = process.getuid?.() === 0;

/** The path of a program, or null when it is not installed. */
export function findProgram(name: string, candidates: string[] = []): string | null {
  for (const candidate of candidates) if (fs.existsSync(candidate)) return candidate;
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A temporary folder the server's user may write to. */
export function serverDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o700);
  if (IS_ROOT) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  return dir;
}

function command(program: string, args: string[]): [string, string[]] {
  return IS_ROOT ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

/** Runs a program to completion (as postgres when root); throws with its output on failure. */
export function runAsServerUser(program: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const [cmd, argv] = command(program, args);
  const result = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, cwd: os.tmpdir() });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

export function spawnAsServerUser(program: string, args: string[]): ChildProcess {
  const [cmd, argv] = command(program, args);
  return spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: os.tmpdir() });
}

export async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() - started > timeoutMs) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface PgBouncer {
  port: number;
  /** A postgres:// URL for `database` through PgBouncer. */
  url(database: string): string;
  log(): string;
  /** PgBouncer's own process id (from its pidfile). */
  pid(): number;
  /** Stops PgBouncer at once (clients cut off), waits `downMs`, and starts it again on the same port. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** PgBouncer in front of `target` (postgres:// URL of any database there), in transaction mode. */
export async function startPgBouncer(binary: string, target: string, options: { poolSize?: number } = {}): Promise<PgBouncer> {
  const dir = serverDir('kabar-pgbouncer-');
  const port = await sparePort();
  const server = new URL(target);
  const password = decodeURIComponent(server.password);
  // auth_type=any: clients are not checked (the test's own loopback bouncer); PgBouncer logs in to
  // PostgreSQL as the target's user, with its password when it has one.
  const login = `user=${decodeURIComponent(server.username) || 'postgres'}${password ? ` password=${password}` : ''}`;
  const ini = [
    '[databases]',
    `* = host=${server.hostname} port=${server.port || 5432} ${login}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = any',
    'pool_mode = transaction',
    `default_pool_size = ${options.poolSize ?? 3}`,
    'max_client_conn = 200',
    `logfile = ${dir}/pgbouncer.log`,
    `pidfile = ${dir}/pgbouncer.pid`,
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'pgbouncer.ini'), ini);
  if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const pidFile = path.join(dir, 'pgbouncer.pid');
  let output = '';
  const launch = async (): Promise<ChildProcess> => {
    const child = spawnAsServerUser(binary, [path.join(dir, 'pgbouncer.ini')]);
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitForPort(port);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`PgBouncer did not start: ${String(error)}\n${output}`);
    }
    return child;
  };
  /** Signals PgBouncer itself (runuser may not pass a signal on: its pid is in its pidfile) and waits for it to go. */
  const halt = async (child: ChildProcess, signal: NodeJS.Signals): Promise<void> => {
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8').trim()), signal);
    } catch {
      child.kill(signal);
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(pidFile, { force: true });
  };
  let child = await launch();
  return {
    port,
    url: (database) => `postgres://${server.username || 'postgres'}@127.0.0.1:${port}/${database}`,
    pid: () => Number(fs.readFileSync(pidFile, 'utf8').trim()),
    log: () => {
      try {
        return fs.readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8');
      } catch {
        return output;
      }
    },
    async restart(downMs: number) {
      // SIGTERM is PgBouncer's immediate shutdown: every client and server connection is cut, as in a crash.
      await halt(child, 'SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await launch();
    },
    async stop() {
      await halt(child, 'SIGINT');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
