import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { PG_BIN, runAsServerUser, serverDir, spawnAsServerUser, sparePort, waitForPort } from '../test/helpers/servers';
import { mulberry32 } from './lib/mulberry32';

// Issue 15's probe table, re-run against one build of Kabar (a checkout with its node_modules):
//
//   npm run probes -- --build /work/wt-before                   every probe, on that checkout
//   npm run probes -- --build . --only fuzz,beacons             some of them
//   npm run probes -- --compare bench/results/probes-A.json bench/results/probes-B.json
//                                                               the side-by-side table of two runs
//
// The build runs as a child process, `node --max-semi-space-size=64 --import tsx src/server.ts` in
// its folder (so the child's pid is the server's, for RSS), with NODE_ENV=production on a spare
// loopback port, against a PostgreSQL 15 and a redis-server that this script starts for itself on
// spare ports in temporary folders (probes stop and restart them; the machine's shared servers are
// never touched) and removes at the end. The build's own start seeds its demo publication into the
// fresh database. Every probe gets a fresh server process. The script acts as the load balancer in
// front of Kabar: builds that read TRUST_PROXY get 127.0.0.1, and requests carry X-Forwarded-For
// (many addresses for ordinary readers, one for the hostile client of a probe). Counts are the same
// for every build; where they are smaller than the issue's, the output says so.
//
// Results: a markdown table on stdout and in bench/results/probes-<commit>.md, every number in
// bench/results/probes-<commit>.json (<commit>: the build's commit that is on main, i.e. its merge
// base with main). Trials write to the temporary folder instead: --only, --quick (small counts),
// --set name=value,… (counts), --server-env NAME=value,… (more environment for every server).
// --keep-logs keeps the servers' output. See bench/README.md, "Issue 15 probes, before and after".

// ---------------------------------------------------------------------------------------------
// Options and counts

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const QUICK = process.argv.includes('--quick');

/** The same for every build, so the tables compare. `--quick` is for trying the script out. */
const COUNTS = QUICK
  ? {
      restartRuns: 1,
      outageRuns: 1,
      outageSeconds: 4,
      outageBeacons: 40,
      fuzz: 1_000,
      beacons: 300,
      beaconSeconds: 5,
      aliasGets: 100,
      junkGets: 500,
      idleSeconds: 3,
    }
  : {
      restartRuns: 2,
      outageRuns: 2,
      outageSeconds: 30,
      outageBeacons: 200,
      fuzz: 20_000,
      beacons: 3_000,
      beaconSeconds: 30,
      aliasGets: 10_000,
      junkGets: 10_000,
      idleSeconds: 20,
    };

// `--set name=value,…` changes a count (for trying things out; the tables should use the defaults).
for (const pair of option('set')?.split(',').filter(Boolean) ?? []) {
  const [name, value] = pair.split('=') as [keyof typeof COUNTS, string];
  if (!(name in COUNTS) || !Number.isFinite(Number(value)))
    throw new Error(`--set: unknown count or bad value in "${pair}"; counts: ${Object.keys(COUNTS).join(', ')}`);
  COUNTS[name] = Number(value);
}

const ROOT = path.resolve(__dirname, '..');
const BROWSER_UA = 'Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36';
/** The example frontend's origin, which both builds allow by default (CORS_ORIGINS). */
const FRONTEND_ORIGIN = 'http://localhost:5173';
const READER_ACCEPT = 'application/graphql-response+json, application/json';

const log = (message: string) => console.error(`[probes ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const fmt = (value: number) => value.toLocaleString('en-US');

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function countInto(map: Record<string, number>, key: string | number, by = 1): void {
  map[String(key)] = (map[String(key)] ?? 0) + by;
}

function histogram(map: Record<string, number>): string {
  const entries = Object.entries(map).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([key, n]) => `${fmt(n)} × ${key}`).join(', ') : 'none';
}

// ---------------------------------------------------------------------------------------------
// Private PostgreSQL and Redis

/** Runs a program as the server user without blocking this process (the load keeps running). */
function runAsServerUserAsync(program: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawnAsServerUser(program, args);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

class PrivatePostgres {
  readonly dataDir: string;
  private readonly logFile: string;
  private readonly options: string;

  private constructor(
    readonly root: string,
    readonly port: number,
  ) {
    this.dataDir = path.join(root, 'data');
    this.logFile = path.join(root, 'postgres.log');
    const settings = [
      'listen_addresses=127.0.0.1',
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
      'max_connections=100',
      'shared_buffers=128MB',
    ];
    this.options = `-p ${port} -k ${root} ${settings.map((s) => `-c ${s}`).join(' ')}`;
  }

  static async create(): Promise<PrivatePostgres> {
    const root = serverDir('kabar-probes-pg-');
    const pg = new PrivatePostgres(root, await sparePort());
    runAsServerUser(path.join(PG_BIN, 'initdb'), ['-D', pg.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    await pg.start();
    await pg.query('create database kabar');
    return pg;
  }

  url(database = 'kabar'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private async ctl(args: string[]): Promise<void> {
    const result = await runAsServerUserAsync(path.join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, ...args]);
    if (result.code !== 0) throw new Error(`pg_ctl ${args.join(' ')} failed (${result.code}): ${result.output}`);
  }

  start(): Promise<void> {
    return this.ctl(['-l', this.logFile, '-w', '-t', '60', '-o', this.options, 'start']);
  }

  /** `fast`: backends are terminated with 57P01 (terminating connection due to administrator command). */
  stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    return this.ctl(['-m', mode, '-w', 'stop']);
  }

  restart(): Promise<void> {
    return this.ctl(['-m', 'fast', '-l', this.logFile, '-w', '-t', '60', '-o', this.options, 'restart']);
  }

  running(): boolean {
    return fs.existsSync(path.join(this.dataDir, 'postmaster.pid'));
  }

  async ensureRunning(): Promise<void> {
    if (!this.running()) await this.start();
  }

  async query<T = Record<string, unknown>>(text: string, values: unknown[] = [], database = 'postgres'): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async remove(): Promise<void> {
    if (this.running()) await this.stop('immediate').catch(() => undefined);
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivateRedis> {
    return new PrivateRedis(fs.mkdtempSync(path.join(os.tmpdir(), 'kabar-probes-redis-')), await sparePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    await waitForPort(this.port);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.child = null;
  }

  /** Commands Redis has run, by name (INFO commandstats). */
  commandCalls(): Record<string, number> {
    const info = execFileSync('redis-cli', ['-p', String(this.port), 'info', 'commandstats'], { encoding: 'utf8' });
    return Object.fromEntries([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
  }

  dbsize(): number {
    return Number(execFileSync('redis-cli', ['-p', String(this.port), 'dbsize'], { encoding: 'utf8' }).trim());
  }

  async remove(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The Kabar child process

interface OutputCounters {
  bytes: number;
  stderrBytes: number;
  /** JSON log lines below warn (access lines, info): what a healthy server writes anyway. */
  infoBytes: number;
  lines: number;
}

class KabarServer {
  readonly counters: OutputCounters = { bytes: 0, stderrBytes: 0, infoBytes: 0, lines: 0 };
  /** The first 200 lines and the last 64 kB of stderr and of stdout lines that are not info. */
  private readonly firstLines: string[] = [];
  private tail = '';
  /** Lines that are not info, by message (JSON) or start: how often each was written. */
  readonly messages = new Map<string, number>();
  private readonly logStream: fs.WriteStream;
  private readyAt: number | null = null;
  readonly startedAt = Date.now();
  exit: { code: number | null; signal: string | null; at: number } | null = null;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {
    this.logStream = fs.createWriteStream(logFile);
    const collect = (stream: 'stdout' | 'stderr') => {
      let partial = '';
      return (chunk: Buffer) => {
        this.logStream.write(chunk);
        this.counters.bytes += chunk.length;
        if (stream === 'stderr') this.counters.stderrBytes += chunk.length;
        const text = partial + chunk.toString('utf8');
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) this.line(stream, line);
      };
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    child.once('exit', (code, signal) => {
      this.exit = { code, signal, at: Date.now() };
    });
  }

  private line(stream: 'stdout' | 'stderr', line: string): void {
    this.counters.lines += 1;
    if (line.includes('Kabar is ready') && this.readyAt === null) this.readyAt = Date.now();
    let info = false;
    if (stream === 'stdout' && line.startsWith('{')) {
      try {
        const level = (JSON.parse(line) as { level?: unknown }).level;
        info = typeof level === 'number' ? level < 40 : ['trace', 'debug', 'info'].includes(String(level));
      } catch {
        // not JSON
      }
    }
    if (info) {
      this.counters.infoBytes += Buffer.byteLength(line) + 1;
      return;
    }
    let key = line.slice(0, 100);
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
        key = `level ${String(entry.level)}: ${String(entry.msg).slice(0, 100)}`;
      } catch {
        // not JSON
      }
    }
    if (this.messages.has(key) || this.messages.size < 500) this.messages.set(key, (this.messages.get(key) ?? 0) + 1);
    if (this.firstLines.length < 200) this.firstLines.push(line);
    this.tail = (this.tail + line + '\n').slice(-65_536);
  }

  static async start(build: string, env: Record<string, string>, label: string, dir: string, waitReady = true): Promise<KabarServer> {
    const port = await sparePort();
    const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/server.ts'], {
      cwd: build,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/root',
        LANG: 'C.UTF-8',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        // The script is the load balancer: a build that reads TRUST_PROXY takes X-Forwarded-For from it.
        TRUST_PROXY: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new KabarServer(child, port, path.join(dir, `${label}.log`));
    if (waitReady && !(await server.waitReady(180_000))) throw new Error(`${label}: Kabar was not ready within 180 s`);
    return server;
  }

  /** Ready: it said so (at info), or /healthz answers (both builds open the port once they can serve). */
  async waitReady(timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    while (this.readyAt === null) {
      if (this.exit) throw new Error(`Kabar exited (${this.exit.code ?? this.exit.signal}) before it was ready:\n${this.tail.slice(-3000)}`);
      if (Date.now() - started > timeoutMs) return false;
      await sleep(100);
      if ((await send(this.port, { path: '/healthz', timeoutMs: 1_000 })).status === 200) this.readyAt ??= Date.now();
    }
    return true;
  }

  get ready(): boolean {
    return this.readyAt !== null;
  }

  get startMs(): number | null {
    return this.readyAt === null ? null : this.readyAt - this.startedAt;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  get pid(): number {
    return this.child.pid!;
  }

  rssMb(): number {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  }

  /** The most frequent lines that are not info since `since` (a copy of `messages` taken earlier). */
  topMessages(since: Map<string, number> = new Map(), n = 5): string[] {
    return [...this.messages]
      .map(([key, count]): [string, number] => [key, count - (since.get(key) ?? 0)])
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, count]) => `${count} × ${key}`);
  }

  /** The last lines written that are not info, in order. */
  tailLines(): string[] {
    return this.tail.split('\n').filter((line) => line.trim());
  }

  /** Lines written to stderr or at warn and above, matching `pattern`. */
  errorLines(pattern?: RegExp): string[] {
    const lines = [...this.firstLines, ...this.tail.split('\n')];
    return [...new Set(lines.filter((line) => line.trim() && (!pattern || pattern.test(line))))];
  }

  async stop(): Promise<void> {
    if (this.alive) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (this.alive) {
        this.child.kill('SIGKILL');
        await Promise.race([exited, sleep(5_000)]);
      }
    }
    await new Promise((resolve) => this.logStream.end(resolve));
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

interface Res {
  status: number;
  error?: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  /** When the request was sent and answered (performance.now()). */
  sentAt: number;
  ms: number;
}

function send(port: number, req: Req, agent: http.Agent | false = false): Promise<Res> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    let settled = false;
    const done = (res: Omit<Res, 'sentAt' | 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...res, sentAt, ms: performance.now() - sentAt });
    };
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    const headers: Record<string, string> = { ...req.headers };
    if (body) headers['content-length'] = String(body.length);
    const request = http.request(
      { host: '127.0.0.1', port, method: req.method ?? 'GET', path: req.path, headers, agent, insecureHTTPParser: true },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
        res.on('error', (error) =>
          done({ status: 0, error: (error as NodeJS.ErrnoException).code ?? error.message, headers: {}, rawHeaders: [], body: Buffer.alloc(0) }),
        );
      },
    );
    request.setTimeout(req.timeoutMs ?? 30_000, () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    request.on('error', (error) =>
      done({ status: 0, error: (error as NodeJS.ErrnoException).code ?? error.message, headers: {}, rawHeaders: [], body: Buffer.alloc(0) }),
    );
    request.end(body);
  });
}

interface RawReq {
  method: string;
  /** Sent as written (UTF-8), so it may hold what an HTTP client library would refuse. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
}

interface RawRes {
  status: number;
  error?: string;
  headers: [string, string][];
  bodyStart: string;
  ms: number;
}

/**
 * One request on a connection of its own (Connection: close), the answer read as bytes: every
 * header line is seen as the server wrote it, duplicated Content-Length included, which an HTTP
 * client would refuse to parse.
 */
function rawRequest(port: number, req: RawReq, timeoutMs = 15_000): Promise<RawRes> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf('\r\n\r\n');
      const head = (end >= 0 ? raw.subarray(0, end) : raw).toString('latin1').split('\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1];
      const headers = head.slice(1).map((line): [string, string] => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
      });
      resolve({
        status: status ? Number(status) : 0,
        error: status ? undefined : (error ?? 'no answer'),
        headers,
        bodyStart: end >= 0 ? raw.subarray(end + 4, end + 4 + 600).toString('utf8') : '',
        ms: performance.now() - started,
      });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      if (size < 4_194_304) chunks.push(chunk);
      size += chunk.length;
      // Some answers keep the connection open although the request said `Connection: close`
      // (yoga's multipart/mixed sets `Connection: keep-alive`): the framing says when it ends.
      if (size < 4_194_304 && complete(Buffer.concat(chunks), req.method === 'HEAD')) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error) => finish(size > 0 ? undefined : ((error as NodeJS.ErrnoException).code ?? error.message)));
    socket.on('connect', () => {
      const lines = [`${req.method} ${req.path} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'connection: close'];
      for (const [name, value] of Object.entries(req.headers)) lines.push(`${name}: ${value}`);
      if (req.body && req.chunked) lines.push('transfer-encoding: chunked');
      else if (req.body) lines.push(`content-length: ${req.body.length}`);
      socket.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'));
      // A server may refuse on the headers alone (Content-Length over its limit) and close: give it
      // a moment, so that its answer is read before the body is written into a closed connection.
      if (req.body) void sleep(req.body.length > 1e6 ? 300 : 0).then(() => writeBody(req.body!, req.chunked === true));
    });
    // The body in pieces, as fast as the server reads it, until it answers (a refusal of a large
    // body comes before the body has been read; writing on would only reset the connection).
    const writeBody = async (body: Buffer, chunked: boolean) => {
      const piece = 1 << 16;
      for (let at = 0; at < body.length && !settled && size === 0; at += piece) {
        const part = body.subarray(at, at + piece);
        const data = chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part;
        await new Promise((resolve) => socket.write(data, resolve));
        // Let an early answer be read before the next piece goes out (once the server has closed,
        // a write fails with EPIPE and the answer waiting in the socket is lost).
        await sleep(1);
      }
      if (chunked && !settled && size === 0) socket.write('0\r\n\r\n');
    };
  });
}

/** True when `raw` holds a whole HTTP/1.1 answer (by Content-Length or chunked framing). */
function complete(raw: Buffer, head: boolean): boolean {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const lines = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
  if (head || status === 204 || status === 304 || (status >= 100 && status < 200)) return true;
  const header = (name: string) =>
    lines.filter((line) => line.toLowerCase().startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trim());
  const body = raw.subarray(end + 4);
  if (header('transfer-encoding').some((value) => /chunked/i.test(value))) {
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf('\r\n', at);
      if (lineEnd < 0) return false;
      const length = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(length)) return false;
      if (length === 0) return body.indexOf('\r\n', lineEnd + 2) >= 0;
      at = lineEnd + 2 + length + 2;
      if (at > body.length) return false;
    }
  }
  const lengths = header('content-length');
  // Conflicting lengths: only the close tells.
  if (lengths.length === 1) return body.length >= Number(lengths[0]);
  return false;
}

function json(res: { body: Buffer }): any {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    return null;
  }
}

/** A closed-loop load: `workers` connections, each sending its next request when the last is answered. */
class Load {
  private running = true;
  private phase = 'start';
  private readonly loops: Promise<void>[] = [];
  readonly phases = new Map<
    string,
    { started: number; ended: number; count: number; statuses: Record<string, number>; tags: Record<string, number>; ms: number[] }
  >();
  /** [answered at, ok] of every request. */
  readonly timeline: [number, boolean][] = [];

  constructor(port: number, workers: number, next: (i: number) => Req, classify: (res: Res) => { ok: boolean; tag?: string }) {
    this.setPhase('start');
    const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
    let i = 0;
    for (let w = 0; w < workers; w += 1) {
      this.loops.push(
        (async () => {
          while (this.running) {
            const phase = this.current;
            i += 1;
            const res = await send(port, { timeoutMs: 20_000, ...next(i) }, agent);
            const { ok, tag } = classify(res);
            phase.count += 1;
            countInto(phase.statuses, res.status || res.error || 'error');
            if (tag) countInto(phase.tags, tag);
            phase.ms.push(res.ms);
            this.timeline.push([performance.now(), ok]);
            // A refused connection answers at once; do not spin.
            if (res.status === 0) await sleep(20);
          }
        })(),
      );
    }
  }

  private get current() {
    return this.phases.get(this.phase)!;
  }

  setPhase(name: string): void {
    const now = performance.now();
    const previous = this.phases.get(this.phase);
    if (previous) previous.ended = now;
    this.phase = name;
    this.phases.set(name, { started: now, ended: now, count: 0, statuses: {}, tags: {}, ms: [] });
  }

  async stop(): Promise<void> {
    this.current.ended = performance.now();
    this.running = false;
    await Promise.all(this.loops);
  }

  summary(name: string) {
    const phase = this.phases.get(name)!;
    const seconds = (phase.ended - phase.started) / 1000;
    return {
      seconds: round(seconds),
      requests: phase.count,
      perSecond: Math.round(phase.count / seconds),
      statuses: phase.statuses,
      tags: phase.tags,
      p50: round(percentile(phase.ms, 50)),
      p99: round(percentile(phase.ms, 99)),
    };
  }

  /** Seconds from `from` (performance.now()) to the first answered-ok request after it. */
  firstOkAfter(from: number): number | null {
    const hit = this.timeline.find(([at, ok]) => ok && at >= from);
    return hit ? round((hit[0] - from) / 1000, 2) : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Content

const OPERATIONS = ['ArticlePage', 'HomePage', 'SectionPage', 'Search'].map((name) =>
  fs.readFileSync(path.join(ROOT, 'operations', `${name}.graphql`), 'utf8'),
);
const ARTICLE_PAGE = OPERATIONS[0]!;

function articlePagePath(slug: string): string {
  return `/graphql?query=${encodeURIComponent(ARTICLE_PAGE)}&variables=${encodeURIComponent(JSON.stringify({ slug }))}`;
}

/** The reader's verdict on an article page answer. */
function articleVerdict(res: Res): { ok: boolean; tag?: string } {
  if (res.status !== 200) return { ok: false, tag: res.status ? `http ${res.status}` : `no answer (${res.error})` };
  const body = json(res);
  if (!body?.data) return { ok: false, tag: '200 without data' };
  if (body.data.article === null) return { ok: false, tag: '200 with article: null' };
  if (body.errors) return { ok: false, tag: '200 with errors' };
  return { ok: true };
}

function readerHeaders(i: number): Record<string, string> {
  return { accept: READER_ACCEPT, 'user-agent': BROWSER_UA, 'x-forwarded-for': `10.${20 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}` };
}

function beaconHeaders(forwardedFor: string): Record<string, string> {
  // What Chrome sends for navigator.sendBeacon(url, string) from the publication's frontend.
  return {
    'content-type': 'text/plain;charset=UTF-8',
    'user-agent': BROWSER_UA,
    origin: FRONTEND_ORIGIN,
    referer: `${FRONTEND_ORIGIN}/`,
    'sec-fetch-site': 'same-site',
    'sec-fetch-mode': 'no-cors',
    'sec-fetch-dest': 'empty',
    'x-forwarded-for': forwardedFor,
  };
}

interface Article {
  id: number;
  slug: string;
}

async function publishedArticles(pg: PrivatePostgres): Promise<Article[]> {
  return pg.query<Article>(
    `select id, slug from articles where status = 'published' and published_at < now() order by published_at desc, id desc`,
    [],
    'kabar',
  );
}

async function storedViews(pg: PrivatePostgres, ids: number[]): Promise<number> {
  const rows = await pg.query<{ n: number }>(
    `select coalesce(sum(views), 0)::int as n from article_views_hourly where article_id = any($1)`,
    [ids],
    'kabar',
  );
  return rows[0]!.n;
}

async function warm(port: number, slugs: string[]): Promise<number> {
  let ok = 0;
  for (let pass = 0; pass < 2; pass += 1) {
    for (const [i, slug] of slugs.entries()) {
      const res = await send(port, { path: articlePagePath(slug), headers: readerHeaders(i) });
      if (pass === 1 && articleVerdict(res).ok) ok += 1;
    }
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Probes

interface ProbeResult {
  name: string;
  /** One markdown table cell. */
  cell: string;
  details: Record<string, unknown>;
}

interface Env {
  build: string;
  pg: PrivatePostgres;
  redis: PrivateRedis;
  dir: string;
  articles: Article[];
  startServer(label: string, env?: Record<string, string>, waitReady?: boolean): Promise<KabarServer>;
}

const PROBES: { name: string; title: string; issue: string; run(env: Env): Promise<ProbeResult> }[] = [];

function probe(name: string, title: string, issue: string, run: (env: Env) => Promise<Omit<ProbeResult, 'name'>>): void {
  PROBES.push({ name, title, issue, run: async (env) => ({ name, ...(await run(env)) }) });
}

function exitSignature(server: KabarServer): string {
  if (server.alive) return 'alive';
  const lines = server.tailLines();
  const failed = lines.find((line) => /Kabar failed to start/.test(line));
  const parts: string[] = [];
  if (failed) parts.push(failed);
  else {
    // Node's report of an uncaught error: the throw site, the error, what emitted it.
    const at = lines.findLastIndex((line) => /Unhandled '?error'? event|Uncaught|triggerUncaughtException/.test(line));
    if (at >= 0) {
      parts.push(lines[at]!);
      const rest = lines.slice(at + 1);
      const error = rest.find((line) => /^\s*(\w*Error|error)\b[^:]*:/.test(line));
      const emitter = rest.find((line) => /Emitted 'error' event on/.test(line));
      for (const line of [error, emitter]) if (line) parts.push(line);
    }
  }
  const shown = parts.map((line) => `\`${line.trim().replace(/`/g, "'").slice(0, 140)}\``);
  return `died (exit ${server.exit!.code ?? server.exit!.signal})${shown.length ? `: ${shown.join(' … ')}` : ''}`;
}

probe(
  'pg-restart',
  'PostgreSQL restarted under load, `RESPONSE_CACHE=false`',
  "the process died, 2 of 2 runs: `Unhandled 'error' event … terminating connection due to administrator command (57P01)` on a checked-out pg client; every later request refused",
  async ({ pg, articles, startServer }) => {
    const runs: Record<string, unknown>[] = [];
    for (let run = 1; run <= COUNTS.restartRuns; run += 1) {
      await pg.ensureRunning();
      const server = await startServer(`pg-restart-${run}`, { RESPONSE_CACHE: 'false' });
      const load = new Load(
        server.port,
        8,
        (i) => ({ path: articlePagePath(articles[i % articles.length]!.slug), headers: readerHeaders(i) }),
        articleVerdict,
      );
      await sleep(4_000);
      load.setPhase('restart');
      const restartStarted = performance.now();
      const restartStartedWall = Date.now();
      log(`pg-restart run ${run}: pg_ctl restart -m fast`);
      await pg.restart();
      const back = performance.now();
      load.setPhase('after');
      // Up to 15 s for the first good answer, then 5 s more of load.
      for (let waited = 0; waited < 15_000 && load.firstOkAfter(back) === null && server.alive; waited += 200) await sleep(200);
      await sleep(5_000);
      await load.stop();
      const after = load.summary('after');
      const okAfter = after.requests - Object.values(after.tags).reduce((a, b) => a + b, 0);
      runs.push({
        run,
        restartSeconds: round((back - restartStarted) / 1000, 2),
        process: exitSignature(server),
        diedSecondsAfterRestartBegan: server.exit ? round((server.exit.at - restartStartedWall) / 1000, 2) : null,
        before: load.summary('start'),
        during: load.summary('restart'),
        after,
        okAfterRestart: okAfter,
        recoverySeconds: load.firstOkAfter(back),
      });
      await server.stop();
    }
    const died = runs.filter((r) => String(r.process).startsWith('died')).length;
    const diedBy = () => {
      const bySignature = new Map<string, number[]>();
      for (const r of runs)
        if (String(r.process).startsWith('died'))
          bySignature.set(String(r.process), [...(bySignature.get(String(r.process)) ?? []), r.run as number]);
      return [...bySignature].map(([signature, numbers]) => `${numbers.length > 1 ? 'runs' : 'run'} ${numbers.join(', ')}: ${signature}`).join('; ');
    };
    const cell = [
      `process died in ${died} of ${runs.length} runs${died ? ` (${diedBy()})` : ''}`,
      ...runs.map((r) => {
        const after = r.after as ReturnType<Load['summary']>;
        const during = r.during as ReturnType<Load['summary']>;
        return `run ${r.run}: during the restart (${r.restartSeconds} s) ${histogram(during.statuses)}; after it ${fmt(r.okAfterRestart as number)} of ${fmt(after.requests)} requests ok (${histogram(after.statuses)}), first ok ${r.recoverySeconds === null ? 'never' : `${r.recoverySeconds} s`} after PostgreSQL was back`;
      }),
    ].join('; ');
    return { cell, details: { runs } };
  },
);

async function outageRun({ pg, articles, startServer }: Env, run: number): Promise<{ cell: string; details: Record<string, unknown> }> {
  await pg.ensureRunning();
  const cached = articles.slice(0, 50);
  const beaconed = articles.slice(50, 50 + COUNTS.outageBeacons);
  const probes = articles.slice(50 + COUNTS.outageBeacons);
  const server = await startServer(`pg-outage-${run}`);
  const warmOk = await warm(
    server.port,
    cached.map((a) => a.slug),
  );
  const warmedAt = performance.now();
  const viewsBefore = await storedViews(
    pg,
    beaconed.map((a) => a.id),
  );
  const load = new Load(
    server.port,
    8,
    (i) => ({ path: articlePagePath(cached[i % cached.length]!.slug), headers: readerHeaders(i) }),
    articleVerdict,
  );
  await sleep(3_000);
  load.setPhase('outage');
  const logBefore = { ...server.counters };
  const messagesBefore = new Map(server.messages);
  const outageStarted = performance.now();
  log(`pg-outage run ${run}: pg_ctl stop -m fast for ${COUNTS.outageSeconds} s`);
  const stopping = pg.stop('fast');
  // Beacons of distinct readers for articles no beacon asked about before, spread over the outage.
  const beaconStatuses: Record<string, number> = {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const beacons = beaconed.map(async (article, i) => {
    await sleep((i * COUNTS.outageSeconds * 900) / beaconed.length);
    const res = await send(
      server.port,
      { method: 'POST', path: '/views', headers: beaconHeaders(`10.${60 + run}.${i >> 8}.${i & 255}`), body: JSON.stringify({ slug: article.slug }) },
      agent,
    );
    countInto(beaconStatuses, res.status || res.error || 'error');
  });
  await stopping;
  await sleep(Math.max(0, COUNTS.outageSeconds * 1000 - (performance.now() - outageStarted)));
  await Promise.all(beacons);
  load.setPhase('recovering');
  const outageEnded = performance.now();
  const logDuring = {
    top: server.topMessages(messagesBefore),
    bytes: server.counters.bytes - logBefore.bytes,
    nonInfoBytes: server.counters.bytes - server.counters.infoBytes - (logBefore.bytes - logBefore.infoBytes),
  };
  const outageSeconds = (performance.now() - outageStarted) / 1000;
  await pg.start();
  const back = performance.now();
  // An answer that cannot come from any cache: a document no one sent before, for an article no one asked for.
  let recoverySeconds: number | null = null;
  for (let n = 0; server.alive && performance.now() - back < 30_000; n += 1) {
    const slug = probes[n % probes.length]!.slug;
    const res = await send(server.port, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...readerHeaders(n) },
      body: JSON.stringify({ query: `query Recovered${n}($slug: String!) { r${n}: article(slug: $slug) { id title } }`, variables: { slug } }),
      timeoutMs: 5_000,
    });
    if (res.status === 200 && json(res)?.data?.[`r${n}`]?.id) {
      recoverySeconds = round((performance.now() - back) / 1000, 2);
      break;
    }
    await sleep(100);
  }
  await sleep(1_000);
  await load.stop();
  // Views reach the table with the next flush (and kept beacons with their retry): wait until the count is stable.
  // (The default flush runs every 5 s; 15 s is three flushes.)
  let viewsAfter = viewsBefore;
  for (let waited = 0; waited < 15_000 && viewsAfter - viewsBefore < beaconed.length; waited += 1_000) {
    await sleep(1_000);
    viewsAfter = await storedViews(
      pg,
      beaconed.map((a) => a.id),
    );
  }
  const outage = load.summary('outage');
  // When, in the outage, cached pages stopped being served: answers by 5-second slice.
  const slices: { from: number; ok: number; failed: number }[] = [];
  let firstFailure: number | null = null;
  for (const [at, ok] of load.timeline) {
    if (at < outageStarted || at > outageEnded) continue;
    const slice = Math.floor((at - outageStarted) / 5_000);
    while (slices.length <= slice) slices.push({ from: slices.length * 5, ok: 0, failed: 0 });
    if (ok) slices[slice]!.ok += 1;
    else {
      slices[slice]!.failed += 1;
      firstFailure ??= at;
    }
  }
  const okDuring = outage.requests - Object.values(outage.tags).reduce((a, b) => a + b, 0);
  const details = {
    warmedPages: warmOk,
    process: exitSignature(server),
    outageSeconds: round(outageSeconds),
    before: load.summary('start'),
    outage,
    okDuringOutage: okDuring,
    slices,
    firstFailureSecondsIntoOutage: firstFailure === null ? null : round((firstFailure - outageStarted) / 1000),
    pagesCachedSecondsBeforeOutage: round((outageStarted - warmedAt) / 1000),
    articleNullDuringOutage: outage.tags['200 with article: null'] ?? 0,
    recovering: load.summary('recovering'),
    beacons: beaconStatuses,
    beaconsSent: beaconed.length,
    viewsCountedAfterRecovery: viewsAfter - viewsBefore,
    logDuringOutage: logDuring,
    recoverySeconds,
  };
  await server.stop();
  const cell = [
    details.process === 'alive' ? 'survived' : details.process,
    `${fmt(okDuring)} of ${fmt(outage.requests)} requests for cached pages ok during the outage (${histogram(outage.statuses)}; ${fmt(details.articleNullDuringOutage)} × 200 with \`article: null\`)` +
      (firstFailure === null
        ? ''
        : `, the first failure ${details.firstFailureSecondsIntoOutage} s into the outage (pages cached ${details.pagesCachedSecondsBeforeOutage} s before it began)`),
    `beacons for not-yet-cached slugs: ${histogram(beaconStatuses)}; ${details.viewsCountedAfterRecovery} of ${beaconed.length} counted after recovery`,
    `log written during the outage: ${round(logDuring.bytes / 1e6, 2)} MB (${round(logDuring.nonInfoBytes / 1e6, 3)} MB of it warnings/errors/stack traces) in ${round(outageSeconds)} s`,
    `uncached answer ${recoverySeconds === null ? 'never came back within 30 s' : `${recoverySeconds} s after PostgreSQL was back`}`,
  ].join('; ');
  return { cell, details };
}

probe(
  'pg-outage',
  `PostgreSQL stopped ${COUNTS.outageSeconds} s, cache on (${COUNTS.outageRuns} runs)${COUNTS.outageSeconds === 30 ? '' : ' (the issue: 30 s)'}`,
  'survived, but 0 of 25,746 requests succeeded although every page had been cached a second earlier; readers got HTTP 200 with `article: null`; 200 of 200 view beacons for not-yet-cached slugs got 500 and were lost; 69 MB of stack traces in 45 s',
  async (env) => {
    const runs: { cell: string; details: Record<string, unknown> }[] = [];
    for (let run = 1; run <= COUNTS.outageRuns; run += 1) runs.push(await outageRun(env, run));
    return {
      cell: runs.map((r, i) => (runs.length > 1 ? `run ${i + 1}: ${r.cell}` : r.cell)).join('; '),
      details: { runs: runs.map((r) => r.details) },
    };
  },
);

probe(
  'redis',
  'Redis stopped under load / at start',
  'served on (throughput 2,000 → 280 req/s); Kabar cannot start while Redis is down',
  async ({ pg, redis, articles, startServer }) => {
    await pg.ensureRunning();
    await redis.start();
    const cached = articles.slice(0, 50);
    const server = await startServer('redis-load', { REDIS_URL: redis.url });
    // POST: answered from the response cache, which lives in Redis (a GET would be answered from the
    // in-memory cache of finished GET answers in front of it, in both builds, and never ask Redis).
    const post = (slug: string, i: number): Req => ({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...readerHeaders(i) },
      body: JSON.stringify({ query: ARTICLE_PAGE, variables: { slug } }),
    });
    for (let pass = 0; pass < 2; pass += 1) for (const [i, a] of cached.entries()) await send(server.port, post(a.slug, i));
    const load = new Load(server.port, 8, (i) => post(cached[i % cached.length]!.slug, i), articleVerdict);
    await sleep(1_000);
    load.setPhase('up');
    const callsBefore = redis.commandCalls();
    await sleep(6_000);
    const callsAfter = redis.commandCalls();
    const upRequests = load.summary('up').requests;
    const commandsPerRequest = Object.fromEntries(
      Object.entries(callsAfter)
        .map(([name, calls]): [string, number] => [name, round((calls - (callsBefore[name] ?? 0)) / Math.max(1, upRequests), 2)])
        .filter(([, perRequest]) => perRequest >= 0.01),
    );
    log('redis: stopping redis-server under load');
    await redis.stop();
    load.setPhase('down');
    await sleep(10_000);
    await redis.start();
    load.setPhase('back');
    await sleep(8_000);
    await load.stop();
    const phases = { up: load.summary('up'), down: load.summary('down'), back: load.summary('back') };
    const process = exitSignature(server);
    await server.stop();

    // At start: Redis is down when Kabar starts; then it comes back.
    await redis.stop();
    const atStart = await startServer('redis-at-start', { REDIS_URL: redis.url }, false);
    const ready = await atStart.waitReady(30_000).catch(() => false);
    const start: Record<string, unknown> = { ready, startMs: atStart.startMs, process: exitSignature(atStart) };
    if (ready) {
      const res = await send(atStart.port, { path: articlePagePath(cached[0]!.slug), headers: readerHeaders(1) });
      start.articleWhileRedisDown = articleVerdict(res).ok ? 200 : res.status;
      await redis.start();
      await sleep(5_000);
      for (let i = 0; i < 20; i += 1) await send(atStart.port, { path: articlePagePath(cached[i]!.slug), headers: readerHeaders(i) });
      start.redisKeysAfterItCameBack = redis.dbsize();
    } else {
      start.error = atStart.errorLines(/fail|error|refused/i).slice(0, 3);
    }
    await atStart.stop();
    await redis.start();
    const errorsOf = (p: ReturnType<Load['summary']>) => p.requests - (p.statuses['200'] ?? 0) + (p.tags['200 with article: null'] ?? 0);
    const cell = [
      `${process === 'alive' ? 'served on' : process}: ${fmt(phases.up.perSecond)} req/s with Redis → ${fmt(phases.down.perSecond)} req/s while it was down (${fmt(errorsOf(phases.down))} errors of ${fmt(phases.down.requests)}) → ${fmt(phases.back.perSecond)} req/s after it came back (${fmt(errorsOf(phases.back))} errors)`,
      ready
        ? `starts while Redis is down (ready in ${fmt(atStart.startMs ?? 0)} ms, article page ${String(start.articleWhileRedisDown)}); ${fmt(start.redisKeysAfterItCameBack as number)} keys in Redis once it came back`
        : `cannot start while Redis is down (${String(start.process)})`,
    ].join('; ');
    return { cell, details: { phases, process, start, commandsPerRequest } };
  },
);

/** Words of the demo titles, for searches that find something. */
async function titleWords(pg: PrivatePostgres): Promise<string[]> {
  const rows = await pg.query<{ word: string }>(
    `select word from (select lower(unnest(regexp_split_to_array(title, '[^[:alpha:]]+'))) as word from articles where status = 'published') w
     where length(word) >= 5 group by word order by count(*) desc, word limit 40`,
    [],
    'kabar',
  );
  return rows.map((row) => row.word);
}

/**
 * 500 aliased searches, each for two other title words (`a or b`: both match, so every count has
 * work to do), first: 1 so the operation's cost stays under the limit of both builds' cost check;
 * the first alias is named after `n` so every bomb is a document no cache has seen.
 */
function aliasBomb(words: string[], n: number): string {
  const pairs: string[] = [];
  for (let a = 0; a < words.length && pairs.length < 500; a += 1) {
    for (let b = a + 1; b < words.length && pairs.length < 500; b += 1) pairs.push(`${words[a]} or ${words[b]}`);
  }
  return `{${pairs.map((query, i) => `${i === 0 ? `n${n}` : `s${i}`}:search(query:"${query}",first:1){totalCount}`).join(' ')}}`;
}

probe(
  'alias-bomb',
  'one POST with 500 aliased `search(...){ totalCount }` (29 kB); 4 in parallel, twice, while a normal reader reads article pages (`RESPONSE_CACHE=false`)',
  "accepted: 2.2 s of full-text work; 4 in parallel took up to 16.4 s each; other readers' p50 1.2 → 16.7 ms",
  async ({ pg, articles, startServer }) => {
    await pg.ensureRunning();
    const words = await titleWords(pg);
    // Readers whose pages need the database (no response cache), one at a time, from many addresses.
    const server = await startServer('alias-bomb', { RESPONSE_CACHE: 'false' });
    const reader = () =>
      new Load(server.port, 1, (i) => ({ path: articlePagePath(articles[i % articles.length]!.slug), headers: readerHeaders(i) }), articleVerdict);
    const alone = reader();
    await sleep(5_000);
    await alone.stop();
    let n = 0;
    const bomb = async () => {
      n += 1;
      const document = aliasBomb(words, n);
      const res = await send(server.port, {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', accept: READER_ACCEPT, 'user-agent': BROWSER_UA, 'x-forwarded-for': '203.0.113.66' },
        body: JSON.stringify({ query: document }),
        timeoutMs: 120_000,
      });
      const body = json(res);
      return {
        bytes: Buffer.byteLength(document),
        status: res.status || res.error,
        ms: Math.round(res.ms),
        code: body?.errors?.[0]?.extensions?.code ?? (body?.errors ? String(body.errors[0]?.message).slice(0, 80) : undefined),
        counted: typeof body?.data?.[`n${n}`]?.totalCount === 'number',
      };
    };
    const single = await bomb();
    const during = reader();
    const parallel: Awaited<ReturnType<typeof bomb>>[] = [];
    for (let r = 0; r < 2; r += 1) parallel.push(...(await Promise.all([bomb(), bomb(), bomb(), bomb()])));
    await sleep(500);
    await during.stop();
    const details = {
      process: exitSignature(server),
      single,
      parallel,
      readerAlone: alone.summary('start'),
      readerDuringBombs: during.summary('start'),
    };
    await server.stop();
    const statuses: Record<string, number> = {};
    for (const b of [single, ...parallel]) countInto(statuses, `${b.status}${b.code ? ` ${b.code}` : ''}`);
    const cell = [
      `${single.counted ? 'accepted' : 'refused'}: one bomb (${fmt(single.bytes)} bytes) answered ${single.status}${single.code ? ` ${single.code}` : ''} in ${fmt(single.ms)} ms`,
      `4 in parallel ×2: ${histogram(statuses)}, up to ${fmt(Math.max(...parallel.map((b) => b.ms)))} ms each`,
      `normal reader's p50 ${details.readerAlone.p50} → ${details.readerDuringBombs.p50} ms (p99 ${details.readerAlone.p99} → ${details.readerDuringBombs.p99} ms)`,
    ].join('; ');
    return { cell, details };
  },
);

probe('big-bodies', '20 MB JSON body / 20 MB whitespace query', 'accepted (200)', async ({ pg, startServer }) => {
  await pg.ensureRunning();
  const server = await startServer('big-bodies');
  const size = 20 * 1024 * 1024;
  const headers = { 'content-type': 'application/json', accept: READER_ACCEPT, 'x-forwarded-for': '203.0.113.67' };
  const padded = Buffer.from(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(size) } }));
  const whitespace = Buffer.from(JSON.stringify({ query: `{${' '.repeat(size)}__typename }` }));
  const rssBefore = server.rssMb();
  const cases: Record<string, RawRes & { bytes: number }> = {};
  cases['20 MB JSON body'] = {
    bytes: padded.length,
    ...(await rawRequest(server.port, { method: 'POST', path: '/graphql', headers, body: padded }, 60_000)),
  };
  cases['20 MB whitespace query'] = {
    bytes: whitespace.length,
    ...(await rawRequest(server.port, { method: 'POST', path: '/graphql', headers, body: whitespace }, 60_000)),
  };
  cases['20 MB JSON body, chunked'] = {
    bytes: padded.length,
    ...(await rawRequest(server.port, { method: 'POST', path: '/graphql', headers, body: padded, chunked: true }, 60_000)),
  };
  const rssAfter = server.rssMb();
  const details = {
    process: exitSignature(server),
    rssBefore,
    rssAfter,
    cases: Object.fromEntries(
      Object.entries(cases).map(([name, r]) => [
        name,
        { bytes: r.bytes, status: r.status || r.error, ms: Math.round(r.ms), body: r.bodyStart.slice(0, 200) },
      ]),
    ),
  };
  await server.stop();
  const cell = `${Object.entries(details.cases)
    .map(([name, r]) => `${name}: ${r.status} in ${fmt(r.ms)} ms`)
    .join('; ')}; RSS ${rssBefore} → ${rssAfter} MB`;
  return { cell, details };
});

probe('deep', '`{a{a{a…` 5,000 deep', 'HTTP 500 (stack overflow in parsing)', async ({ pg, startServer }) => {
  await pg.ensureRunning();
  const server = await startServer('deep');
  const document = `{${'a{'.repeat(5_000)}${'}'.repeat(5_001)}`;
  const res = await send(server.port, {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: READER_ACCEPT, 'x-forwarded-for': '203.0.113.68' },
    body: JSON.stringify({ query: document }),
  });
  const error = json(res)?.errors?.[0];
  const health = await send(server.port, { path: '/healthz' });
  const details = {
    status: res.status || res.error,
    ms: Math.round(res.ms),
    code: error?.extensions?.code,
    message: String(error?.message ?? '').slice(0, 160),
    healthzAfter: health.status,
    stackOverflowInLog: server.errorLines(/Maximum call stack size exceeded/).length > 0,
  };
  await server.stop();
  const cell = `HTTP ${details.status}${details.code ? ` ${details.code}` : ''} in ${details.ms} ms (\`${details.message.slice(0, 90)}\`)${details.stackOverflowInLog ? '; "Maximum call stack size exceeded" in the log' : ''}`;
  return { cell, details };
});

// --- fuzz -----------------------------------------------------------------------------------

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const NASTY = [
  '\u0000',
  '\u0001',
  '%',
  '%00',
  '%zz',
  '{',
  '}',
  '"',
  '\\',
  '[',
  ']',
  '$',
  '@',
  '...',
  '#',
  '\n',
  '🙂',
  'ä',
  '<script>',
  "'",
  '9'.repeat(30),
  '-1',
  'null',
  ' ',
];
const FUZZ_ROUTES = [
  '/graphql',
  '/views',
  '/healthz',
  '/readyz',
  '/feeds/rss.xml',
  '/feeds/atom.xml',
  '/feeds/feed.json',
  '/feeds/sections/nasional/rss.xml',
  '/feeds/tags/banjir/atom.xml',
  '/sitemap.xml',
  '/sitemaps/news.xml',
  '/sitemaps/articles-2026-11.xml',
  '/articles/x.ninjs.json',
  '/media/demo/1.svg',
];
const ACCEPTS = [
  'application/json',
  'application/graphql-response+json',
  'multipart/mixed',
  'text/event-stream',
  'text/html',
  '*/*',
  'application/xml',
  '',
];
const TYPES = [
  'application/json',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  '',
];
const BROKEN_JSON = [
  '{broken',
  '{"slug":',
  '[',
  '"x',
  '{"slug":"a"}}',
  'nul',
  '{"a":1,}',
  '%7B',
  '{"slug":"\\u0000"}',
  '{"first":1e999}',
  '{"persistedQuery":',
];

function mutate(rand: Rand, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(rand() * (out.length + 1));
    const kind = rand();
    if (kind < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 20));
    else if (kind < 0.7) out = out.slice(0, at) + pick(rand, NASTY) + out.slice(at);
    else if (kind < 0.85) out = out.slice(0, at) + out.slice(at, at + 40).repeat(2 + Math.floor(rand() * 3)) + out.slice(at + 40);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + out.slice(at);
  }
  return out;
}

function randomVariables(rand: Rand, slugs: string[]): unknown {
  const values: unknown[] = [
    pick(rand, slugs),
    'nasional',
    'jakarta',
    '',
    pick(rand, NASTY),
    101,
    -1,
    1e308,
    null,
    true,
    [],
    {},
    'a'.repeat(500),
    'QXJ0aWNsZTox',
  ];
  const out: Record<string, unknown> = {};
  for (const name of ['slug', 'query', 'after', 'first', 'id', 'section']) if (rand() < 0.6) out[name] = pick(rand, values);
  return rand() < 0.1 ? pick(rand, [[], 'x', 42, null]) : out;
}

function randomBytes(rand: Rand, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(rand() * 256);
  return bytes;
}

function validVariables(operation: number, slug: string): Record<string, unknown> {
  return [{ slug }, {}, { slug: 'nasional' }, { query: 'banjir' }][operation]!;
}

/** One fuzzed request: its kind (for the report) and the request itself. */
function fuzzRequest(rand: Rand, slugs: string[]): { kind: string; req: RawReq } {
  const headers: Record<string, string> = {};
  const shape = rand();
  const op = Math.floor(rand() * OPERATIONS.length);
  const slug = pick(rand, slugs);
  if (shape < 0.15) {
    // Malformed GET variables or extensions on a real operation.
    const params = new URLSearchParams({ query: OPERATIONS[op]! });
    if (rand() < 0.6) params.set('variables', pick(rand, BROKEN_JSON));
    else params.set('extensions', pick(rand, BROKEN_JSON));
    headers.accept = pick(rand, ACCEPTS.slice(0, 2));
    return { kind: 'malformed GET variables/extensions', req: { method: 'GET', path: `/graphql?${params.toString()}`, headers } };
  }
  if (shape < 0.25) {
    // A NUL character in a slug: beacons, feeds, ninjs, GraphQL variables.
    const nul = `${slug.slice(0, Math.floor(rand() * slug.length))}\u0000${slug.slice(Math.floor(rand() * slug.length))}`;
    const where = Math.floor(rand() * 5);
    if (where === 0) {
      return {
        kind: 'NUL in a slug: POST /views',
        req: {
          method: 'POST',
          path: '/views',
          headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA },
          body: Buffer.from(JSON.stringify({ slug: nul })),
        },
      };
    }
    if (where === 1) {
      return {
        kind: 'NUL in a slug: POST /views (form)',
        req: {
          method: 'POST',
          path: '/views',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER_UA },
          body: Buffer.from(`slug=${encodeURIComponent(nul)}`),
        },
      };
    }
    if (where === 4) {
      return {
        kind: 'NUL in a slug: GraphQL variables',
        req: {
          method: 'GET',
          path: `/graphql?query=${encodeURIComponent(ARTICLE_PAGE)}&variables=${encodeURIComponent(JSON.stringify({ slug: nul }))}`,
          headers: { accept: READER_ACCEPT },
        },
      };
    }
    const feed = pick(rand, [
      `/feeds/sections/${encodeURIComponent(nul)}/rss.xml`,
      `/feeds/tags/${encodeURIComponent(nul)}/atom.xml`,
      `/articles/${encodeURIComponent(nul)}.ninjs.json`,
    ]);
    return { kind: 'NUL in a slug: feed and ninjs paths', req: { method: pick(rand, ['GET', 'HEAD']), path: feed, headers: {} } };
  }
  if (shape < 0.35) {
    // Accept: multipart/mixed on a GET of a real operation.
    const params = new URLSearchParams({ query: OPERATIONS[op]!, variables: JSON.stringify(validVariables(op, slug)) });
    return {
      kind: 'Accept: multipart/mixed on GET',
      req: {
        method: 'GET',
        path: `/graphql?${params.toString()}`,
        headers: { accept: pick(rand, ['multipart/mixed', 'multipart/mixed; deferSpec=20220824', 'multipart/mixed, application/json']) },
      },
    };
  }
  if (shape < 0.5) {
    // Random bytes at a route: as the body, or as the rest of the path.
    const route = pick(rand, FUZZ_ROUTES);
    if (rand() < 0.5) {
      const type = pick(rand, TYPES);
      if (type) headers['content-type'] = type;
      return {
        kind: 'random bytes as a body',
        req: { method: pick(rand, ['POST', 'PUT', 'PATCH']), path: route, headers, body: randomBytes(rand, Math.floor(rand() * 2_000)) },
      };
    }
    const tail = [...randomBytes(rand, 1 + Math.floor(rand() * 40))]
      .map((byte) => (byte > 0x20 && byte < 0x7f && rand() < 0.5 ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0')}`))
      .join('');
    return {
      kind: 'random bytes in the path',
      req: { method: pick(rand, ['GET', 'HEAD']), path: `${route}${pick(rand, ['', '/', '?', '?x='])}${tail}`, headers },
    };
  }
  // The general mix of test/fuzz.test.ts: mutated client operations, mangled variables and URL
  // parameters, odd headers, every method at every route.
  const route = pick(rand, FUZZ_ROUTES);
  const accept = pick(rand, ACCEPTS);
  if (accept) headers.accept = accept;
  if (rand() < 0.3) headers['user-agent'] = pick(rand, [BROWSER_UA, 'Googlebot/2.1', 'x']);
  if (rand() < 0.1) headers['if-none-match'] = pick(rand, ['*', 'W/"x"', '"']);
  if (rand() < 0.1) headers.origin = pick(rand, [FRONTEND_ORIGIN, 'https://evil.example', 'null']);
  const method = pick(rand, ['GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'DELETE']);
  let routePath = rand() < 0.15 ? mutate(rand, route) : route;
  if (!routePath.startsWith('/')) routePath = `/${routePath}`;
  routePath = encodeURI(routePath.replace(/[\ud800-\udfff]/g, '')).replace(/%25/g, '%');
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS') {
    if (route === '/graphql' && rand() < 0.8) {
      const params = new URLSearchParams();
      params.set('query', rand() < 0.7 ? mutate(rand, OPERATIONS[op]!) : OPERATIONS[op]!);
      if (rand() < 0.7)
        params.set(
          'variables',
          rand() < 0.5 ? JSON.stringify(randomVariables(rand, slugs)) : mutate(rand, JSON.stringify(randomVariables(rand, slugs))),
        );
      if (rand() < 0.2) params.set('extensions', mutate(rand, '{"persistedQuery":{"version":1,"sha256Hash":"abc"}}'));
      if (rand() < 0.2) params.set('operationName', pick(rand, ['ArticlePage', 'Nope', '', pick(rand, NASTY)]));
      return { kind: 'mutated operation (GET)', req: { method, path: `${routePath}?${params.toString().replace(/%EF%BF%BD/g, '')}`, headers } };
    }
    const query =
      rand() < 0.3
        ? `?${encodeURIComponent(pick(rand, NASTY))}=${encodeURIComponent(pick(rand, NASTY))}&limit=${pick(rand, ['0', '101', '-5', 'x', '1e9'])}`
        : '';
    return { kind: `odd ${method} at a route`, req: { method, path: `${routePath}${query}`, headers } };
  }
  const type = pick(rand, TYPES);
  if (type) headers['content-type'] = type;
  const bodyShape = rand();
  let body: Buffer;
  if (bodyShape < 0.5) {
    body = Buffer.from(
      JSON.stringify({ query: rand() < 0.7 ? mutate(rand, OPERATIONS[op]!) : OPERATIONS[op]!, variables: randomVariables(rand, slugs) }),
    );
  } else if (bodyShape < 0.75) body = Buffer.from(mutate(rand, JSON.stringify({ slug, id: 'QXJ0aWNsZTox' })));
  else
    body = Buffer.from(
      pick(rand, ['', 'null', '[]', '[{"query":"{__typename}"}]', '{"query":{}}', '{"query":"{ __typename }","variables":"x"}', 'slug=%00']),
    );
  return { kind: `mutated ${method} body`, req: { method, path: routePath, headers, body } };
}

probe(
  'fuzz',
  `${fmt(COUNTS.fuzz)} fuzzed requests (seed 20261125)${COUNTS.fuzz === 20_000 ? '' : ' (the issue: 20,000)'}`,
  '121 × 500 and 7 × 503 (malformed GET variables/extensions, `\\u0000` in slugs on /views and feeds), 16 answers with conflicting Content-Length headers (Accept: multipart/mixed on GET, cached as public)',
  async ({ pg, articles, startServer }) => {
    await pg.ensureRunning();
    const server = await startServer('fuzz');
    const rand = mulberry32(20261125);
    const slugs = articles.map((a) => a.slug);
    const plan = Array.from({ length: COUNTS.fuzz }, () => fuzzRequest(rand, slugs));
    const statuses: Record<string, number> = {};
    const byKind: Record<string, Record<string, number>> = {};
    /** Answers that took over a second, by kind. */
    const slow: Record<string, number> = {};
    const failures: { kind: string; method: string; path: string; status: number | string; body: string }[] = [];
    const lengthTrouble: { kind: string; path: string; contentLengths: string[]; transferEncoding: string | null; cacheControl: string | null }[] =
      [];
    let next = 0;
    const started = performance.now();
    const workers = Array.from({ length: 8 }, async (_, w) => {
      while (next < plan.length) {
        const i = next++;
        const { kind, req } = plan[i]!;
        req.headers['x-forwarded-for'] = `10.77.${w}.${i & 255}`;
        const res = await rawRequest(server.port, req);
        const status = res.status || res.error || 'error';
        countInto(statuses, status);
        if (res.ms > 1_000) countInto(slow, `${kind} ${req.method} → ${status}`);
        countInto((byKind[kind] ??= {}), status);
        if (res.status >= 500 || !res.status)
          failures.push({ kind, method: req.method, path: req.path.slice(0, 160), status, body: res.bodyStart.slice(0, 200) });
        const lengths = res.headers.filter(([name]) => name === 'content-length').map(([, value]) => value);
        const te = res.headers.find(([name]) => name === 'transfer-encoding')?.[1] ?? null;
        if (lengths.length > 1 || (lengths.length > 0 && te)) {
          lengthTrouble.push({
            kind,
            path: req.path.slice(0, 160),
            contentLengths: lengths,
            transferEncoding: te,
            cacheControl: res.headers.find(([name]) => name === 'cache-control')?.[1] ?? null,
          });
        }
      }
    });
    await Promise.all(workers);
    const seconds = (performance.now() - started) / 1000;
    const fiveHundreds = failures.filter((f) => typeof f.status === 'number' && f.status >= 500);
    const conflicting = lengthTrouble.filter((t) => new Set(t.contentLengths).size > 1 || (t.contentLengths.length > 0 && t.transferEncoding));
    const details = {
      requests: plan.length,
      seconds: round(seconds),
      process: exitSignature(server),
      statuses,
      byKind,
      slow,
      fiveHundredsByKind: fiveHundreds.reduce<Record<string, number>>((acc, f) => (countInto(acc, `${f.status} ${f.kind}`), acc), {}),
      failuresSample: failures.slice(0, 25),
      lengthTrouble: lengthTrouble.slice(0, 25),
      lengthTroubleCount: lengthTrouble.length,
      conflictingCount: conflicting.length,
      conflictingPublic: conflicting.filter((t) => /public/.test(t.cacheControl ?? '')).length,
      logBytes: server.counters.bytes,
      logNonInfoBytes: server.counters.bytes - server.counters.infoBytes,
    };
    await server.stop();
    const count = (pred: (status: number) => boolean) => Object.entries(statuses).reduce((sum, [s, n]) => sum + (pred(Number(s)) ? n : 0), 0);
    const cell = [
      `${fmt(count((s) => s === 500))} × 500, ${fmt(count((s) => s === 503))} × 503, ${fmt(count((s) => s > 500 && s !== 503))} × other 5xx, ${fmt(failures.length - fiveHundreds.length)} without an answer`,
      fiveHundreds.length ? `5xx from: ${histogram(details.fiveHundredsByKind)}` : '',
      `${fmt(lengthTrouble.length)} answers with more than one Content-Length (or Content-Length with Transfer-Encoding), ${fmt(conflicting.length)} conflicting, ${fmt(details.conflictingPublic)} of them \`public\``,
      `(${fmt(count((s) => s >= 200 && s < 300))} × 2xx, ${fmt(count((s) => s >= 400 && s < 500))} × 4xx; ${round(seconds)} s)`,
    ]
      .filter(Boolean)
      .join('; ');
    return { cell, details };
  },
);

async function trendingRanks(
  port: number,
  slug: string,
  n: number,
): Promise<{ HOUR: number | null; DAY: number | null; generatedAt: string; views: Record<string, number | null> }> {
  // A document of its own each time, so no cache answers it.
  const res = await send(port, {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: READER_ACCEPT, 'x-forwarded-for': '198.51.100.200' },
    body: JSON.stringify({
      query: `{ h${n}: trending(window: HOUR, first: 50) { generatedAt items { rank views article { slug } } } d${n}: trending(window: DAY, first: 50) { generatedAt items { rank views article { slug } } } }`,
    }),
  });
  const data = json(res)?.data;
  if (!data) throw new Error(`trending: ${res.status} ${res.body.toString().slice(0, 300)}`);
  const rank = (list: any) => list.items.find((item: any) => item.article.slug === slug) ?? null;
  const hour = rank(data[`h${n}`]);
  const day = rank(data[`d${n}`]);
  return {
    HOUR: hour?.rank ?? null,
    DAY: day?.rank ?? null,
    generatedAt: data[`h${n}`].generatedAt,
    views: { HOUR: hour?.views ?? null, DAY: day?.views ?? null },
  };
}

probe(
  'beacons',
  `${fmt(COUNTS.beacons)} beacons from one address and one browser UA in ${COUNTS.beaconSeconds} s`,
  'all 204; the article went from outside the top 50 to Terpopuler HOUR #1 and DAY #2',
  async ({ pg, articles, startServer }) => {
    await pg.ensureRunning();
    // Terpopuler is recomputed every 5 s here instead of every minute, so the probe need not wait (the same for both builds).
    const server = await startServer('beacons', { TRENDING_REFRESH_INTERVAL_MS: '5000', TRENDING_LOAD_INTERVAL_MS: '1000' });
    // The most recent published article that is in neither top 50.
    const lists = await send(server.port, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.200' },
      body: JSON.stringify({
        query:
          '{ x1: trending(window: HOUR, first: 50) { items { article { slug } } } x2: trending(window: DAY, first: 50) { items { article { slug } } } }',
      }),
    });
    const listed = new Set<string>([...json(lists).data.x1.items, ...json(lists).data.x2.items].map((item: any) => item.article.slug));
    const target = articles.find((a) => !listed.has(a.slug))!;
    const before = await trendingRanks(server.port, target.slug, 1);
    const viewsBefore = await storedViews(pg, [target.id]);
    const statuses: Record<string, number> = {};
    const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    const started = performance.now();
    const sent: Promise<void>[] = [];
    for (let i = 0; i < COUNTS.beacons; i += 1) {
      const due = started + (i * COUNTS.beaconSeconds * 1000) / COUNTS.beacons;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      // One client behind the site's proxy: the proxy (this script) appends its address; some
      // beacons also carry made-up hops to the left, as a client may send them.
      const forwardedFor = i % 100 === 0 ? `10.${i % 256}.0.1, 198.51.100.23` : '198.51.100.23';
      sent.push(
        send(
          server.port,
          { method: 'POST', path: '/views', headers: beaconHeaders(forwardedFor), body: JSON.stringify({ slug: target.slug }) },
          agent,
        ).then((res) => countInto(statuses, res.status || res.error || 'error')),
      );
    }
    await Promise.all(sent);
    const sentSeconds = (performance.now() - started) / 1000;
    const lastBeaconAt = Date.now();
    // Wait for a list computed after the views were flushed (flush every 5 s by default, then the next refresh).
    let after = await trendingRanks(server.port, target.slug, 2);
    for (let n = 3; Date.parse(after.generatedAt) < lastBeaconAt + 6_000 && n < 60; n += 1) {
      await sleep(1_000);
      after = await trendingRanks(server.port, target.slug, n);
    }
    const viewsAfter = await storedViews(pg, [target.id]);
    const details = {
      target,
      sentSeconds: round(sentSeconds),
      statuses,
      before,
      after,
      storedViewsAdded: viewsAfter - viewsBefore,
      process: exitSignature(server),
    };
    await server.stop();
    const rank = (r: number | null) => (r === null ? 'outside the top 50' : `#${r}`);
    const cell = [
      `${histogram(statuses)} (in ${round(sentSeconds)} s)`,
      `${fmt(details.storedViewsAdded)} view${details.storedViewsAdded === 1 ? '' : 's'} stored`,
      `Terpopuler HOUR ${rank(before.HOUR)} → ${rank(after.HOUR)}, DAY ${rank(before.DAY)} → ${rank(after.DAY)} (list computed ${round((Date.parse(after.generatedAt) - lastBeaconAt) / 1000)} s after the last beacon)`,
    ].join('; ');
    return { cell, details };
  },
);

async function rssProbe(server: KabarServer, count: number, pathOf: (i: number) => string, workers: number) {
  const base = `/graphql?query=${encodeURIComponent('{ latest(first: 10) { title url section { name } } }')}`;
  for (let i = 0; i < 200; i += 1) await send(server.port, { path: base, headers: readerHeaders(i % 100) });
  await sleep(2_000);
  const rssBefore = server.rssMb();
  const statuses: Record<string, number> = {};
  const ms: number[] = [];
  let next = 0;
  let peak = rssBefore;
  /** [requests sent, RSS MB] every tenth of the way. */
  const samples: [number, number][] = [[0, rssBefore]];
  const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
  const started = performance.now();
  const sampler = setInterval(() => {
    if (server.alive) peak = Math.max(peak, server.rssMb());
  }, 500);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) {
        const i = next++;
        if (i > 0 && i % Math.ceil(count / 10) === 0 && server.alive) samples.push([i, server.rssMb()]);
        const res = await send(server.port, { path: pathOf(i), headers: readerHeaders(i % 100) }, agent);
        countInto(statuses, res.status || res.error || 'error');
        ms.push(res.ms);
      }
    }),
  );
  clearInterval(sampler);
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const rssAfter = server.rssMb();
  await sleep(COUNTS.idleSeconds * 1000);
  const rssIdle = server.rssMb();
  return {
    count,
    seconds: round(seconds),
    msEach: round(percentile(ms, 50)),
    msMean: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    statuses,
    rssBefore,
    rssPeak: Math.max(peak, rssAfter),
    rssAfter,
    rssIdle,
    samples,
  };
}

probe(
  'alias-gets',
  `${fmt(COUNTS.aliasGets)} GETs differing only in an alias name${COUNTS.aliasGets === 10_000 ? '' : ' (the issue: 10,000)'}`,
  'RSS 255 MB → 3.3 GB, ~200 ms each, not released when idle',
  async ({ pg, startServer }) => {
    await pg.ensureRunning();
    const server = await startServer('alias-gets');
    const result = await rssProbe(
      server,
      COUNTS.aliasGets,
      (i) => `/graphql?query=${encodeURIComponent(`{ a${i}: latest(first: 10) { title url section { name } } }`)}`,
      2,
    );
    await server.stop();
    const cell = `RSS ${result.rssBefore} → ${result.rssAfter} MB (${result.rssIdle} MB after ${COUNTS.idleSeconds} s idle), p50 ${result.msEach} ms each (mean ${result.msMean} ms); ${histogram(result.statuses)}`;
    return { cell, details: result };
  },
);

probe('junk-gets', `${fmt(COUNTS.junkGets)} GETs differing only in a junk URL parameter`, 'RSS 145 → 255 MB', async ({ pg, startServer }) => {
  await pg.ensureRunning();
  const server = await startServer('junk-gets');
  const query = encodeURIComponent('{ latest(first: 10) { title url section { name } } }');
  const result = await rssProbe(server, COUNTS.junkGets, (i) => `/graphql?query=${query}&utm_source=${i}x${(i * 7919) % 10007}`, 4);
  await server.stop();
  const cell = `RSS ${result.rssBefore} → ${result.rssAfter} MB (${result.rssIdle} MB after ${COUNTS.idleSeconds} s idle), p50 ${result.msEach} ms each; ${histogram(result.statuses)}`;
  return { cell, details: result };
});

// ---------------------------------------------------------------------------------------------
// Running and reporting

function git(dir: string, args: string[]): string {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

interface RunFile {
  /** The commit of this script's checkout (with "+changes" when it had uncommitted ones). */
  script: string;
  build: string;
  head: string;
  commit: string;
  commitDate: string;
  subject: string;
  startedAt: string;
  seconds: number;
  counts: typeof COUNTS;
  machine: { cpus: number; loadBefore: number[]; loadAfter: number[] };
  setup: Record<string, unknown>;
  results: (ProbeResult & { title: string; issue: string; seconds: number })[];
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdown(run: RunFile): string {
  const lines = [
    `# Issue 15 probes on ${run.commit} (${run.commitDate.slice(0, 10)}: ${run.subject})`,
    '',
    `Build \`${run.build}\` at ${run.head}, probe script at ${run.script}; run ${run.startedAt}, ${Math.round(run.seconds)} s; ${run.machine.cpus} cores, load average ${run.machine.loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${run.machine.loadAfter.map((l) => l.toFixed(1)).join(' ')} after. ` +
      `Demo publication seeded by the build itself in ${run.setup.seedSeconds} s (${run.setup.articles} published articles). Every probe on a fresh server process.`,
    '',
    '| probe | issue (filer, 96adc0b) | measured |',
    '|---|---|---|',
    ...run.results.map((r) => `| ${escapeCell(r.title)} | ${escapeCell(r.issue)} | ${escapeCell(r.cell)} |`),
    '',
  ];
  return lines.join('\n');
}

async function runBuild(build: string): Promise<void> {
  build = path.resolve(build);
  if (!fs.existsSync(path.join(build, 'src', 'server.ts'))) throw new Error(`${build} is not a Kabar checkout (no src/server.ts)`);
  if (!fs.existsSync(path.join(build, 'node_modules', 'tsx'))) throw new Error(`${build} has no node_modules (run npm ci there)`);
  const only = option('only')?.split(',').filter(Boolean);
  const unknown = only?.filter((name) => !PROBES.some((p) => p.name === name)) ?? [];
  if (unknown.length) throw new Error(`unknown probe(s): ${unknown.join(', ')}; known: ${PROBES.map((p) => p.name).join(', ')}`);
  // `--server-env NAME=value,…`: more environment for every server (trials only; not in the tables).
  const serverEnv = Object.fromEntries((option('server-env')?.split(',').filter(Boolean) ?? []).map((pair) => pair.split('=') as [string, string]));
  const head = git(build, ['rev-parse', '--short', 'HEAD']);
  const commit = git(build, ['merge-base', 'HEAD', 'main']).slice(0, 7) || head;
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabar-probes-'));
  log(`build ${build} (HEAD ${head}, on main at ${commit}); logs in ${dir}`);
  const pg = await PrivatePostgres.create();
  const redis = await PrivateRedis.create();
  const servers = new Set<KabarServer>();
  const cleanup = async () => {
    for (const server of servers) await server.stop().catch(() => undefined);
    await redis.remove().catch(() => undefined);
    await pg.remove().catch(() => undefined);
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  const env: Env = {
    build,
    pg,
    redis,
    dir,
    articles: [],
    async startServer(label, extra = {}, waitReady = true) {
      const server = await KabarServer.start(build, { DATABASE_URL: pg.url(), ...extra, ...serverEnv }, label, dir, waitReady);
      servers.add(server);
      return server;
    },
  };
  const loadBefore = os.loadavg();
  const results: RunFile['results'] = [];
  let setup: Record<string, unknown> = {};
  try {
    log(`PostgreSQL on ${pg.port}, Redis on ${redis.port}; first start seeds the demo publication`);
    const seedStarted = Date.now();
    const seeding = await env.startServer('seed');
    await seeding.stop();
    env.articles = await publishedArticles(pg);
    setup = { seedSeconds: round((Date.now() - seedStarted) / 1000), articles: env.articles.length, pgPort: pg.port, redisPort: redis.port };
    for (const p of PROBES) {
      if (only && !only.includes(p.name)) continue;
      const probeStarted = Date.now();
      log(`probe ${p.name}: ${p.title}`);
      let result: ProbeResult;
      try {
        result = await p.run(env);
      } catch (error) {
        result = {
          name: p.name,
          cell: `probe failed: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`,
          details: { error: String(error) },
        };
      }
      for (const server of servers) if (!server.alive || server.ready) await server.stop().catch(() => undefined);
      servers.clear();
      const seconds = round((Date.now() - probeStarted) / 1000);
      log(`probe ${p.name} (${seconds} s): ${result.cell}`);
      results.push({ ...result, title: p.title, issue: p.issue, seconds });
    }
  } finally {
    await cleanup();
  }
  const run: RunFile = {
    script: `${git(ROOT, ['rev-parse', '--short', 'HEAD'])}${git(ROOT, ['status', '--porcelain', '--', 'bench/probes.ts']) ? '+changes' : ''}`,
    build,
    head,
    commit,
    commitDate: git(build, ['log', '-1', '--format=%cI', commit]),
    subject: git(build, ['log', '-1', '--format=%s', commit]),
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    counts: COUNTS,
    machine: { cpus: os.cpus().length, loadBefore, loadAfter: os.loadavg() },
    setup,
    results,
  };
  // Only a whole run with the default counts goes into bench/results; trials go to the temporary folder.
  const partial = Boolean(only || QUICK || option('set') || option('server-env'));
  const out =
    option('out') ??
    (partial
      ? path.join(os.tmpdir(), 'kabar-probes-results', `probes-${commit}${only ? `-${only.join('+')}` : ''}${QUICK ? '-quick' : ''}`)
      : path.join(ROOT, 'bench', 'results', `probes-${commit}`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.json`, `${JSON.stringify(run, null, 2)}\n`);
  const table = markdown(run);
  fs.writeFileSync(`${out}.md`, table);
  if (process.argv.includes('--keep-logs')) log(`server logs kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  console.log(table);
  log(`written: ${out}.md and .json (${Math.round(run.seconds)} s)`);
}

function compare(beforeFile: string, afterFile: string): void {
  const before = JSON.parse(fs.readFileSync(beforeFile, 'utf8')) as RunFile;
  const after = JSON.parse(fs.readFileSync(afterFile, 'utf8')) as RunFile;
  const names = [...new Set([...before.results, ...after.results].map((r) => r.name))];
  const lines = [
    `| probe | before ${before.commit} | after ${after.commit} (main) |`,
    '|---|---|---|',
    ...names.map((name) => {
      const b = before.results.find((r) => r.name === name);
      const a = after.results.find((r) => r.name === name);
      return `| ${escapeCell((a ?? b)!.title)} | ${escapeCell(b?.cell ?? 'not run')} | ${escapeCell(a?.cell ?? 'not run')} |`;
    }),
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const compareIndex = process.argv.indexOf('--compare');
  if (compareIndex >= 0) {
    compare(process.argv[compareIndex + 1]!, process.argv[compareIndex + 2]!);
    return;
  }
  const build = option('build');
  if (!build) throw new Error('usage: npm run probes -- --build <checkout> [--only name,…] [--quick] | --compare <before.json> <after.json>');
  await runBuild(build);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
