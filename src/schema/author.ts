import { builder } from './builder';
import { ArticleRef, AuthorRef } from './refs';
import { ArticleConnection } from './connection';
import { connectionComplexity } from './arguments';
import { resolveArticleConnection } from './paging';
import { findAuthorBySlug } from '../content/taxonomy';
import { absoluteUrl } from '../content/urls';

AuthorRef.implement({
  description: 'A journalist or contributor.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL slug.' }),
    name: t.exposeString('name', { description: 'Byline name.' }),
    bio: t.exposeString('bio', { nullable: true, description: 'Short biography.' }),
    avatarUrl: t.field({
      type: 'URL',
      nullable: true,
      description: "Absolute URL of the author's portrait.",
      resolve: (a, _args, ctx) => (a.avatar_url ? absoluteUrl(a.avatar_url, ctx.config.publicBaseUrl) : null),
    }),
    articles: t.connection(
      {
        type: ArticleRef,
        description: "The author's published articles, newest first (at most 100 a page).",
        complexity: connectionComplexity,
        resolve: (author, args, ctx) => resolveArticleConnection(ctx, { authorId: author.id }, args),
      },
      ArticleConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  author: t.field({
    type: AuthorRef,
    nullable: true,
    description: 'One author by slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'Author slug.' }) },
    resolve: async (_root, args, ctx) => (await findAuthorBySlug(ctx.reader, args.slug)) ?? null,
  }),
}));
