import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchDatabase } from './prepare';

// The four contenders, each started alone as a child process (never in the runner's process) and
// stopped before the next one starts, so none competes with another for the two cores.

export type ServerName = 'kabar' | 'kabar-cache' | 'postgraphile' | 'raw';
export const ALL_SERVERS: ServerName[] = ['kabar', 'kabar-cache', 'postgraphile', 'raw'];

export const SERVER_TITLES: Record<ServerName, string> = {
  kabar: 'Kabar',
  'kabar-cache': 'Kabar, response cache (GET + APQ)',
  postgraphile: 'PostGraphile 5',
  raw: 'raw SQL (node:http + pg)',
};

const ROOT = path.resolve(__dirname, '..', '..');

export interface StartOptions {
  port: number;
  poolSize: number;
  /** Write a V8 CPU profile of the server (Kabar only) into this folder. */
  cpuProfileDir?: string;
  /** More environment for the server (applied last). */
  env?: NodeJS.ProcessEnv;
  /** Run the server on these CPUs only (taskset's list, e.g. "1"), away from the load generator. */
  cpus?: string;
  log: (message: string) => void;
}

export interface RunningServer {
  name: ServerName;
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

function command(name: ServerName, db: BenchDatabase, options: StartOptions): { args: string[]; env: NodeJS.ProcessEnv } {
  const common: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: String(options.port), DB_POOL_SIZE: String(options.poolSize) };
  delete common.NODE_OPTIONS;
  switch (name) {
    case 'kabar':
    case 'kabar-cache':
      return {
        // As `npm start` runs it (package.json), from the production build.
        args: [
          '--max-semi-space-size=64',
          ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
          path.join(ROOT, 'dist', 'src', 'server.js'),
        ],
        env: {
          ...common,
          DATABASE_URL: db.connectionString,
          HOST: '127.0.0.1',
          SEED_DEMO: 'false',
          RESPONSE_CACHE: name === 'kabar-cache' ? 'true' : 'false',
          // The bench database has every related list computed; nothing for the background job.
          RELATED_REFRESH_INTERVAL_MS: '86400000',
          REDIS_URL: '',
          // All load comes from one loopback client: the comparison measures serving, not limits.
          RATE_LIMIT_POINTS: '0',
        },
      };
    case 'postgraphile':
      return {
        args: ['--import', 'tsx', path.join(ROOT, 'bench', 'servers', 'postgraphile.ts')],
        env: {
          ...common,
          BENCH_DATABASE_URL: db.readerConnectionString,
          // PostGraphile 5 wants Node 22's Promise.withResolvers; this is Node 20.
          NODE_OPTIONS: `--import=${pathToFileURL(path.join(ROOT, 'bench', 'servers', 'polyfill.mjs')).href}`,
        },
      };
    case 'raw':
      return {
        args: ['--import', 'tsx', path.join(ROOT, 'bench', 'servers', 'raw.ts')],
        env: { ...common, BENCH_DATABASE_URL: db.connectionString },
      };
  }
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startServer(name: ServerName, db: BenchDatabase, options: StartOptions): Promise<RunningServer> {
  // Something already listening there would answer in place of the server under test.
  if (await portInUse(options.port)) throw new Error(`port ${options.port} is already in use: stop whatever listens there and run again`);
  const { args, env: baseEnv } = command(name, db, options);
  const env = { ...baseEnv, ...options.env };
  if (options.cpuProfileDir) fs.mkdirSync(options.cpuProfileDir, { recursive: true });
  // taskset execs the server, so the child's pid stays the server's.
  const child = options.cpus
    ? spawn('taskset', ['-c', options.cpus, process.execPath, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const started = Date.now();
  const probe = name === 'raw' ? `${baseUrl}/home` : name === 'postgraphile' ? `${baseUrl}/graphql` : `${baseUrl}/readyz`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up (code ${child.exitCode}):\n${output}`);
    if (Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become ready within 120 s:\n${output}`);
    }
    try {
      const response = await fetch(
        probe,
        name === 'postgraphile' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' } : undefined,
      );
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  options.log(`${name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);
  return {
    name,
    baseUrl,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 15_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    },
  };
}

/** Waits until the Kabar child process answers /readyz with 200; fails if it exits or takes longer than `timeoutMs`. */
export async function waitForReadyz(base: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Kabar exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Kabar did not become ready within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
