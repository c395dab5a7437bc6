import type { GraphQLError } from 'graphql';

/**
 * GraphQL Armor refuses with a message but no `extensions.code`, and clients branch on codes. Its
 * `onReject` handlers see each refusal before it is reported: this one adds the code and makes the
 * answer an HTTP 400.
 */
export function labelRefusal(code: string): (context: unknown, error: GraphQLError) => void {
  return (_context, error) => {
    const extensions = error.extensions as Record<string, unknown>;
    if (extensions.code === undefined) {
      extensions.code = code;
      extensions.http = { status: 400 };
    }
  };
}
