import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openBenchPostgres } from './lib/postgres';
import { prepareBenchDatabase, refreshBenchTrending, type BenchDatabase } from './lib/prepare';
import {
  ALL_SCENARIOS,
  SCENARIO_TITLES,
  fetchPostgraphileCursors,
  loadPools,
  planFor,
  type Pools,
  type ScenarioName,
  type ServerKind,
} from './lib/scenarios';
import { ALL_SERVERS, SERVER_TITLES, startServer, type RunningServer, type ServerName } from './lib/servers';
import { runLoad } from './lib/load';
import { evaluateTargets, machineInfo, toMarkdown, updateReadme, type BenchReport, type Measurement } from './lib/report';
import { newestProfile, summariseProfile } from './lib/profile';
import { createDatabase } from '../src/db/database';
import { runCacheUnderWrites } from './cache-writes';
import { refreshStaleRelated } from '../src/content/related';

// npm run bench [-- --quick] — see bench/README.md.

const ROOT = path.resolve(__dirname, '..');
const USAGE = `Usage: npm run bench -- [options]

  --quick              everything in under 3 minutes: ${'5,000'} articles (growth: 1,000), 1 round, 1 s warm-up, 3 s runs
  --articles N         main data set (default 100000)
  --growth N,N         smaller data sets for the cost-growth rows (default 1000,10000; "none" to skip)
  --servers a,b        of ${ALL_SERVERS.join(', ')} (default: all)
  --scenarios a,b      of ${ALL_SCENARIOS.join(', ')} (default: all; search only when the schema has it)
  --connections N      concurrent connections (default 32)
  --duration S         measured seconds per row (default 10)
  --warmup S           warm-up seconds per row (default 3)
  --rounds N           alternating rounds over the servers at the main size (default 2)
  --pool N             database connections per server (default 10)
  --profile            also write a CPU profile of the uncached Kabar server and summarise it
  --no-build           do not rebuild dist/ even if sources are newer
  --no-writes          skip the cache-under-writes part (bench/cache-writes.ts; skipped with --quick)
  --help`;

interface Settings {
  quick: boolean;
  articles: number;
  growth: number[];
  servers: ServerName[];
  scenarios: ScenarioName[];
  connections: number;
  duration: number;
  warmup: number;
  rounds: number;
  pool: number;
  profile: boolean;
  build: boolean;
  writes: boolean;
}

function parseSettings(argv: string[]): Settings | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      articles: { type: 'string' },
      growth: { type: 'string' },
      servers: { type: 'string' },
      scenarios: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      pool: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'no-writes': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  const quick = values.quick!;
  const int = (raw: string | undefined, fallback: number, name: string) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number; got "${raw}"`);
    return n;
  };
  const list = <T extends string>(raw: string | undefined, all: readonly T[], name: string): T[] => {
    if (raw === undefined) return [...all];
    const items = raw.split(',').map((x) => x.trim()) as T[];
    for (const item of items) if (!all.includes(item)) throw new Error(`--${name}: unknown "${item}"; choose from ${all.join(', ')}`);
    return items;
  };
  const growthRaw = values.growth ?? (quick ? '1000' : '1000,10000');
  return {
    quick,
    articles: int(values.articles, quick ? 5000 : 100_000, 'articles'),
    growth: growthRaw === 'none' ? [] : growthRaw.split(',').map((x) => int(x, 0, 'growth')),
    servers: list(values.servers, ALL_SERVERS, 'servers'),
    scenarios: list(values.scenarios, ALL_SCENARIOS, 'scenarios'),
    connections: int(values.connections, 32, 'connections'),
    duration: int(values.duration, quick ? 3 : 10, 'duration'),
    warmup: int(values.warmup, quick ? 1 : 3, 'warmup'),
    rounds: int(values.rounds, quick ? 1 : 2, 'rounds'),
    pool: int(values.pool, 10, 'pool'),
    profile: values.profile!,
    build: !values['no-build'],
    writes: !quick && !values['no-writes'],
  };
}

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Kabar is measured as deployed: the production build, rebuilt when a source is newer than it. */
function ensureBuild(enabled: boolean): void {
  const server = path.join(ROOT, 'dist', 'src', 'server.js');
  const stale =
    !fs.existsSync(server) || Math.max(newestMtime(path.join(ROOT, 'src')), newestMtime(path.join(ROOT, 'db'))) > fs.statSync(server).mtimeMs;
  if (!stale) return;
  if (!enabled) {
    log('dist/ is older than the sources, but --no-build was given: measuring it as it is');
    return;
  }
  log('building Kabar (npm run build)');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

async function postgresVersion(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query('show server_version');
    return `PostgreSQL ${String(rows[0].server_version).split(' ')[0]}`;
  } finally {
    await client.end();
  }
}

function hasSearch(): boolean {
  const schema = path.join(ROOT, 'schema.graphql');
  return fs.existsSync(schema) && /^\s+search\(/m.test(fs.readFileSync(schema, 'utf8'));
}

// With the cache on, Kabar is asked the way a CDN in front of it would be: GET with persisted queries.
const KIND: Record<ServerName, ServerKind> = { kabar: 'kabar', 'kabar-cache': 'kabar-get', postgraphile: 'postgraphile', raw: 'raw' };
const PORTS: Record<ServerName, number> = { kabar: 4100, 'kabar-cache': 4100, postgraphile: 4101, raw: 4102 };

async function measureServer(
  server: ServerName,
  db: BenchDatabase,
  pools: Pools,
  scenarios: ScenarioName[],
  settings: Settings,
  round: number,
  profileDir: string | undefined,
): Promise<Measurement[]> {
  const running: RunningServer = await startServer(server, db, { port: PORTS[server], poolSize: settings.pool, cpuProfileDir: profileDir, log });
  const results: Measurement[] = [];
  try {
    if (server === 'postgraphile' && scenarios.includes('section')) await fetchPostgraphileCursors(running.baseUrl, pools.sectionPoints);
    for (const scenario of scenarios) {
      const plan = planFor(KIND[server], scenario, pools);
      await plan.prepare?.(running.baseUrl);
      if (server === 'kabar-cache') {
        // One pass over every distinct request first: the measurement is of a warm cache.
        const prime = await runLoad({
          baseUrl: running.baseUrl,
          connections: settings.connections,
          durationSeconds: 0,
          amount: Math.max(plan.distinct, settings.connections),
          plan,
          fullCheckEvery: 1,
        });
        if (prime.firstProblem) log(`  priming the cache for ${scenario}: ${prime.firstProblem}`);
      }
      const warm = await runLoad({
        baseUrl: running.baseUrl,
        connections: settings.connections,
        durationSeconds: settings.warmup,
        plan,
        fullCheckEvery: 1,
      });
      if (warm.firstProblem) log(`  warm-up of ${scenario} on ${server}: ${warm.firstProblem}`);
      const result = await runLoad({
        baseUrl: running.baseUrl,
        connections: settings.connections,
        durationSeconds: settings.duration,
        plan,
        fullCheckEvery: 25,
      });
      log(
        `  ${db.articles} articles, round ${round}, ${SERVER_TITLES[server]}, ${SCENARIO_TITLES[scenario]}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`,
      );
      results.push({ ...result, articles: db.articles, round, server, scenario });
    }
  } finally {
    await running.stop();
  }
  return results;
}

async function main(argv: string[]): Promise<number> {
  let settings: Settings | null;
  try {
    settings = parseSettings(argv);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (!settings) {
    console.log(USAGE);
    return 0;
  }
  const started = Date.now();
  const notes: string[] = [];
  let scenarios = settings.scenarios;
  if (scenarios.includes('search') && !hasSearch()) {
    scenarios = scenarios.filter((s) => s !== 'search');
    notes.push('Search is not in schema.graphql yet: the search scenario was left out.');
  }
  if (settings.quick) {
    notes.push(
      `Quick mode: ${settings.articles.toLocaleString('en')} articles instead of 100,000, ${settings.duration} s per row; for a rough check, not for quoting.`,
    );
  }
  ensureBuild(settings.build);

  const postgres = await openBenchPostgres(log);
  const date = new Date().toISOString();
  const report: BenchReport = {
    date,
    mode: settings.quick ? 'quick' : 'full',
    machine: machineInfo(await postgresVersion(postgres.adminUrl)),
    settings: {
      connections: settings.connections,
      durationSeconds: settings.duration,
      warmupSeconds: settings.warmup,
      rounds: settings.rounds,
      poolSize: settings.pool,
      mainArticles: settings.articles,
      growthArticles: settings.growth,
    },
    datasets: [],
    notes,
    measurements: [],
    targets: [],
  };
  notes.push(`Data: ${postgres.description}.`);
  try {
    const sizes = [settings.articles, ...settings.growth.filter((n) => n !== settings!.articles)];
    const databases = new Map<number, BenchDatabase>();
    for (const size of sizes) {
      const db = await prepareBenchDatabase(postgres.adminUrl, size, log);
      databases.set(size, db);
      report.datasets.push({ articles: size, name: db.name, notes: db.notes });
    }
    const profileDir = settings.profile ? path.join(ROOT, 'bench', 'results', 'profiles', date.replace(/[:.]/g, '-')) : undefined;

    for (const size of sizes) {
      const db = databases.get(size)!;
      const main = size === settings.articles;
      // Terpopuler for PostGraphile and raw is computed now, as Kabar computes its own at start.
      const kysely = createDatabase({ connectionString: db.connectionString, poolSize: 1 });
      try {
        await refreshStaleRelated(kysely, { batchSize: 500 });
        await refreshBenchTrending(kysely);
      } finally {
        await kysely.destroy();
      }
      const pools = await loadPools(db.connectionString);
      const sizeScenarios = main ? scenarios : scenarios.filter((s) => s === 'article' || s === 'section');
      for (let round = 1; round <= (main ? settings.rounds : 1); round += 1) {
        for (const server of settings.servers) {
          const profile = main && round === 1 && server === 'kabar' ? profileDir : undefined;
          report.measurements.push(...(await measureServer(server, db, pools, sizeScenarios, settings, round, profile)));
        }
      }
    }
    if (profileDir) {
      const file = newestProfile(profileDir);
      report.profile = file ? summariseProfile(file) : null;
    }
  } finally {
    await postgres.close();
  }
  report.machine.loadAfter = os.loadavg().map((n) => Math.round(n * 100) / 100);
  report.targets = evaluateTargets(report);
  const markdown = toMarkdown(report);
  const resultsDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const stem = `${date.slice(0, 19).replace(/:/g, '-')}${settings.quick ? '-quick' : ''}`;
  fs.writeFileSync(path.join(resultsDir, `${stem}.json`), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(resultsDir, `${stem}.md`), `${markdown}\n`);
  console.log(`\n${markdown}\n`);
  log(`results: bench/results/${stem}.json and .md (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  const complete = !settings.quick && settings.servers.length === ALL_SERVERS.length && settings.scenarios.length === ALL_SCENARIOS.length;
  if (complete && updateReadme(path.join(ROOT, 'bench', 'README.md'), markdown)) log('bench/README.md shows these results');
  // The response cache while the newsroom writes, both invalidation designs (bench/cache-writes.ts).
  if (settings.writes) {
    log('the response cache under writes (generation design against tags), on a scratch database with the demo publication');
    await runCacheUnderWrites();
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
