import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type GraphQLCompositeType,
  type SelectionSetNode,
} from 'graphql';

// The schema's field costs (plugin-complexity) price what a query returns: one point per field,
// lists and connections times their page size. Some fields cost database work out of proportion to
// what they return, and are priced here by what they run:
// - `totalCount` counts every match, not one page: a count over the articles index for a list, a
//   second full-text query for search. It runs once per connection, so unlike the connection's
//   children it is not multiplied by the page size, only by the lists around the connection.
// The full-text search itself is priced on the `search` field (src/schema/search.ts).
export const TOTAL_COUNT_COSTS = {
  ArticleConnection: 50,
  SearchConnection: 200,
} as const;
const totalCountCost = (typeName: string): number => (TOTAL_COUNT_COSTS as Record<string, number>)[typeName] ?? 0;

/** Page size assumed for a list whose size the query does not give (the schema's default page). */
const DEFAULT_LIST_SIZE = 10;
const MAX_LIST_SIZE = 100;

/**
 * Points the fields above add to an operation, each times the sizes of the lists it sits in.
 * Fragments are followed (each spread counts), so spreading a fragment 30 times costs 30 counts.
 */
export function databaseCostOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string | null,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation = null;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operation ??= definition;
  }
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const pageSize = (field: FieldNode): number => {
    const argument = field.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
    const value = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
    return typeof value === 'number' ? Math.max(1, Math.min(MAX_LIST_SIZE, value)) : DEFAULT_LIST_SIZE;
  };

  const walk = (type: GraphQLCompositeType, selections: SelectionSetNode, multiplier: number, depth: number, connectionPage: number): number => {
    // Depth is bounded by the query limits already; this guards fragment cycles, which validation refuses.
    if (depth > 64) return 0;
    let cost = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const on = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && on && 'name' in on) cost += walk(on as GraphQLCompositeType, fragment.selectionSet, multiplier, depth + 1, connectionPage);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on) cost += walk(on as GraphQLCompositeType, selection.selectionSet, multiplier, depth + 1, connectionPage);
        continue;
      }
      const name = selection.name.value;
      if (name === 'totalCount') cost += totalCountCost(type.name) * multiplier;
      if (!selection.selectionSet || !isObjectType(type)) continue;
      const field = type.getFields()[name];
      if (!field) continue;
      const returned = getNullableType(field.type);
      const child = getNamedType(returned) as GraphQLCompositeType;
      let childMultiplier = multiplier;
      let childPage = connectionPage;
      if (child.name.endsWith('Connection')) {
        // One connection object; its edges/nodes are the list, sized by the connection's arguments.
        childPage = pageSize(selection);
      } else if (isListType(returned)) {
        childMultiplier *= (name === 'edges' || name === 'nodes') && type.name.endsWith('Connection') ? connectionPage : pageSize(selection);
      }
      cost += walk(child, selection.selectionSet, childMultiplier, depth + 1, childPage);
    }
    return cost;
  };
  return walk(root, operation.selectionSet, 1, 0, DEFAULT_LIST_SIZE);
}
