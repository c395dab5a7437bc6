// A task that runs every `intervalMs` in the background, never twice at once, and whose stop()
// waits for a run in progress: shutdown must not cut a flush or a refresh in half.

export interface PeriodicTask {
  /** Runs the task now (waiting for a run in progress first). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Hears about every run of a periodic task (src/observability/metrics.ts counts them). */
export interface JobObserver {
  /** A run of `job` finished in this process, successfully or not. */
  jobRan(job: string, outcome: { durationMs: number; ok: boolean }): void;
  /** Whether this process led the latest run of `job` (false: another process of the fleet did). */
  jobLed?(job: string, leader: boolean): void;
}

let defaultObserver: JobObserver | undefined;

/**
 * The observer of every task started without one of its own (the service sets it once, so the view
 * flush, trending and scheduler are counted too). Returns a function that removes it again.
 */
export function observeJobs(observer: JobObserver | undefined): () => void {
  defaultObserver = observer;
  return () => {
    if (defaultObserver === observer) defaultObserver = undefined;
  };
}

export function startPeriodic(
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
  log: (message: string) => void = console.error,
  observer?: JobObserver,
): PeriodicTask {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = running.then(async () => {
      const startedAt = performance.now();
      let ok = true;
      try {
        await task();
      } catch (error) {
        ok = false;
        log(`[${name}] failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      try {
        (observer ?? defaultObserver)?.jobRan(name, { durationMs: performance.now() - startedAt, ok });
      } catch {
        // A failing observer must not stop the task's later runs.
      }
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void run();
  }, intervalMs);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
