import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { PeriodicTask } from './periodic';

// Background jobs run once per interval across the fleet, not once per process.
//
// Every process polls each job's row in job_schedule (db/migrations/…_fleet.ts, …_job_leases.ts) a
// few times per interval. A poll claims the run with one UPDATE … WHERE next_run_at <= now() AND the
// lease is free, RETURNING: the row lock makes concurrent claimers wait for the first and then find
// the lease taken, so only one process claims a run. The claim sets a lease (lease_until); the
// claiming process runs the task, pushes the lease forward every leaseMs / 3 while it runs, so a run
// longer than the interval is never started twice, and when the run ends releases the lease and
// sets next_run_at one interval after the run's start.
//
// Whoever is due claims: there is no leader to elect. When a process dies during a run, its lease
// stops being renewed, the job is still due, and the next poll after lease_until (leaseMs, 10 s by
// default) of any process runs it again; a process that stops cleanly waits for its run to end. No connection or transaction is held
// while a task runs (an earlier design held its claim transaction open: a few jobs starting together
// took every connection of a small pool while their tasks waited for one), and nothing here needs a
// session, so it works through PgBouncer in transaction mode.
//
// Scheduled publishing (src/editorial/scheduler.ts) runs through this too, and additionally claims
// each due article with FOR UPDATE SKIP LOCKED, so a row is published once even if two runs met (a
// start-up run, or a run after a lease was lost to a stalled process).

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
  /**
   * How long a claimed run keeps others off without being renewed (renewed every leaseMs / 3 while it
   * runs): how soon the job goes on elsewhere when the process running it dies. 10 s by default.
   */
  leaseMs?: number;
  processId?: string;
  onRun?: JobRunObserver;
  log?: (message: string) => void;
}

export interface FleetJob extends PeriodicTask {
  /** Runs the task here and now if the job is due and no other process is running it; true if it ran. */
  runIfDue(): Promise<boolean>;
}

const DEFAULT_LEASE_MS = 10_000;

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

  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const leaseSeconds = leaseMs / 1000;

  let lastRan = false;
  const runIfDue = async (): Promise<boolean> => {
    await register();
    const token = randomBytes(9).toString('base64url');
    const claim = await sql<{ job: string }>`
      update job_schedule
         set interval_ms = ${intervalMs}, last_run_by = ${processId}, last_started_at = now(),
             lease_until = now() + make_interval(secs => ${leaseSeconds}), lease_token = ${token}
       where job = ${job} and next_run_at <= now() and (lease_until is null or lease_until < now())
      returning job`.execute(db);
    if (claim.rows.length === 0) {
      lastRan = false;
      return false;
    }
    const started = Date.now();
    // A renewal that finds the lease gone means another process took the job over (this one stalled
    // for longer than the lease): the run finishes, but the overlap is said.
    let lost = false;
    const renewal = setInterval(
      () => {
        sql<{ job: string }>`
        update job_schedule set lease_until = now() + make_interval(secs => ${leaseSeconds})
         where job = ${job} and lease_token = ${token}
        returning job`
          .execute(db)
          .then((result) => {
            if (result.rows.length === 0 && !lost) {
              lost = true;
              log(`[${job}] this run's lease was taken over by another process after ${Date.now() - started} ms`);
            }
          })
          .catch((error: unknown) => log(`[${job}] renewing the lease failed: ${error instanceof Error ? error.message : String(error)}`));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    renewal.unref();
    let ok = true;
    try {
      await task();
    } catch (error) {
      ok = false;
      log(`[${job}] failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearInterval(renewal);
    }
    try {
      await sql`
        update job_schedule
           set runs = runs + 1, failures = failures + ${ok ? 0 : 1}, last_ok = ${ok},
               last_finished_at = clock_timestamp(), last_duration_ms = ${Date.now() - started},
               next_run_at = case
                 when lease_token is distinct from ${token} then next_run_at
                 -- made due (markJobDue) during the run: the mark stands
                 when next_run_at > last_started_at then next_run_at
                 else last_started_at + make_interval(secs => ${intervalMs / 1000}) end,
               lease_until = case when lease_token = ${token} then null else lease_until end,
               lease_token = case when lease_token = ${token} then null else lease_token end
         where job = ${job}`.execute(db);
    } finally {
      options.onRun?.(job, { durationMs: Date.now() - started, ok, ledByThisProcess: true });
      lastRan = true;
    }
    return true;
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
