// A task that runs every `intervalMs` in the background, never twice at once, and whose stop()
// waits for a run in progress: shutdown must not cut a flush or a refresh in half.

export interface PeriodicTask {
  /** Runs the task now (waiting for a run in progress first). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startPeriodic(
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
  log: (message: string) => void = console.error,
): PeriodicTask {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = running.then(async () => {
      try {
        await task();
      } catch (error) {
        log(`[${name}] failed: ${error instanceof Error ? error.message : String(error)}`);
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
