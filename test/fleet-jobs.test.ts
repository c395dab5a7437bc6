import { sql } from 'kysely';
import { useTestDatabase } from './helpers/app';
import { createDatabase, type Db } from '../src/db/database';
import { readJobSchedule, startFleetJob, type FleetJob, type JobRunInfo } from '../src/jobs/fleet';
import { TrendingStore } from '../src/trending/trending';

// Background jobs run once per interval across the fleet (src/jobs/fleet.ts): several "processes"
// (each its own pool and process id) poll the same job; one claims each run, runs never overlap,
// and when the one that ran stops, another takes over within an interval.

const database = useTestDatabase();
const pools: Db[] = [];
const jobs: FleetJob[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pool(): Db {
  const db = createDatabase({ connectionString: database.connectionString, poolSize: 3 });
  pools.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.stop()));
  await Promise.all(pools.splice(0).map((db) => db.destroy()));
});

describe('fleet jobs', () => {
  it('three processes run a job once per interval between them, never at the same time', async () => {
    let running = 0;
    let overlapped = false;
    const runs: string[] = [];
    const reported: Array<[string, JobRunInfo]> = [];
    for (const name of ['a', 'b', 'c']) {
      const job = startFleetJob(
        pool(),
        'test-once',
        400,
        async () => {
          running += 1;
          if (running > 1) overlapped = true;
          runs.push(name);
          await sleep(50);
          running -= 1;
        },
        { processId: name, pollMs: 50, onRun: (job, info) => reported.push([job, info]) },
      );
      jobs.push(job);
    }
    const started = Date.now();
    await sleep(2100);
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
    const elapsed = Date.now() - started;
    expect(overlapped).toBe(false);
    // One run at start, then one per 400 ms: about 6 in 2.1 s, never one per process and interval.
    expect(runs.length).toBeGreaterThanOrEqual(Math.floor(elapsed / 400) - 1);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsed / 400) + 1);
    expect(reported).toHaveLength(runs.length);
    expect(reported.every(([job, info]) => job === 'test-once' && info.ok && info.ledByThisProcess)).toBe(true);
    const row = (await readJobSchedule(database.db)).find((r) => r.job === 'test-once')!;
    expect(row.runs).toBe(runs.length);
    expect(row.last_run_by).toBe(runs[runs.length - 1]);
  });

  it('a run that outlasts its interval is not started again elsewhere until it ends', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    for (const name of ['a', 'b']) {
      jobs.push(
        startFleetJob(
          pool(),
          'test-long',
          100,
          async () => {
            running += 1;
            runs += 1;
            if (running > 1) overlapped = true;
            await sleep(450);
            running -= 1;
          },
          // The lease is renewed during the run: a third of the run's length would run out twice.
          { processId: name, pollMs: 30, leaseMs: 150 },
        ),
      );
    }
    await sleep(1200);
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
    expect(overlapped).toBe(false);
    expect(runs).toBeGreaterThanOrEqual(2);
    // Back to back at best: 0, 450, 900 ms (and one that may start as the test stops).
    expect(runs).toBeLessThanOrEqual(4);
  });

  it('when the process that ran the job goes away, another runs it within an interval', async () => {
    const ranBy: string[] = [];
    const first = startFleetJob(pool(), 'test-failover', 500, async () => void ranBy.push('first'), { processId: 'first', pollMs: 50 });
    expect(await first.runIfDue()).toBe(true);
    const second = startFleetJob(pool(), 'test-failover', 500, async () => void ranBy.push('second'), { processId: 'second', pollMs: 50 });
    jobs.push(second);
    // Not due yet: the second process does not run it.
    expect(await second.runIfDue()).toBe(false);
    await first.stop();
    const stoppedAt = Date.now();
    while (!ranBy.includes('second') && Date.now() - stoppedAt < 2000) await sleep(20);
    expect(ranBy.includes('second')).toBe(true);
    expect(Date.now() - stoppedAt).toBeLessThan(500 + 150);
  });

  it('a process that dies during a run leaves the job to the others once its lease runs out, not before', async () => {
    const doomed = pool();
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const leaseMs = 600;
    const started = new Promise<void>((resolve) => {
      void startFleetJob(
        doomed,
        'test-killed',
        60_000,
        async () => {
          resolve();
          await blocked;
        },
        { processId: 'doomed', pollMs: 60_000, leaseMs, log: () => undefined },
      ).runNow();
    });
    await started;
    // While it runs and renews its lease, nobody else runs the job, even long after leaseMs.
    let ranAt = 0;
    const survivor = startFleetJob(pool(), 'test-killed', 60_000, async () => void (ranAt = Date.now()), { processId: 'survivor', pollMs: 50 });
    jobs.push(survivor);
    await sleep(leaseMs * 2);
    expect(ranAt).toBe(0);
    // Its pool goes, as when its process dies: the lease is no longer renewed.
    pools.splice(pools.indexOf(doomed), 1);
    await doomed.destroy().catch(() => undefined);
    const diedAt = Date.now();
    while (!ranAt && Date.now() - diedAt < 3000) await sleep(20);
    expect(ranAt).toBeGreaterThan(0);
    expect(ranAt - diedAt).toBeLessThan(leaseMs + 400);
    release();
    await survivor.stop();
    const row = (await readJobSchedule(database.db)).find((r) => r.job === 'test-killed')!;
    expect(row).toMatchObject({ runs: 1, last_run_by: 'survivor' });
  });

  it('jobs hold no connection while their tasks run: several jobs on a pool of one all finish', async () => {
    const single = createDatabase({ connectionString: database.connectionString, poolSize: 1 });
    pools.push(single);
    const finished: string[] = [];
    const started = Date.now();
    await Promise.all(
      ['p', 'q', 'r'].map((name) => {
        const job = startFleetJob(
          single,
          `test-pool-${name}`,
          60_000,
          async () => {
            await sql`select pg_sleep(0.05)`.execute(single);
            finished.push(name);
          },
          { processId: name, pollMs: 60_000 },
        );
        jobs.push(job);
        return job.runNow();
      }),
    );
    expect(finished.sort()).toEqual(['p', 'q', 'r']);
    // Well under the pool's connection timeout: nobody waited for a connection held by a claim.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('shared Terpopuler lists', () => {
  it('one process computes, every process serves the same lists', async () => {
    const stores = [pool(), pool(), pool()].map((db) => new TrendingStore(db, { refreshIntervalMs: 60_000, shared: { loadIntervalMs: 100 } }));
    for (const store of stores) await store.start();
    try {
      const schedule = (await readJobSchedule(database.db)).find((r) => r.job === 'trending')!;
      expect(schedule.runs).toBe(1);
      const lists = await Promise.all(stores.map((store) => store.get('WEEK', null)));
      expect(lists[0]!.entries.length).toBeGreaterThan(0);
      for (const list of lists) expect(list).toEqual(lists[0]);
      // A new computation by one reaches the others on their next load.
      await stores[1]!.refresh(new Date(Date.now() + 1000));
      await sleep(300);
      const after = await Promise.all(stores.map((store) => store.get('DAY', null)));
      for (const list of after) expect(list.generatedAt.getTime()).toBe(after[1]!.generatedAt.getTime());
      expect(after[0]!.generatedAt.getTime()).toBeGreaterThan(lists[0]!.generatedAt.getTime());
    } finally {
      for (const store of stores) await store.stop();
    }
  });
});
