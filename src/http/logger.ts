import { createLogger, type YogaLogger } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../db/errors';

// Yoga logs every error it masks, with its stack. While the database is away that is one stack
// trace per failed request (69 MB in 45 s in the outage probe of issue 15); the outage itself is
// reported once by the pool (src/db/database.ts). Such errors are counted here instead, and a
// summary line is written at most once a minute.

const SUMMARY_INTERVAL_MS = 60_000;

function rootCause(value: unknown): unknown {
  let current = value;
  for (let i = 0; i < 10 && current instanceof GraphQLError && current.originalError; i += 1) current = current.originalError;
  return current;
}

export function createYogaLogger(production: boolean, write: (message: string) => void = (message) => console.error(message)): YogaLogger {
  const base = createLogger(production ? 'warn' : 'info');
  let suppressed = 0;
  let lastSummaryAt = -Infinity;
  return {
    debug: (...args) => base.debug(...args),
    info: (...args) => base.info(...args),
    warn: (...args) => base.warn(...args),
    error: (...args) => {
      if (!args.some((arg) => isDatabaseUnavailable(rootCause(arg)))) {
        base.error(...args);
        return;
      }
      suppressed += 1;
      const now = Date.now();
      if (now - lastSummaryAt >= SUMMARY_INTERVAL_MS) {
        write(`[graphql] ${suppressed} request(s) answered 503 because the database is unavailable`);
        lastSummaryAt = now;
        suppressed = 0;
      }
    },
  };
}
