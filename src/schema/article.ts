import { builder } from './builder';
import { ArticleRef, AuthorRef, SectionRef, TagRef } from './refs';
import { Block, ImageBlock, type ImageShape } from './blocks';
import { ShareLinksRef } from './share-links';
import { ArticleConnection, MAX_PAGE_SIZE, connectionComplexity, resolveArticleConnection } from './connection';
import { badUserInput } from './errors';
import { findVisibleArticle, listLatestArticles, type ArticleFilter, type ArticleRecord } from '../content/articles';
import { findAuthorBySlug, findSectionBySlug, findTagBySlug, listSections } from '../content/taxonomy';
import { insertAdSlots, readingTimeMinutes } from '../content/body';
import { articleUrl, shareLinks } from '../content/urls';
import { articleBodyLoader, articleTagsLoader } from '../content/loaders';
import { findVisibleArticleWithRelated, STORED_RELATED_PER_ARTICLE } from '../content/related';
import { argumentsOfChildField } from './lookahead';
import type { Context } from '../context';

async function articleBody(article: ArticleRecord, ctx: Context) {
  if (article.body_html !== undefined && article.blocks !== undefined) {
    return { body_html: article.body_html, blocks: article.blocks };
  }
  const body = await articleBodyLoader(ctx).load(article.id);
  return body ?? { body_html: '', blocks: [] };
}

function heroImage(article: ArticleRecord): (ImageShape & { type: 'image' }) | null {
  if (!article.hero_image_url) return null;
  return {
    type: 'image',
    url: article.hero_image_url,
    width: article.hero_image_width,
    height: article.hero_image_height,
    caption: article.hero_image_caption,
    credit: article.hero_image_credit,
  };
}

ArticleRef.implement({
  description: 'A news article. Only published articles whose publish time has passed are ever returned.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL slug, unique across the publication.' }),
    title: t.exposeString('title', { description: 'Headline.' }),
    subtitle: t.exposeString('subtitle', { nullable: true, description: 'Secondary headline, when there is one.' }),
    excerpt: t.exposeString('excerpt', { nullable: true, description: 'One or two sentences for lists and previews.' }),
    dateline: t.exposeString('dateline', { nullable: true, description: 'Where the story was filed, e.g. "JAKARTA".' }),
    language: t.exposeString('language', { description: 'BCP 47 language code of the article, "id" for Indonesian.' }),
    publishedAt: t.field({ type: 'DateTime', description: 'When the article was (or is scheduled to be) published.', resolve: (a) => a.published_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'Last editorial change.', resolve: (a) => a.updated_at }),
    url: t.field({ type: 'URL', description: 'The article\'s public address.', resolve: (a, _args, ctx) => articleUrl(a, ctx.config.publicBaseUrl) }),
    readingTimeMinutes: t.int({ description: 'Estimated reading time at 200 words a minute, at least 1.', resolve: (a) => readingTimeMinutes(a.word_count) }),
    bodyHtml: t.string({
      description: 'The whole body as sanitised HTML (no scripts, styles or event handlers).',
      resolve: async (a, _args, ctx) => (await articleBody(a, ctx)).body_html,
    }),
    blocks: t.field({
      type: [Block],
      description: 'The body as typed blocks in reading order, with ad slots placed by the publication\'s rule.',
      complexity: { field: 2, multiplier: 1 },
      resolve: async (a, _args, ctx) => insertAdSlots((await articleBody(a, ctx)).blocks, ctx.config.adEveryParagraphs),
    }),
    heroImage: t.field({ type: ImageBlock, nullable: true, description: 'The lead image.', resolve: heroImage }),
    // Rows read with their section, author or tags carried along hand them over as they are; the
    // others go through the per-request loaders (one batched statement for all of them).
    section: t.field({ type: SectionRef, description: 'The section (rubrik) the article belongs to.', resolve: (a) => a.section ?? a.section_id }),
    author: t.field({
      type: AuthorRef,
      nullable: true,
      description: 'The byline author, when known.',
      resolve: (a) => (a.author !== undefined ? a.author : a.author_id),
    }),
    tags: t.field({
      type: [TagRef],
      description: 'Topic tags in editorial order.',
      // Articles carry a handful of tags, not the default list multiplier's ten.
      complexity: { field: 1, multiplier: 5 },
      resolve: (a, _args, ctx) => a.tags ?? articleTagsLoader(ctx).load(a.id),
    }),
    shareLinks: t.field({
      type: ShareLinksRef,
      description: 'Share URLs for WhatsApp, Facebook, X, Telegram and e-mail.',
      resolve: (a, _args, ctx) => shareLinks(a.title, articleUrl(a, ctx.config.publicBaseUrl)),
    }),
  }),
});

export interface ArticleFilterArgs {
  section?: string | null;
  tag?: string | null;
  author?: string | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
}

/** Turns slugs and dates from the arguments into ids, with a clear error for anything unknown. */
export async function resolveArticleFilter(ctx: Context, args: ArticleFilterArgs): Promise<ArticleFilter> {
  const filter: ArticleFilter = {};
  if (args.section != null) filter.sectionId = await sectionIdForSlug(ctx, args.section);
  if (args.tag != null) {
    const tag = await findTagBySlug(ctx.db, args.tag);
    if (!tag) throw badUserInput(`Unknown tag "${args.tag}": pass the slug of an existing tag, e.g. from Article.tags.`, { argument: 'tag' });
    filter.tagId = tag.id;
  }
  if (args.author != null) {
    const author = await findAuthorBySlug(ctx.db, args.author);
    if (!author) throw badUserInput(`Unknown author "${args.author}": pass the slug of an existing author.`, { argument: 'author' });
    filter.authorId = author.id;
  }
  if (args.publishedAfter && args.publishedBefore && args.publishedAfter >= args.publishedBefore) {
    throw badUserInput('"publishedAfter" must be earlier than "publishedBefore".');
  }
  if (args.publishedAfter) filter.publishedAfter = args.publishedAfter;
  if (args.publishedBefore) filter.publishedBefore = args.publishedBefore;
  return filter;
}

export async function sectionIdForSlug(ctx: Context, slug: string): Promise<number> {
  const section = await findSectionBySlug(ctx.reads, slug);
  if (section) return section.id;
  const known = (await listSections(ctx.reads)).map((s) => s.slug).join(', ');
  throw badUserInput(`Unknown section "${slug}". Known sections: ${known}.`, { argument: 'section' });
}

export function checkListSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`"${name}" must be an integer from 0 to ${MAX_PAGE_SIZE}; got ${value}.`, { argument: name, max: MAX_PAGE_SIZE });
  }
  return value;
}

builder.queryFields((t) => ({
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description: 'One article by slug or by global id (give exactly one). Null when it does not exist or is not published.',
    args: {
      slug: t.arg.string({ description: 'The article\'s slug.' }),
      id: t.arg.globalID({ for: ArticleRef, description: 'The article\'s global id.' }),
    },
    resolve: async (_root, args, ctx, info) => {
      if ((args.slug == null) === (args.id == null)) {
        throw badUserInput('Pass exactly one of "slug" or "id" to "article".');
      }
      const key = args.slug != null ? { slug: args.slug } : { id: args.id!.id };
      // An article page also shows the related list: read it with the article, in one statement.
      const related = argumentsOfChildField(info, 'related');
      const limits = new Set(related?.map((a) => a.first));
      const [limit] = limits;
      if (limits.size === 1 && typeof limit === 'number' && limit >= 1 && limit <= STORED_RELATED_PER_ARTICLE) {
        return (await findVisibleArticleWithRelated(ctx.reads, key, limit)) ?? null;
      }
      return (await findVisibleArticle(ctx.reads, key)) ?? null;
    },
  }),
  articles: t.connection(
    {
      type: ArticleRef,
      description: 'Published articles, newest first, optionally filtered. Page with first/after or last/before (at most 100 a page).',
      args: {
        section: t.arg.string({ description: 'Only this section (slug).' }),
        tag: t.arg.string({ description: 'Only articles with this tag (slug).' }),
        author: t.arg.string({ description: 'Only articles by this author (slug).' }),
        publishedAfter: t.arg({ type: 'DateTime', description: 'Only articles published at or after this instant.' }),
        publishedBefore: t.arg({ type: 'DateTime', description: 'Only articles published before this instant.' }),
      },
      complexity: connectionComplexity,
      resolve: async (_root, args, ctx) => resolveArticleConnection(ctx, await resolveArticleFilter(ctx, args), args),
    },
    ArticleConnection,
  ),
  latest: t.field({
    type: [ArticleRef],
    description: 'Terbaru: the newest published articles, optionally of one section.',
    args: {
      section: t.arg.string({ description: 'Only this section (slug).' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many, 0 to 100.' }),
    },
    complexity: (args) => ({ field: 1, multiplier: Math.max(1, Math.min(MAX_PAGE_SIZE, args.first ?? 10)) }),
    resolve: async (_root, args, ctx) => {
      const limit = checkListSize('first', args.first ?? 10);
      const sectionId = args.section != null ? await sectionIdForSlug(ctx, args.section) : undefined;
      return limit === 0 ? [] : listLatestArticles(ctx.reads, { sectionId, limit });
    },
  }),
}));
