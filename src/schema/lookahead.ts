import { Kind, getArgumentValues, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { STORED_RELATED_PER_ARTICLE } from '../content/related';

// Looking ahead at what the children of a field will ask, so that the field's one read can fetch
// it too. The read's result goes to the loaders (src/content/loaders.ts), where the children find
// it; a child never knows whether its data was read ahead.

/**
 * The length of Article.related under the article being resolved, when every selection of it asks
 * for the same, storable length (the usual article page: one `related(first: 5)`); undefined
 * otherwise, and the related loader reads the list on its own.
 */
export function relatedLimitAhead(info: GraphQLResolveInfo): number | undefined {
  const selections = argumentsOfChildField(info, 'related');
  const limits = new Set(selections?.map((args) => args.first));
  const [limit] = limits;
  if (limits.size !== 1 || typeof limit !== 'number') return undefined;
  return Number.isInteger(limit) && limit >= 1 && limit <= STORED_RELATED_PER_ARTICLE ? limit : undefined;
}

/**
 * The arguments of every selection of `fieldName` directly under the field being resolved (through
 * fragments and inline fragments), so a resolver can read what its children will need in the same
 * statement. Null when it cannot be told for sure (a selection under @skip or @include); resolvers
 * then read the plain way.
 */
function argumentsOfChildField(info: GraphQLResolveInfo, fieldName: string): Record<string, unknown>[] | null {
  const type = info.schema.getType(typeNameOf(info));
  const field = type && 'getFields' in type ? (type.getFields() as Record<string, Parameters<typeof getArgumentValues>[0]>)[fieldName] : undefined;
  if (!field) return [];
  const found: Record<string, unknown>[] = [];
  const seenFragments = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): boolean => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === fieldName) found.push(getArgumentValues(field, selection, info.variableValues));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(selection.selectionSet)) return false;
      } else {
        const name = selection.name.value;
        if (seenFragments.has(name)) continue;
        seenFragments.add(name);
        if (!visit(info.fragments[name]?.selectionSet)) return false;
      }
    }
    return true;
  };
  for (const node of info.fieldNodes) if (!visit(node.selectionSet)) return null;
  return found;
}

function typeNameOf(info: GraphQLResolveInfo): string {
  let type = info.returnType;
  while ('ofType' in type) type = type.ofType;
  return type.name;
}
