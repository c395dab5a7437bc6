import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const INVALID_VARIABLE = /^Variable "\$(\w+)" got invalid value/;

/**
 * A variable that does not fit its type (an impossible DateTime, say) is the client's mistake like
 * any other bad input: such errors get `extensions.code = "BAD_USER_INPUT"` and the variable's name
 * in `extensions.field`, as the editorial contract asks.
 */
export function useInputErrorCodes(): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result || !result.errors?.some((e) => INVALID_VARIABLE.test(e.message))) return;
      setResult({
        ...result,
        errors: result.errors.map((error) => {
          const match = INVALID_VARIABLE.exec(error.message);
          if (!match || error.extensions?.code) return error;
          return new GraphQLError(error.message, {
            nodes: error.nodes,
            source: error.source,
            positions: error.positions,
            extensions: { ...error.extensions, code: 'BAD_USER_INPUT', field: match[1] },
          });
        }),
      });
    },
  };
}
