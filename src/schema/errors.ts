import { GraphQLError } from 'graphql';

// Errors a client caused. They are GraphQLErrors, so yoga shows their message instead of masking
// it; every message says what was wrong and what is allowed.
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}
