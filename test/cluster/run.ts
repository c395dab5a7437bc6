import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDatabase, type Db } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { seedDemoPublication } from '../../src/seed';
import { refreshStaleRelated } from '../../src/content/related';
import { createStaff } from '../../src/editorial/staff';
import { editorialDb } from '../../src/editorial/tables';
import { readJobSchedule, type JobScheduleRow } from '../../src/jobs/fleet';
import { sparePort } from '../helpers/servers';
import { startPrimary, startReplica, type PostgresServer } from './postgres';
import { startKabar, type KabarProcess } from './kabar';

// The cluster test (npm run test:cluster; README "Run several processes"): a PostgreSQL primary and
// a streaming replica made here, the machine's Redis, three Kabar processes. Each check prints what
// it measured; any failed check makes the script exit 1. Runs in about a minute.

const REDIS_URL = process.env.KABAR_CLUSTER_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const ROOT = path.resolve(__dirname, '..', '..');
const read = (name: string) => fs.readFileSync(path.join(ROOT, 'operations', `${name}.graphql`), 'utf8');
const ARTICLE_PAGE = read('ArticlePage');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const failures: string[] = [];
function check(ok: boolean, what: string, figures: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${figures}`);
  if (!ok) failures.push(what);
}

interface Answer {
  status: number;
  data?: any;
  errors?: Array<{ message: string }>;
  headers: Headers;
}

async function graphql(base: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  return { status: response.status, ...body, headers: response.headers };
}

/** Statistics of the kabar database on one server: transactions and scans of the authors table (only public pages read it). */
async function stats(db: Db): Promise<{ commits: number; authorScans: number }> {
  const result = await sql<{ commits: number; author_scans: number }>`
    select (select xact_commit from pg_stat_database where datname = current_database()) as commits,
           (select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) from pg_stat_user_tables where relname = 'authors') as author_scans`.execute(db);
  return { commits: Number(result.rows[0]!.commits), authorScans: Number(result.rows[0]!.author_scans) };
}

interface Load {
  stop(): Promise<{ ok: number; failed: Map<string, number>; firstErrors: string[] }>;
  inFlight(): number;
}

/** Article pages, `concurrency` at a time, round robin over `targets`, until stopped. */
function load(targets: KabarProcess[], slugs: string[], concurrency: number): Load {
  let stopped = false;
  let ok = 0;
  let inFlight = 0;
  const failed = new Map<string, number>();
  const firstErrors: string[] = [];
  let next = 0;
  const worker = async () => {
    while (!stopped) {
      const target = targets[next++ % targets.length]!;
      const slug = slugs[next % slugs.length]!;
      inFlight += 1;
      try {
        const answer = await graphql(target.url, ARTICLE_PAGE, { slug });
        if (answer.status !== 200 || answer.errors || !answer.data?.article)
          throw new Error(`${answer.status} ${JSON.stringify(answer.errors ?? answer.data)}`);
        ok += 1;
      } catch (error) {
        failed.set(target.name, (failed.get(target.name) ?? 0) + 1);
        if (firstErrors.length < 5) firstErrors.push(`${target.name}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
      } finally {
        inFlight -= 1;
      }
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    inFlight: () => inFlight,
    async stop() {
      stopped = true;
      await Promise.all(workers);
      return { ok, failed, firstErrors };
    },
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabar-cluster-'));
  let primary: PostgresServer | null = null;
  let replica: PostgresServer | null = null;
  const processes: KabarProcess[] = [];
  let admin: Db | null = null;
  let replicaDb: Db | null = null;
  try {
    const step = (what: string) => console.log(`  ${what} (${Date.now() - started} ms)`);
    primary = await startPrimary();
    step('primary started');
    await sql`create database kabar`.execute(createDatabaseOnce(primary.url('postgres')));
    admin = createDatabase({ connectionString: primary.url('kabar'), poolSize: 4 });
    await migrateToLatest(admin);
    step('migrated');
    await seedDemoPublication(admin, { articles: 200 });
    step('seeded');
    await refreshStaleRelated(admin);
    await sql`analyze`.execute(admin);
    step('related computed');
    replica = await startReplica(primary);
    replicaDb = createDatabase({ connectionString: replica.url('kabar'), poolSize: 2 });
    console.log(`primary on ${primary.port}, replica on ${replica.port}, Redis ${REDIS_URL}, logs in ${logDir} (${Date.now() - started} ms)`);

    const env = {
      DATABASE_URL: primary.url('kabar'),
      DATABASE_REPLICA_URLS: replica.url('kabar'),
      REDIS_URL,
      FLEET_SIZE: '3',
      DB_POOL_SIZE: '6',
      SEED_DEMO: 'false',
      RESPONSE_CACHE: 'false',
      RATE_LIMIT_POINTS: '0',
      SCHEDULER_INTERVAL_MS: '1000',
      TRENDING_REFRESH_INTERVAL_MS: '2000',
      TRENDING_LOAD_INTERVAL_MS: '500',
      RELATED_REFRESH_INTERVAL_MS: '3000',
      REPLICA_PROBE_INTERVAL_MS: '500',
      REPLICA_MAX_LAG_SECONDS: '5',
      NODE_ENV: 'test',
      // The cluster test reads each process's log lines (NODE_ENV=test would make them silent).
      LOG_LEVEL: 'info',
    };
    for (const name of ['kabar-a', 'kabar-b', 'kabar-c']) processes.push(startKabar(name, await sparePort(), env, logDir));
    await Promise.all(processes.map((p) => p.ready));
    const [a, b, c] = processes as [KabarProcess, KabarProcess, KabarProcess];
    console.log(`three processes ready on ${processes.map((p) => p.port).join(', ')} (${Date.now() - started} ms)`);

    const published = (
      await admin
        .selectFrom('articles')
        .select('slug')
        .where('status', '=', 'published')
        .where('published_at', '<', new Date())
        .orderBy('id')
        .limit(51)
        .execute()
    ).map((r) => r.slug);
    // The first is edited below (a new title may give it a new slug); the load reads the others.
    const edited = published[0]!;
    const slugs = published.slice(1);

    // 1. Public reads are served by the replica.
    {
      const [p0, r0] = await Promise.all([stats(admin), stats(replicaDb)]);
      const requests = 150;
      let answered = 0;
      for (let i = 0; i < requests; i += 10) {
        const answers = await Promise.all(slugs.slice(0, 10).map((slug) => graphql(processes[(i / 10) % 3]!.url, ARTICLE_PAGE, { slug })));
        answered += answers.filter((answer) => answer.status === 200 && !answer.errors && answer.data?.article).length;
      }
      // Statistics reach pg_stat_* when a backend's transaction ends (at most once a second when busy).
      await sleep(1200);
      const [p1, r1] = await Promise.all([stats(admin), stats(replicaDb)]);
      const replicaScans = r1.authorScans - r0.authorScans;
      const primaryScans = p1.authorScans - p0.authorScans;
      check(
        answered === requests && replicaScans >= requests / 2 && primaryScans < requests / 20,
        'public reads served by the replica',
        `${answered} of ${requests} article pages answered: authors scanned ${replicaScans}× on the replica, ${primaryScans}× on the primary; transactions +${r1.commits - r0.commits} on the replica, +${p1.commits - p0.commits} on the primary (background jobs, probes, view flushes)`,
      );
    }

    // 2. Staff: sign in, edit through one process, read your write at once through another; the
    // public sees the edit through the others within a second.
    const { password } = await createStaff(editorialDb(admin), { email: 'redaksi@cluster.test', name: 'Redaksi', role: 'editor' }, null);
    const signIn = await graphql(a.url, read('editorial/SignIn'), { email: 'redaksi@cluster.test', password });
    const staff = { authorization: `Bearer ${signIn.data.signIn.token as string}` };
    {
      const slug = edited;
      const article = await editorialDb(admin).selectFrom('articles').select(['id', 'version']).where('slug', '=', slug).executeTakeFirstOrThrow();
      const globalId = (await graphql(a.url, 'query($s: String!) { article(slug: $s) { id } }', { s: slug })).data.article.id as string;
      const byId = 'query($id: ID!) { article(id: $id) { title } }';
      const title = `Sidang kabinet darurat digelar malam ini ${Date.now()}`;
      const edit = await graphql(a.url, read('editorial/UpdateArticle'), { id: globalId, expectedVersion: article.version, input: { title } }, staff);
      const editedAt = Date.now();
      if (edit.errors) throw new Error(`edit failed: ${JSON.stringify(edit.errors)}`);
      const own = await graphql(b.url, byId, { id: globalId }, staff);
      check(
        own.data?.article?.title === title,
        'read-your-writes for staff',
        `the editor's read through ${b.name} right after the edit through ${a.name} saw the new title (${Date.now() - editedAt} ms)`,
      );
      check(
        (edit.headers.get('set-cookie') ?? '').includes('kabar_rw='),
        'read-your-writes cookie on a write',
        `set-cookie: ${edit.headers.get('set-cookie') ?? '(none)'}`,
      );
      const seen: Record<string, number> = {};
      while (Date.now() - editedAt < 3000 && Object.keys(seen).length < 2) {
        for (const p of [b, c]) {
          if (seen[p.name] !== undefined) continue;
          const answer = await graphql(p.url, byId, { id: globalId });
          if (answer.data?.article?.title === title) seen[p.name] = Date.now() - editedAt;
        }
        await sleep(20);
      }
      check(
        seen[b.name] !== undefined && seen[c.name] !== undefined && Math.max(seen[b.name]!, seen[c.name]!) < 1000,
        'an edit through one process visible through the others within a second',
        `public readers saw it through ${b.name} after ${seen[b.name] ?? '>3000'} ms, through ${c.name} after ${seen[c.name] ?? '>3000'} ms`,
      );
    }

    // 3. A scheduled article is published exactly once.
    {
      const create = await graphql(
        b.url,
        read('editorial/CreateArticle'),
        { input: { title: `Hasil hitung cepat pukul ${Date.now()}`, section: 'nasional', bodyHtml: '<p>Hasil sementara.</p>' } },
        staff,
      );
      if (create.errors) throw new Error(`create failed: ${JSON.stringify(create.errors)}`);
      const draft = create.data.createArticle.article as { id: string; version: number; slug: string };
      const at = new Date(Date.now() + 1500);
      const scheduled = await graphql(
        b.url,
        read('editorial/PublishArticle'),
        { id: draft.id, expectedVersion: draft.version, at: at.toISOString() },
        staff,
      );
      if (scheduled.errors) throw new Error(`schedule failed: ${JSON.stringify(scheduled.errors)}`);
      await sleep(4000);
      const row = await admin.selectFrom('articles').select(['id', 'status']).where('slug', '=', draft.slug).executeTakeFirstOrThrow();
      const counts = await sql<{ audits: number; revisions: number }>`
        select (select count(*) from audit_log where action = 'article.published' and entity_id = ${String(row.id)})::int as audits,
               (select count(*) from article_revisions where article_id = ${row.id} and kind = 'scheduled-publish')::int as revisions`.execute(admin);
      const { audits, revisions } = counts.rows[0]!;
      check(
        row.status === 'published' && audits === 1 && revisions === 1,
        'a scheduled article published exactly once',
        `status ${row.status}, ${audits} publication audit entry, ${revisions} scheduled-publish revision`,
      );
    }

    // 4. Identical Terpopuler on all three.
    {
      const query = '{ trending(window: WEEK, first: 10) { generatedAt items { rank views article { slug } } } }';
      let same = false;
      let attempts = 0;
      let lists: string[] = [];
      while (!same && attempts < 20) {
        attempts += 1;
        lists = await Promise.all(processes.map(async (p) => JSON.stringify((await graphql(p.url, query)).data.trending)));
        same = lists.every((list) => list === lists[0]);
        if (!same) await sleep(100);
      }
      const parsed = JSON.parse(lists[0]!) as { generatedAt: string; items: unknown[] };
      check(
        same && parsed.items.length > 0,
        'identical Terpopuler on all three',
        `${parsed.items.length} items, generatedAt ${parsed.generatedAt}, equal on attempt ${attempts}`,
      );
    }

    // 5. Every job runs once per interval across the fleet.
    {
      const window = 9000;
      const before = await jobRuns(admin);
      const scrapedBefore = await scrapedJobRuns(processes);
      await sleep(window);
      const after = await jobRuns(admin);
      const scrapedAfter = await scrapedJobRuns(processes);
      const scrape = await (await fetch(`${processes[1]!.url}/metrics`)).text();
      const lag = /^kabar_db_replica_lag_seconds\{replica="[^"]+"\} ([\d.e+-]+)$/m.exec(scrape);
      check(lag !== null, 'replica lag on /metrics', lag ? lag[0] : 'kabar_db_replica_lag_seconds missing');
      // What the processes' /metrics say (kabar_job_runs_total, counted by the process that ran the
      // job), summed over the fleet, against the table; a run may finish between the two reads.
      for (const job of ['related', 'scheduler', 'trending']) {
        const table = (after.find((r) => r.job === job)?.runs ?? 0) - (before.find((r) => r.job === job)?.runs ?? 0);
        const scraped = (scrapedAfter.get(job) ?? 0) - (scrapedBefore.get(job) ?? 0);
        check(
          Math.abs(table - scraped) <= 1 && scraped > 0,
          `job ${job}: /metrics agrees with the job table`,
          `kabar_job_runs_total summed over the fleet +${scraped}, job_schedule.runs +${table}`,
        );
      }
      for (const row of after) {
        const delta = row.runs - (before.find((r) => r.job === row.job)?.runs ?? 0);
        const perInterval = window / row.interval_ms;
        // At most one more than the window holds (a run at each end); far fewer than once per process.
        const ok = delta <= Math.floor(perInterval) + 1 && delta >= Math.floor(perInterval * 0.7) - 1;
        check(
          ok,
          `job ${row.job} once per interval across the fleet`,
          `${delta} runs in ${window} ms at one per ${row.interval_ms} ms (three processes each running it would be ~${Math.round(3 * perInterval)}), last by ${row.last_run_by}`,
        );
      }
    }

    // 6. SIGKILL one process under load: no failed request on the others.
    {
      const running = load(processes, slugs, 6);
      await sleep(1500);
      const before = await jobRuns(admin);
      a.child.kill('SIGKILL');
      const killedAt = Date.now();
      await sleep(3000);
      const result = await running.stop();
      const others = (result.failed.get(b.name) ?? 0) + (result.failed.get(c.name) ?? 0);
      check(
        others === 0,
        `SIGKILL of ${a.name} under load: no failed request on the others`,
        `${result.ok} article pages answered, failed: ${a.name} ${result.failed.get(a.name) ?? 0} (the killed one), ${b.name} ${result.failed.get(b.name) ?? 0}, ${c.name} ${result.failed.get(c.name) ?? 0}${result.firstErrors.length ? `; e.g. ${result.firstErrors.filter((e) => !e.startsWith(a.name))[0] ?? result.firstErrors[0]}` : ''}`,
      );
      // The jobs it may have led go on without it (the scheduler's interval is 1 s). Killed during a
      // run, it leaves that job's lease to run out first (10 s): waited for here, not failed.
      const scheduler = (rows: JobScheduleRow[]) => rows.find((r) => r.job === 'scheduler')!;
      let after = await jobRuns(admin);
      while (scheduler(after).runs < scheduler(before).runs + 2 && Date.now() - killedAt < 14_000) {
        await sleep(250);
        after = await jobRuns(admin);
      }
      check(
        scheduler(after).runs >= scheduler(before).runs + 2,
        'jobs go on after the kill',
        `scheduler runs ${scheduler(before).runs} → ${scheduler(after).runs} within ${Date.now() - killedAt} ms of the kill, last by ${scheduler(after).last_run_by}`,
      );
    }

    // 7. A stopped replica costs no more than the requests in flight to it.
    {
      const survivors = [b, c];
      const concurrency = 8;
      const running = load(survivors, slugs, concurrency);
      await sleep(1500);
      const inFlight = running.inFlight();
      replica.stop('fast');
      const stoppedAt = Date.now();
      await sleep(3000);
      const result = await running.stop();
      const failed = [...result.failed.values()].reduce((sum, n) => sum + n, 0);
      check(
        failed <= concurrency,
        'a stopped replica costs no more than the requests in flight to it',
        `${failed} failed of ${result.ok + failed} (${inFlight} in flight when the replica stopped, ${concurrency} at most); reads went on from the primary for ${Date.now() - stoppedAt} ms${result.firstErrors.length ? `; e.g. ${result.firstErrors[0]}` : ''}`,
      );
    }
    console.log(`cluster test finished in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    failures.push(`error: ${error instanceof Error ? error.stack : String(error)}`);
    console.error(error);
  } finally {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGTERM');
    await Promise.all(
      processes.map((p) =>
        p.child.exitCode === null && p.child.signalCode === null ? new Promise((resolve) => p.child.once('exit', resolve)) : null,
      ),
    );
    await replicaDb?.destroy().catch(() => undefined);
    await admin?.destroy().catch(() => undefined);
    replica?.remove();
    primary?.remove();
    if (failures.length > 0) {
      for (const p of processes) console.error(`--- ${p.name} log (last 40 lines) ---\n${p.log().split('\n').slice(-40).join('\n')}`);
    } else {
      fs.rmSync(logDir, { recursive: true, force: true });
    }
  }
  if (failures.length > 0) {
    console.error(`cluster test FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
}

/** kabar_job_runs_total{job} from every process's /metrics, summed over the fleet. */
async function scrapedJobRuns(processes: KabarProcess[]): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const process of processes) {
    const text = await (await fetch(`${process.url}/metrics`)).text();
    for (const match of text.matchAll(/^kabar_job_runs_total\{job="([^"]+)"\} (\d+)/gm)) {
      sums.set(match[1]!, (sums.get(match[1]!) ?? 0) + Number(match[2]));
    }
  }
  return sums;
}

/** Job rows as counted in job_schedule (the table every process claims runs in). */
async function jobRuns(db: Db): Promise<JobScheduleRow[]> {
  return readJobSchedule(db);
}

function createDatabaseOnce(url: string): Db {
  const db = createDatabase({ connectionString: url, poolSize: 1 });
  setTimeout(() => void db.destroy(), 2000).unref();
  return db;
}

void main();
