import { builder } from './builder';
import { ArticleRef } from './refs';
import { checkCount, listComplexity } from './arguments';
import { STORED_RELATED_PER_ARTICLE } from '../content/related';
import { relatedLoader } from '../content/loaders';

// Article.related lives here rather than in article.ts: it is its own feature (scoring, refresh).

/** Article.related's length when "first" is not given. */
const DEFAULT_RELATED = 5;

builder.objectField(ArticleRef, 'related', (t) =>
  t.field({
    type: [ArticleRef],
    description:
      "Artikel Terkait: editors' picks first, in their order, then articles ranked by shared tags (rarer tags weigh more), " +
      'same section, title similarity and closeness in time. Never the article itself, never unpublished articles.',
    args: {
      first: t.arg.int({ defaultValue: DEFAULT_RELATED, description: `How many, 0 to ${STORED_RELATED_PER_ARTICLE}.` }),
    },
    complexity: (args) => listComplexity(args.first, DEFAULT_RELATED, STORED_RELATED_PER_ARTICLE),
    resolve: (article, args, ctx) => {
      const limit = checkCount(args.first ?? DEFAULT_RELATED, { argument: 'first', field: 'related', max: STORED_RELATED_PER_ARTICLE });
      // Query.article may have read the list with the article and primed this loader with it.
      return limit === 0 ? [] : relatedLoader(ctx, limit).load(article.id);
    },
  }),
);
