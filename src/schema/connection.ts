import { builder } from './builder';
import { ArticleRef } from './refs';
import { countArticles } from '../content/articles';
import type { ArticleConnectionShape } from './paging';

// The ArticleConnection type; paging itself (arguments, keyset pages) is in ./paging.ts.

export const ArticleConnection = builder.connectionObject(
  {
    type: ArticleRef,
    name: 'ArticleConnection',
    description: 'A page of articles, newest first, with cursors for keyset paging.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many articles match the filters in all pages (counted only when requested).',
        resolve: (connection, _args, ctx) => countArticles(ctx.reader, (connection as unknown as ArticleConnectionShape).filter),
      }),
    }),
  },
  { name: 'ArticleEdge', description: 'An article and its position in the list.' },
);
