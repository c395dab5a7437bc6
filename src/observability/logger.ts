import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';

// Structured logs: one JSON object per line on stdout (pino), at the level LOG_LEVEL names. Every
// request writes one line (src/http/plugins/use-request-observation.ts); the service, the server
// and yoga write theirs through the same logger. Secrets never reach a line: strings are passed
// through redactSecrets() and the usual places of credentials in objects are censored.

export type { Logger };

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; stdout by default (written asynchronously, flushed on exit). Tests pass a stream. */
  destination?: DestinationStream;
}

const REDACTED = '[redacted]';

/**
 * Object paths censored in what is logged. Explicit paths only: wildcards ("*.password") made every
 * line cost about 10 µs more; text anywhere still goes through redactSecrets().
 */
const REDACT_PATHS = [
  'authorization',
  'password',
  'token',
  'connectionString',
  'databaseUrl',
  'headers.authorization',
  'headers.cookie',
  'headers["x-kabar-partner-key"]',
  'request.headers.authorization',
  'request.headers.cookie',
  'request.headers["x-kabar-partner-key"]',
  'config.databaseUrl',
  'config.redisUrl',
  'config.metricsToken',
];

// Credentials in free text: a URL's password (postgres://kabar:secret@db), a bearer token, and the
// values of query parameters that carry keys or tokens (?key=…, &token=…).
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s/]*@/gi;
const BEARER = /\b(bearer\s+)[^\s,;"']+/gi;
const SECRET_PARAMETER = /([?&](?:key|api_key|apikey|token|access_token|password|secret|signature|sig)=)[^&#\s"']*/gi;

/** `text` with passwords in URLs, bearer tokens and key/token query parameters replaced. */
export function redactSecrets(text: string): string {
  if (!text.includes('://') && !/bearer|[?&]/i.test(text)) return text;
  return text.replace(URL_PASSWORD, '$1***@').replace(BEARER, `$1${REDACTED}`).replace(SECRET_PARAMETER, `$1${REDACTED}`);
}

export function createLogger(options: LoggerOptions): Logger {
  if (options.level === 'silent' && !options.destination) return silentLogger();
  const destination = options.destination ?? pino.destination({ dest: 1, sync: false });
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: (error: unknown) => serialiseError(error) },
      hooks: {
        // Messages and string arguments may quote a connection string or a request URL.
        logMethod(args, method) {
          for (let i = 0; i < args.length; i += 1) {
            if (typeof args[i] === 'string') args[i] = redactSecrets(args[i] as string);
          }
          method.apply(this, args);
        },
      },
    },
    destination,
  );
}

/** A logger that writes nothing (apps and jobs made without one). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

function serialiseError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactSecrets(String(error)) };
  const code = (error as Error & { code?: unknown }).code;
  return {
    type: error.name,
    message: redactSecrets(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack ? redactSecrets(error.stack) : undefined,
  };
}

/** Longest X-Request-Id taken from a client; longer or stranger ones are replaced. */
const MAX_REQUEST_ID_LENGTH = 128;
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]+$/;

/** The client's X-Request-Id when it is sane (1–128 characters of a safe set), else a new UUID. */
export function requestIdOf(header: string | null): string {
  if (header && header.length <= MAX_REQUEST_ID_LENGTH && SANE_REQUEST_ID.test(header)) return header;
  return randomUUID();
}
