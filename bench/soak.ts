import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { boundedInt, option } from './lib/args';
import { openBenchPostgres } from './lib/postgres';
import { prepareBenchDatabase } from './lib/prepare';
import { ALL_SCENARIOS, loadPools, planFor, type HttpRequest, type ScenarioPlan } from './lib/scenarios';
import { startServer, type RunningServer } from './lib/servers';

// Long-running checks of issue 15, outside CI:
//
//   npm run soak                        10 minutes of mixed reads and view beacons at 80% of the
//                                       measured capacity; RSS and p99 sampled every 15 s
//   npm run soak -- --minutes 2         shorter
//   npm run soak -- --abuse             a normal reader's latency alone, then while hostile clients
//                                       send every refused request of issue 15's table at once
//     --hostile-rate N                  hostile requests per second (default: as fast as 16
//                                       connections go, i.e. a flood)
//     --hostile-only a,b                only these hostile requests (alias-bomb, aliased-search, deep,
//                                       whitespace, broken-variables, nul-beacon)
//     --pin                             the server on CPU 1, this load generator on CPU 0, so that
//                                       building hostile bodies does not take the server's core
//
// Kabar runs as `npm run start:prod` would (production build, response cache on) in a child
// process, against the bench's database (embedded PostgreSQL unless BENCH_ADMIN_URL is set; see
// bench/README.md). Everything stays on loopback.

const BROWSER = 'Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const log = (message: string) => console.error(`[soak] ${message}`);

/** Article, home, section and search pages as the frontend sends them, with one beacon in five. */
function mixedPlan(plans: ScenarioPlan[], slugs: string[]): { next(): HttpRequest; check(body: string): boolean } {
  let i = 0;
  return {
    next() {
      i += 1;
      if (i % 5 === 0) {
        return {
          method: 'POST',
          path: '/views',
          headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER, 'x-forwarded-for': `10.9.${(i >> 8) & 255}.${i & 255}` },
          body: JSON.stringify({ slug: slugs[i % slugs.length] }),
        };
      }
      // Readers come from many addresses (through the trusted local proxy), as on a real site:
      // from one address, the per-client rate limit would refuse most of the load.
      const request = plans[i % plans.length]!.next();
      const headers: Record<string, string> = { ...request.headers, 'x-forwarded-for': `10.8.${(i >> 8) & 255}.${i & 255}` };
      return { ...request, headers };
    },
    // Beacons answer without a body; GraphQL answers must carry no errors.
    check: (body) => body === '' || !body.includes('"errors"'),
  };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface LoadRun {
  rps: number;
  errors: number;
  p50: number;
  p99: number;
  /** How many answers had each HTTP status. */
  statuses: Record<number, number>;
  samples: { second: number; rssMb: number; p99: number; rps: number }[];
}

async function load(
  server: RunningServer,
  plan: { next(): HttpRequest; check(body: string): boolean },
  seconds: number,
  options: { connections: number; rate?: number; sampleSeconds?: number },
): Promise<LoadRun> {
  let errors = 0;
  let window: number[] = [];
  const all: number[] = [];
  const samples: LoadRun['samples'] = [];
  const started = Date.now();
  let finished!: (result: autocannon.Result) => void;
  let failed!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const instance = autocannon(
    {
      url: server.baseUrl,
      connections: options.connections,
      duration: seconds,
      timeout: 10,
      ...(options.rate ? { overallRate: options.rate } : {}),
      requests: [{ setupRequest: (request: any) => ({ ...request, ...plan.next() }) }],
      verifyBody: (body: string) => {
        if (plan.check(body)) return true;
        errors += 1;
        return false;
      },
    } as autocannon.Options,
    (error, result) => (error ? failed(error) : finished(result)),
  );
  const statuses: Record<number, number> = {};
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    window.push(responseTime);
    all.push(responseTime);
  });
  const sampler = options.sampleSeconds
    ? setInterval(() => {
        const sorted = window.sort((a, b) => a - b);
        samples.push({
          second: Math.round((Date.now() - started) / 1000),
          rssMb: rssMb(server.pid),
          p99: Math.round(percentile(sorted, 99) * 10) / 10,
          rps: Math.round(sorted.length / options.sampleSeconds!),
        });
        log(`t=${samples.at(-1)!.second}s rss=${samples.at(-1)!.rssMb} MB p99=${samples.at(-1)!.p99} ms rps=${samples.at(-1)!.rps}`);
        window = [];
      }, options.sampleSeconds * 1000)
    : null;
  const result = await done;
  if (sampler) clearInterval(sampler);
  all.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.average),
    // Answers that failed the check (errors, refusals), connection errors, timeouts, and any other
    // answer outside 2xx.
    errors: Math.max(errors, result.non2xx) + result.errors + result.timeouts,
    p50: Math.round(percentile(all, 50) * 10) / 10,
    p99: Math.round(percentile(all, 99) * 10) / 10,
    statuses,
    samples,
  };
}

/** Every refused request of issue 15's table, sent over and over by hostile clients. */
function hostilePlan(): { next(): HttpRequest; check(): boolean } {
  const aliasBomb = `{ ${Array.from({ length: 500 }, (_, i) => `s${i}: search(query: "banjir ${i}") { totalCount }`).join(' ')} }`;
  const aliasedSearch = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: search(query: "jakarta ${i}") { totalCount }`).join(' ')} }`;
  const deep = `{${'a{'.repeat(5_000)}${'}'.repeat(5_001)}`;
  const kinds: Record<string, HttpRequest> = {
    'alias-bomb': { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: aliasBomb }) },
    'aliased-search': {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: aliasedSearch }),
    },
    deep: { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: deep }) },
    whitespace: {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ' '.repeat(2_000_000) }),
    },
    'broken-variables': { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ latest { title } }')}&variables=%7Bbroken` },
    'nul-beacon': { method: 'POST', path: '/views', headers: { 'content-type': 'text/plain', 'user-agent': BROWSER }, body: '{"slug":"x\\u0000"}' },
  };
  const only = option('hostile-only', '');
  const unknown = only.split(',').filter((name) => name && !(name in kinds));
  if (unknown.length > 0) throw new Error(`--hostile-only: unknown ${unknown.join(', ')}; known: ${Object.keys(kinds).join(', ')}`);
  const requests = Object.entries(kinds)
    .filter(([name]) => !only || only.split(',').includes(name))
    .map(([, request]) => request);
  let i = 0;
  return {
    next: () => {
      i += 1;
      // Each hostile request from the same few made-up clients (the server trusts loopback as a proxy).
      const request = requests[i % requests.length]!;
      return { ...request, headers: { ...request.headers, 'x-forwarded-for': `192.0.2.${i % 4}` } };
    },
    check: () => true,
  };
}

/** Runs hostilePlan() from a child process (this script with --hostile-worker) and returns its LoadRun. */
async function runHostileProcess(server: RunningServer, seconds: number, rate: number, only: string, pin: boolean): Promise<LoadRun> {
  const args = ['--import', 'tsx', __filename, '--hostile-worker', '--url', server.baseUrl, '--seconds', String(seconds)];
  if (rate > 0) args.push('--hostile-rate', String(rate));
  if (only) args.push('--hostile-only', only);
  const command = pin ? 'taskset' : process.execPath;
  const child = spawn(command, pin ? ['-c', '0', process.execPath, ...args] : args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the hostile load process exited with ${code}`);
  return JSON.parse(output) as LoadRun;
}

async function hostileWorker(): Promise<void> {
  const baseUrl = option('url', '');
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(baseUrl)) throw new Error('--hostile-worker needs --url http://127.0.0.1:<port>');
  const rate = process.argv.includes('--hostile-rate') ? boundedInt('hostile-rate', 50, 100_000) : 0;
  const server = { name: 'kabar-cache', baseUrl, pid: 0, stop: async () => undefined } as RunningServer;
  const result = await load(server, hostilePlan(), boundedInt('seconds', 20, 600), { connections: 16, ...(rate > 0 ? { rate } : {}) });
  process.stdout.write(JSON.stringify(result));
}

async function main(): Promise<void> {
  if (process.argv.includes('--hostile-worker')) return hostileWorker();
  const abuse = process.argv.includes('--abuse');
  const minutes = boundedInt('minutes', 10, 120);
  const articles = boundedInt('articles', 5_000, 100_000);
  const port = Number(option('port', '4100'));
  const postgres = await openBenchPostgres(log);
  const db = await prepareBenchDatabase(postgres.adminUrl, articles, log);
  const pools = await loadPools(db.connectionString);
  // The bench's load comes from one loopback address; made-up X-Forwarded-For values give each
  // simulated reader its own address, so rate limits and the view gate see many readers.
  const pin = process.argv.includes('--pin');
  if (pin) {
    const pinned = spawnSync('taskset', ['-p', '-c', '0', String(process.pid)], { encoding: 'utf8' });
    if (pinned.status !== 0) throw new Error(`--pin needs taskset and two CPUs: ${pinned.stderr}`);
  }
  const server = await startServer('kabar-cache', db, {
    port,
    poolSize: 10,
    log,
    ...(pin ? { cpus: '1' } : {}),
    env: { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_POINTS: '60000' },
  });
  try {
    const plans = ALL_SCENARIOS.map((scenario) => planFor('kabar-get', scenario, pools));
    for (const plan of plans) await plan.prepare?.(server.baseUrl);
    if (abuse) {
      // Normal readers: article pages at a steady rate, from many addresses (as readers are).
      const article = planFor('kabar-get', 'article', pools);
      let reads = 0;
      const reader = {
        next: () => {
          reads += 1;
          const request = article.next();
          return { ...request, headers: { ...request.headers, 'x-forwarded-for': `10.8.${(reads >> 8) & 255}.${reads & 255}` } };
        },
        check: (body: string) => !body.includes('"errors"'),
      };
      const readerRate = boundedInt('reader-rate', 100, 10_000);
      const hostileRate = process.argv.includes('--hostile-rate') ? boundedInt('hostile-rate', 50, 100_000) : 0;
      await load(server, reader, 10, { connections: 2, rate: readerRate });
      const alone = await load(server, reader, 20, { connections: 2, rate: readerRate });
      // The hostile clients run in a process of their own, as they would on other machines: in this
      // one, building and sending their bodies would delay the normal reader's own measurements.
      const [attacked, hostile] = await Promise.all([
        load(server, reader, 20, { connections: 2, rate: readerRate }),
        runHostileProcess(server, 20, hostileRate, option('hostile-only', ''), pin),
      ]);
      console.log(
        JSON.stringify(
          {
            articles,
            normalReaderAlone: { rps: alone.rps, p50: alone.p50, p99: alone.p99, errors: alone.errors },
            normalReaderUnderAttack: { rps: attacked.rps, p50: attacked.p50, p99: attacked.p99, errors: attacked.errors },
            pinned: pin,
            hostileRequestsPerSecond: hostile.rps,
            hostileStatuses: hostile.statuses,
            p50Ratio: Math.round((attacked.p50 / alone.p50) * 100) / 100,
            p99Ratio: Math.round((attacked.p99 / alone.p99) * 100) / 100,
            rssMbAfter: rssMb(server.pid),
          },
          null,
          2,
        ),
      );
      return;
    }
    const mixed = mixedPlan(plans, pools.slugs);
    log('measuring capacity (30 s, 16 connections)');
    const capacity = await load(server, mixed, 30, { connections: 16 });
    const rate = Math.max(1, Math.round(capacity.rps * 0.8));
    log(`capacity ${capacity.rps} req/s; soaking at ${rate} req/s for ${minutes} min`);
    const soak = await load(server, mixed, minutes * 60, { connections: 16, rate, sampleSeconds: 15 });
    const rss = soak.samples.map((s) => s.rssMb);
    console.log(
      JSON.stringify(
        {
          articles,
          capacityRps: capacity.rps,
          targetRps: rate,
          achievedRps: soak.rps,
          errors: soak.errors,
          p50: soak.p50,
          p99: soak.p99,
          rssMb: { first: rss[0], last: rss.at(-1), min: Math.min(...rss), max: Math.max(...rss) },
          samples: soak.samples,
        },
        null,
        2,
      ),
    );
    if (soak.errors > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await postgres.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
