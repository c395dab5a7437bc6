import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import { builder } from './builder';
import { ArticleRef } from './refs';
import { badUserInput } from './errors';
import { listRelatedArticles, STORED_RELATED_PER_ARTICLE } from '../content/related';
import type { ArticleRecord, ArticleSummary } from '../content/articles';
import type { Context } from '../context';

// Article.related lives here rather than in article.ts: it is its own feature (scoring, refresh).

/** Per request, one loader per page size: aliases asking for different counts batch separately. */
const relatedLoaders = createContextCache(() => new Map<number, DataLoader<number, ArticleSummary[]>>());

function relatedLoader(ctx: Context, limit: number): DataLoader<number, ArticleSummary[]> {
  const loaders = relatedLoaders(ctx);
  let loader = loaders.get(limit);
  if (!loader) {
    loader = new DataLoader((articleIds: readonly number[]) => listRelatedArticles(ctx.reads, articleIds, limit));
    loaders.set(limit, loader);
  }
  return loader;
}

builder.objectField(ArticleRef, 'related', (t) =>
  t.field({
    type: [ArticleRef],
    description:
      'Artikel Terkait: editors\' picks first, in their order, then articles ranked by shared tags (rarer tags weigh more), ' +
      'same section, title similarity and closeness in time. Never the article itself, never unpublished articles.',
    args: {
      first: t.arg.int({ defaultValue: 5, description: `How many, 0 to ${STORED_RELATED_PER_ARTICLE}.` }),
    },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, Math.min(STORED_RELATED_PER_ARTICLE, args.first ?? 5)) }),
    resolve: (article, args, ctx) => {
      const limit = args.first ?? 5;
      if (!Number.isInteger(limit) || limit < 0 || limit > STORED_RELATED_PER_ARTICLE) {
        throw badUserInput(`"first" of "related" must be an integer from 0 to ${STORED_RELATED_PER_ARTICLE}; got ${limit}.`, { argument: 'first' });
      }
      if (limit === 0) return [];
      // Read along with the article by Query.article when the page asked for this many.
      const prefetched = (article as ArticleRecord).relatedPrefetched;
      if (prefetched?.limit === limit) return prefetched.articles;
      return relatedLoader(ctx, limit).load(article.id);
    },
  }),
);
