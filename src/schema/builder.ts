import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ComplexityPlugin from '@pothos/plugin-complexity';
import { DateTimeResolver, URLResolver, NonNegativeIntResolver, PositiveIntResolver } from 'graphql-scalars';
import type { Context } from '../context';

// The builder with its plugins and scalars. Types live in their own files (see index.ts).
export const builder = new SchemaBuilder<{
  Context: Context;
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
  plugins: [RelayPlugin, DataloaderPlugin, ComplexityPlugin],
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
builder.addScalarType('URL', URLResolver);
builder.addScalarType('NonNegativeInt', NonNegativeIntResolver);
builder.addScalarType('PositiveInt', PositiveIntResolver);

builder.queryType({ description: 'Public, read-only access to published content.' });
