import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { PeriodicTask } from './periodic';

// Background jobs run once per interval across the fleet, not once per process.
//
// Every process polls each job's row in job_schedule (db/migrations/…_fleet.ts) a few times per
// interval. A poll opens a transaction and
//   1. takes a transaction-level advisory lock for the job, without waiting
//      (pg_try_advisory_xact_lock): a run in progress elsewhere keeps it, so runs never overlap,
//      however long one takes;
//   2. claims the run: UPDATE … SET next_run_at = now() + interval … WHERE next_run_at <= now():
//      only a due job is claimed, and only by one process;
//   3. runs the task (on other pool connections), records the outcome and commits.
// Whoever is due claims: there is no leader to elect, and when a process dies its transaction is
// rolled back by PostgreSQL, the lock goes with it, the claim is undone, and the next poll of any
// other process runs the job, within one interval. Transaction-level locks work through PgBouncer
// in transaction mode; session locks would not.
//
// Scheduled publishing (src/editorial/scheduler.ts) runs through this too, and additionally claims
// each due article with FOR UPDATE SKIP LOCKED, so a row is published once even if two runs met.

/** Identifies this process in job_schedule.last_run_by: host, pid and a random part. */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export interface JobRunInfo {
  durationMs: number;
  ok: boolean;
  /** Always true when the hook is called: only the process that claimed a run reports it. */
  ledByThisProcess: boolean;
}

/** Called after every run this process claimed (metrics hook: kabar_job_runs_total{job} etc.). */
export type JobRunObserver = (job: string, info: JobRunInfo) => void;

export interface FleetJobOptions {
  /** How often this process looks whether the job is due; intervalMs / 4 by default (at least 100 ms). */
  pollMs?: number;
  processId?: string;
  onRun?: JobRunObserver;
  log?: (message: string) => void;
}

export interface FleetJob extends PeriodicTask {
  /** Runs the task here and now if the job is due and no other process is running it; true if it ran. */
  runIfDue(): Promise<boolean>;
}

/** The first key of the two-key advisory lock; the second is hashtext(job). */
const LOCK_NAMESPACE = 'kabar.job';

/**
 * Runs `task` at most once per `intervalMs` across every process sharing the database (see above).
 * `runNow()` and the timer claim the run first; stop() waits for a run in progress.
 */
export function startFleetJob(db: Db, job: string, intervalMs: number, task: () => Promise<unknown>, options: FleetJobOptions = {}): FleetJob {
  const processId = options.processId ?? PROCESS_ID;
  const log = options.log ?? console.error;
  const pollMs = options.pollMs ?? Math.max(100, Math.floor(intervalMs / 4));
  // "do nothing" takes no row lock, so it never waits for a run in progress elsewhere.
  let registered: Promise<void> | null = null;
  const register = () =>
    (registered ??= sql`insert into job_schedule (job, interval_ms) values (${job}, ${intervalMs})
      on conflict (job) do nothing`
      .execute(db)
      .then(() => undefined)
      .catch((error: unknown) => {
        registered = null;
        throw error;
      }));

  let lastRan = false;
  const runIfDue = async (): Promise<boolean> => {
    await register();
    const started = Date.now();
    let claimed = false;
    let ok = true;
    try {
      await db.transaction().execute(async (trx) => {
        const lock = await sql<{
          locked: boolean;
        }>`select pg_try_advisory_xact_lock(hashtext(${LOCK_NAMESPACE}), hashtext(${job})) as locked`.execute(trx);
        if (!lock.rows[0]?.locked) return;
        const claim = await sql<{ job: string }>`
          update job_schedule
             set next_run_at = now() + make_interval(secs => ${intervalMs / 1000}),
                 interval_ms = ${intervalMs}, last_run_by = ${processId}, last_started_at = now()
           where job = ${job} and next_run_at <= now()
          returning job`.execute(trx);
        if (claim.rows.length === 0) return;
        claimed = true;
        try {
          await task();
        } catch (error) {
          ok = false;
          log(`[${job}] failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        await sql`
          update job_schedule
             set runs = runs + 1, failures = failures + ${ok ? 0 : 1}, last_ok = ${ok},
                 last_finished_at = clock_timestamp(), last_duration_ms = ${Date.now() - started}
           where job = ${job}`.execute(trx);
      });
    } finally {
      if (claimed) options.onRun?.(job, { durationMs: Date.now() - started, ok, ledByThisProcess: true });
    }
    lastRan = claimed;
    return claimed;
  };

  // Like startPeriodic (never two runs at once here; stop() waits for a run in progress), except that
  // a poll is skipped, not queued, while one is pending: a run longer than the poll interval must not
  // leave a queue of polls behind it.
  let running: Promise<void> = Promise.resolve();
  let pending = 0;
  let stopped = false;
  const run = () => {
    pending += 1;
    running = running.then(async () => {
      try {
        await runIfDue();
      } catch (error) {
        lastRan = false;
        log(`[${job}] failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        pending -= 1;
      }
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped && pending === 0) void run();
  }, pollMs);
  timer.unref();
  return {
    runIfDue: async () => {
      await run();
      return lastRan;
    },
    runNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

export interface JobScheduleRow {
  job: string;
  interval_ms: number;
  next_run_at: Date;
  runs: number;
  failures: number;
  last_run_by: string | null;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_duration_ms: number | null;
  last_ok: boolean | null;
}

/** Every job's row: how often it ran across the fleet, who ran it last, how it went. */
export async function readJobSchedule(db: Db): Promise<JobScheduleRow[]> {
  const result = await sql<JobScheduleRow>`select * from job_schedule order by job`.execute(db);
  return result.rows;
}

/** Makes `job` due at once: whichever process polls next (or starts next) runs it. */
export async function markJobDue(db: Db, job: string): Promise<void> {
  await sql`update job_schedule set next_run_at = now() where job = ${job}`.execute(db);
}
