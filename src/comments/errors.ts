import { GraphQLError } from 'graphql';

// Error codes of the comments contract (operations/comments/README.md) beyond the editorial ones.

export function rateLimited(retryAfterSeconds: number, what: 'comments' | 'reports'): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new GraphQLError(`Too many ${what} from this client or e-mail address: try again in ${seconds} second(s).`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds },
  });
}

export function commentsClosed(why: string): GraphQLError {
  return new GraphQLError(`Comments on this article are closed (${why}); nothing was posted.`, { extensions: { code: 'COMMENTS_CLOSED' } });
}

export function secondsUntil(since: Date, windowSeconds: number, now = Date.now()): number {
  return (since.getTime() + windowSeconds * 1000 - now) / 1000;
}
