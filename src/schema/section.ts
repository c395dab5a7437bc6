import { builder } from './builder';
import { ArticleRef, SectionRef } from './refs';
import { ArticleConnection } from './connection';
import { MAX_PAGE_SIZE, checkCount, connectionComplexity, listComplexity } from './arguments';
import { resolveArticleConnection } from './paging';
import { findSectionBySlug, listSections } from '../content/taxonomy';
import { latestOfSectionLoader, sectionLoader } from '../content/loaders';

/** Section.latest's length when "first" is not given. */
const DEFAULT_SECTION_LATEST = 5;

SectionRef.implement({
  description: 'A section (rubrik) of the publication, such as Nasional or Olahraga.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL slug, e.g. "nasional".' }),
    name: t.exposeString('name', { description: 'Display name, e.g. "Nasional".' }),
    description: t.exposeString('description', { nullable: true, description: 'One-line description for the section page.' }),
    position: t.exposeInt('position', { description: 'Order in the site navigation, ascending.' }),
    parent: t.field({
      type: SectionRef,
      nullable: true,
      description: 'The parent section, for sub-sections.',
      resolve: (s, _args, ctx) => (s.parent_id === null ? null : sectionLoader(ctx).load(s.parent_id)),
    }),
    articles: t.connection(
      {
        type: ArticleRef,
        description: "The section's published articles, newest first (at most 100 a page).",
        complexity: connectionComplexity,
        resolve: (section, args, ctx) => resolveArticleConnection(ctx, { sectionId: section.id }, args),
      },
      ArticleConnection,
    ),
    latest: t.field({
      type: [ArticleRef],
      description: "The section's newest articles (for home-page blocks); loaded for all sections at once.",
      args: { first: t.arg.int({ defaultValue: DEFAULT_SECTION_LATEST, description: 'How many, 0 to 100.' }) },
      complexity: (args) => listComplexity(args.first, DEFAULT_SECTION_LATEST),
      resolve: (section, args, ctx) => {
        const limit = checkCount(args.first ?? DEFAULT_SECTION_LATEST, { argument: 'first', max: MAX_PAGE_SIZE });
        // One loader per length, so aliases with different "first" values do not share a batch.
        return limit === 0 ? [] : latestOfSectionLoader(ctx, limit).load(section.id);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  sections: t.field({
    type: [SectionRef],
    description: 'All sections in navigation order.',
    resolve: (_root, _args, ctx) => listSections(ctx.reader),
  }),
  section: t.field({
    type: SectionRef,
    nullable: true,
    description: 'One section by slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'Section slug, e.g. "nasional".' }) },
    resolve: async (_root, args, ctx) => (await findSectionBySlug(ctx.reader, args.slug)) ?? null,
  }),
}));
