import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import type { Context } from '../context';
import { findVisibleArticleBodies, type ArticleBody } from './articles';

// Loaders for data that is not itself a GraphQL type (the node types load through their refs in
// src/schema/refs.ts). One instance per request context.

export const articleBodyLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, ArticleBody | null>(async (ids) => {
      const rows = await findVisibleArticleBodies(ctx.db, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);
