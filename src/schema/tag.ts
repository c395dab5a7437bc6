import { builder } from './builder';
import { ArticleRef, TagRef } from './refs';
import { ArticleConnection } from './connection';
import { connectionComplexity } from './arguments';
import { resolveArticleConnection } from './paging';
import { findTagBySlug } from '../content/taxonomy';

TagRef.implement({
  description: 'A topic tag, e.g. "Timnas Indonesia".',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL slug.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    articles: t.connection(
      {
        type: ArticleRef,
        description: 'Published articles with this tag, newest first (at most 100 a page).',
        complexity: connectionComplexity,
        resolve: (tag, args, ctx) => resolveArticleConnection(ctx, { tagId: tag.id }, args),
      },
      ArticleConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  tag: t.field({
    type: TagRef,
    nullable: true,
    description: 'One tag by slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'Tag slug.' }) },
    resolve: async (_root, args, ctx) => (await findTagBySlug(ctx.reader, args.slug)) ?? null,
  }),
}));
