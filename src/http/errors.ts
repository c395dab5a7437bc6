import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';

// What a client is told when something fails below GraphQL. A database that is away (restart,
// failover, outage) is not "not found": an answer of HTTP 200 with `article: null` makes a
// frontend show its not-found page for every article. Such failures become HTTP 503 with
// Retry-After, so frontends show a "try again" state and CDNs keep serving what they have.

/** Seconds a client is asked to wait before retrying after a database failure. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Node system errors of a connection that cannot be made or was cut. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg-pool and pg messages for connections lost or not obtained in time. */
const CONNECTION_ERROR_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection timeout/i;

/** True when `error` says the database could not be reached or dropped the connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: errors made by Node's own modules may come from another realm (test runners,
  // vm contexts), where `instanceof Error` is false.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (CONNECTION_ERROR_CODES.has(code)) return true;
    // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now),
    // 53300 (too many connections).
    if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
  }
  // Node's "happy eyeballs" connect reports every address it tried in one AggregateError.
  if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true;
  return typeof message === 'string' && CONNECTION_ERROR_MESSAGE.test(message);
}

/** True when PostgreSQL cancelled a statement that ran past statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '57014';
}

function rootCause(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 10 && current instanceof GraphQLError && current.originalError; i += 1) current = current.originalError;
  return current;
}

export function databaseUnavailableError(path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(`The database is unavailable at the moment; please retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`, {
    path,
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      http: { status: 503, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS), 'cache-control': 'no-store' } },
    },
  });
}

/**
 * Yoga's error masking, plus: database outages → 503 SERVICE_UNAVAILABLE, statements cut by the
 * statement timeout → 503 TIMEOUT. Everything else unexpected stays "Unexpected error." (a 500 when
 * there is no data), and errors raised on purpose keep their message.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const cause = rootCause(error);
  const path = error instanceof GraphQLError ? error.path : undefined;
  if (isDatabaseUnavailable(cause)) return databaseUnavailableError(path);
  if (isStatementTimeout(cause)) {
    return new GraphQLError('The request took too long and was stopped; ask for less (smaller pages, fewer fields) or retry later.', {
      path,
      extensions: { code: 'TIMEOUT', http: { status: 503, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS), 'cache-control': 'no-store' } } },
    });
  }
  return yogaMaskError(error, message, isDev);
}
