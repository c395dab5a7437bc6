import { GraphQLError } from 'graphql';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import type { Plugin } from 'graphql-yoga';

export interface QueryLimitsOptions {
  maxDepth: number;
  maxComplexity: number;
}

/**
 * Refuses an operation, before any resolver runs, when it nests deeper than `maxDepth` or costs
 * more than `maxComplexity`. Costs come from the schema's field annotations (plugin-complexity):
 * connections and lists multiply their children by the page size, so `first: 100` deep inside
 * another list is expensive.
 */
export function useQueryLimits(options: QueryLimitsOptions): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { depth, complexity } = complexityFromQuery(args.document, {
        schema: args.schema,
        variables: (args.variableValues ?? {}) as Record<string, unknown>,
        ctx: args.contextValue as object,
      });
      let error: GraphQLError | null = null;
      if (depth > options.maxDepth) {
        error = new GraphQLError(
          `Query is nested too deeply: depth ${depth} exceeds the limit of ${options.maxDepth}. Split it into several queries.`,
          { extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth: options.maxDepth } },
        );
      } else if (complexity > options.maxComplexity) {
        error = new GraphQLError(
          `Query is too expensive: cost ${complexity} exceeds the limit of ${options.maxComplexity}. Ask for smaller pages (first/last) or fewer nested lists.`,
          { extensions: { code: 'QUERY_TOO_COMPLEX', cost: complexity, maxCost: options.maxComplexity } },
        );
      }
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
