import { inspect } from 'node:util';
import type { YogaLogger } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../db/errors';
import type { Logger } from '../observability/logger';

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

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Yoga's logger on the service's JSON logger (src/observability/logger.ts), with the outage summary above. */
export function createYogaLogger(logger: Logger): YogaLogger {
  const log = logger.child({ component: 'graphql' });
  const write =
    (level: Level) =>
    (...args: unknown[]) => {
      if (!log.isLevelEnabled(level)) return;
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const message = args
        .filter((arg) => arg !== error)
        .map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 3, breakLength: Infinity })))
        .join(' ');
      log[level](error ? { err: error } : {}, message || error?.message || '');
    };
  const error = write('error');
  let suppressed = 0;
  let lastSummaryAt = -Infinity;
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: (...args) => {
      if (!args.some((arg) => isDatabaseUnavailable(rootCause(arg)))) {
        error(...args);
        return;
      }
      suppressed += 1;
      const now = Date.now();
      if (now - lastSummaryAt >= SUMMARY_INTERVAL_MS) {
        log.error({ suppressed }, `[graphql] ${suppressed} request(s) answered 503 because the database is unavailable`);
        lastSummaryAt = now;
        suppressed = 0;
      }
    },
  };
}
