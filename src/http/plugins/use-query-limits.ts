import { GraphQLError, type DocumentNode } from 'graphql';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import type { Plugin } from 'graphql-yoga';
import { databaseCostOf } from '../query-cost';

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
const costs = new WeakMap<object, number>();

/** The cost useQueryLimits measured for the operation of this context (for the rate limits). */
export function operationCost(context: unknown): number | undefined {
  return typeof context === 'object' && context !== null ? costs.get(context) : undefined;
}

export function useQueryLimits(options: QueryLimitsOptions): Plugin {
  // Clients send the same few documents with different variables, and every cost function in the
  // schema reads page sizes only (numbers): the measurement is kept per document and numeric
  // variables, so an article page costs one walk of its document, not one per request.
  const measured = new WeakMap<DocumentNode, Map<string, { depth: number; complexity: number }>>();
  const limits: Plugin = {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      let byVariables = measured.get(args.document);
      if (!byVariables) {
        byVariables = new Map();
        measured.set(args.document, byVariables);
      }
      const key = `${args.operationName ?? ''}|${numericKey(variables)}`;
      let measurement = byVariables.get(key);
      if (!measurement) {
        const fields = complexityFromQuery(args.document, { schema: args.schema, variables, ctx: args.contextValue as object });
        // Field costs price what is returned; counts are priced by the database work they do.
        measurement = {
          depth: fields.depth,
          complexity: fields.complexity + databaseCostOf(args.schema, args.document, variables, args.operationName),
        };
        if (byVariables.size < 100) byVariables.set(key, measurement);
      }
      const { depth, complexity } = measurement;
      if (typeof args.contextValue === 'object' && args.contextValue !== null) costs.set(args.contextValue, complexity);
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
  // A subscription is measured once, when it starts: its events repeat the same selection.
  limits.onSubscribe = async (payload) => {
    await limits.onExecute!(payload as unknown as Parameters<NonNullable<Plugin['onExecute']>>[0]);
  };
  return limits;
}

/** The numeric variables (page sizes), in a stable order; strings and the like cannot change a cost. */
function numericKey(variables: Record<string, unknown>): string {
  let key = '';
  for (const name of Object.keys(variables).sort()) {
    const value = variables[name];
    if (typeof value === 'number') key += `${name}=${value};`;
    else if (value !== null && typeof value === 'object') key += `${name}=${JSON.stringify(value)};`;
  }
  return key;
}
