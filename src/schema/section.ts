import { builder } from './builder';
import { ArticleRef, SectionRef } from './refs';
import { ArticleConnection, MAX_PAGE_SIZE, connectionComplexity, resolveArticleConnection } from './connection';
import { checkListSize } from './article';
import { findSectionBySlug, listSections } from '../content/taxonomy';
import { listLatestArticlesBySection } from '../content/articles';

SectionRef.implement({
  description: 'A section (rubrik) of the publication, such as Nasional or Olahraga.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL slug, e.g. "nasional".' }),
    name: t.exposeString('name', { description: 'Display name, e.g. "Nasional".' }),
    description: t.exposeString('description', { nullable: true, description: 'One-line description for the section page.' }),
    position: t.exposeInt('position', { description: 'Order in the site navigation, ascending.' }),
    parent: t.field({ type: SectionRef, nullable: true, description: 'The parent section, for sub-sections.', resolve: (s) => s.parent_id }),
    articles: t.connection(
      {
        type: ArticleRef,
        description: 'The section\'s published articles, newest first (at most 100 a page).',
        complexity: connectionComplexity,
        resolve: (section, args, ctx) => resolveArticleConnection(ctx, { sectionId: section.id }, args),
      },
      ArticleConnection,
    ),
    latest: t.loadableList({
      type: ArticleRef,
      description: 'The section\'s newest articles (for home-page blocks); loaded for all sections at once.',
      args: { first: t.arg.int({ defaultValue: 5, description: 'How many, 0 to 100.' }) },
      complexity: (args) => ({ field: 1, multiplier: Math.max(1, Math.min(MAX_PAGE_SIZE, args.first ?? 5)) }),
      // One loader per field path, so aliases with different "first" values do not share a batch.
      byPath: true,
      load: async (sectionIds: number[], ctx, args) => {
        const limit = checkListSize('first', args.first ?? 5);
        const bySection = limit === 0 ? new Map() : await listLatestArticlesBySection(ctx.reads, sectionIds, limit);
        return sectionIds.map((id) => bySection.get(id) ?? []);
      },
      resolve: (section) => section.id,
    }),
  }),
});

builder.queryFields((t) => ({
  sections: t.field({
    type: [SectionRef],
    description: 'All sections in navigation order.',
    resolve: (_root, _args, ctx) => listSections(ctx.reads),
  }),
  section: t.field({
    type: SectionRef,
    nullable: true,
    description: 'One section by slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'Section slug, e.g. "nasional".' }) },
    resolve: async (_root, args, ctx) => (await findSectionBySlug(ctx.reads, args.slug)) ?? null,
  }),
}));
