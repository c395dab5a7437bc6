import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';

// Fields whose answers belong to one person (staff data, previews) carry this extension. The cache
// policy gives any operation selecting one a TTL of 0 (never in the response cache), and
// use-private-answers marks its HTTP answer `Cache-Control: private, no-store`.

export const PRIVATE = { cache: 'private' } as const;

export function isPrivateField(field: GraphQLField<unknown, unknown> | null | undefined): boolean {
  return (field?.extensions as { cache?: string } | undefined)?.cache === 'private';
}

export function selectsPrivateField(schema: GraphQLSchema, document: DocumentNode): boolean {
  let found = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (isPrivateField(typeInfo.getFieldDef())) found = true;
      },
    }),
  );
  return found;
}
