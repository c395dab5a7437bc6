import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { DateTimeResolver, URLResolver, NonNegativeIntResolver, PositiveIntResolver } from 'graphql-scalars';
import { GraphQLScalarType } from 'graphql';
import type { Context } from '../context';
import { authScopesOf, scopeAuthError, type AuthScopes } from '../editorial/scopes';

/**
 * URLResolver normalises every URL it sends through WHATWG URL parsing, about 30 of them per article
 * page. The same article and image URLs come back request after request, so their normal form is
 * remembered (up to a few thousand; then it starts over).
 */
/** How many normalised URLs are remembered before starting over. */
const REMEMBERED_URLS = 5000;

function withRememberedSerialization(scalar: GraphQLScalarType): GraphQLScalarType {
  const serialize = scalar.serialize.bind(scalar);
  const remembered = new Map<string, unknown>();
  return new GraphQLScalarType({
    ...scalar.toConfig(),
    serialize(value) {
      if (typeof value !== 'string') return serialize(value);
      let normal = remembered.get(value);
      if (normal === undefined) {
        normal = serialize(value);
        if (remembered.size >= REMEMBERED_URLS) remembered.clear();
        remembered.set(value, normal);
      }
      return normal;
    },
  });
}

// The builder with its plugins and scalars. Types live in their own files (see index.ts).
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    DateTime: { Input: Date; Output: Date };
    URL: { Input: URL; Output: string };
    NonNegativeInt: { Input: number; Output: number };
    PositiveInt: { Input: number; Output: number };
  };
}>({
  // Scope-auth first, so that it wraps every other plugin's resolvers.
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin, ComplexityPlugin],
  // Who may do what on the writing side: the rules live in src/editorial/policy.ts.
  scopeAuth: {
    authScopes: authScopesOf,
    unauthorizedError: scopeAuthError,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // The connection field already multiplies by the page size; edges must not multiply again.
    edgesFieldOptions: { nullable: false, complexity: { field: 0, multiplier: 1 } },
    nodeFieldOptions: { nullable: false },
    nodeQueryOptions: {
      description: 'Fetches any object by its global id. Unknown or hidden objects resolve to null.',
    },
    nodesQueryOptions: {
      description: 'Fetches up to 100 objects by their global ids, in order; unknown ones are null.',
    },
  },
  complexity: {
    // Limits are enforced once per operation by src/http/plugins/use-query-limits.ts; the plugin
    // contributes the per-field costs (connections and lists multiply by their page size).
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('URL', withRememberedSerialization(URLResolver));
builder.addScalarType('NonNegativeInt', NonNegativeIntResolver);
builder.addScalarType('PositiveInt', PositiveIntResolver);

builder.queryType({ description: 'Public, read-only access to published content.' });
