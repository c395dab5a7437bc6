import { builder } from './builder';
import { ArticleRef } from './refs';
import { badUserInput } from './errors';
import { listRelatedArticles, STORED_RELATED_PER_ARTICLE } from '../content/related';

// Article.related lives here rather than in article.ts: it is its own feature (scoring, refresh).
builder.objectField(ArticleRef, 'related', (t) =>
  t.loadableList({
    type: ArticleRef,
    description:
      'Artikel Terkait: editors\' picks first, in their order, then articles ranked by shared tags (rarer tags weigh more), ' +
      'same section, title similarity and closeness in time. Never the article itself, never unpublished articles.',
    args: {
      first: t.arg.int({ defaultValue: 5, description: `How many, 0 to ${STORED_RELATED_PER_ARTICLE}.` }),
    },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, Math.min(STORED_RELATED_PER_ARTICLE, args.first ?? 5)) }),
    // One loader per field path: aliases asking for different counts batch separately.
    byPath: true,
    load: async (articleIds: number[], ctx, args) => {
      const limit = args.first ?? 5;
      if (!Number.isInteger(limit) || limit < 0 || limit > STORED_RELATED_PER_ARTICLE) {
        throw badUserInput(`"first" of "related" must be an integer from 0 to ${STORED_RELATED_PER_ARTICLE}; got ${limit}.`, { argument: 'first' });
      }
      return limit === 0 ? articleIds.map(() => []) : listRelatedArticles(ctx.reads, articleIds, limit);
    },
    resolve: (article) => article.id,
  }),
);
