import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/errors';

// What a client is told when something fails below GraphQL. A database that is away (restart,
// failover, outage) is not "not found": an answer of HTTP 200 with `article: null` makes a
// frontend show its not-found page for every article. Such failures become HTTP 503 with
// Retry-After, so frontends show a "try again" state and CDNs keep serving what they have.

/** Seconds a client is asked to wait before retrying after a database failure. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

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

/** Whether an execution failed because the database is away (what maskError turns into a 503). */
export function failedForDatabaseOutage(errors: readonly unknown[] | undefined): boolean {
  return (errors ?? []).some((error) => {
    if (error instanceof GraphQLError && error.extensions?.code === 'SERVICE_UNAVAILABLE') return true;
    return isDatabaseUnavailable(rootCause(error));
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
      extensions: {
        code: 'TIMEOUT',
        http: { status: 503, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS), 'cache-control': 'no-store' } },
      },
    });
  }
  return yogaMaskError(error, message, isDev);
}
