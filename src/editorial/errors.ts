import { GraphQLError } from 'graphql';
import { badUserInput } from '../schema/errors';

// The error codes of the editorial contract (operations/editorial/README.md). Every message says
// what was wrong and what to do; none says whether an e-mail address has an account.

export { badUserInput };

export function unauthenticated(message = 'Sign in first: send "Authorization: Bearer <token>" with a token from signIn.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

export function versionConflict(currentVersion: number, expectedVersion: number): GraphQLError {
  return new GraphQLError(
    `Someone saved this article first: it is at version ${currentVersion}, not ${expectedVersion}. Reload it, reapply your change and save with expectedVersion ${currentVersion}.`,
    { extensions: { code: 'VERSION_CONFLICT', currentVersion } },
  );
}

export function tooManyAttempts(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `Too many failed sign-ins: signing in is locked for ${Math.ceil(retryAfterSeconds / 60)} minute(s). Try again later or ask an admin to reset the password.`,
    { extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds } },
  );
}

/** A bad field of an input object: the message and `extensions.field` name it. */
export function badField(field: string, problem: string): GraphQLError {
  return badUserInput(`"${field}" ${problem}`, { field });
}
