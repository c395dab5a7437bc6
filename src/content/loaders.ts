import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import type { Context } from '../context';
import { findVisibleArticleBodies, groupBy, type ArticleBody } from './articles';
import { listTagsOfArticles } from './taxonomy';
import type { TagRow } from '../db/types';

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

/** Tags of articles, each article's in editorial order; all articles of a request in one statement. */
export const articleTagsLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, TagRow[]>(async (articleIds) => {
      const byArticle = groupBy(await listTagsOfArticles(ctx.db, articleIds), (row) => row.article_id);
      return articleIds.map((id) => (byArticle.get(id) ?? []).map(({ article_id: _articleId, ...tag }) => tag));
    }),
);
