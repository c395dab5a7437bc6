import { builder } from './builder';
import { ArticleRef, AuthorRef, SectionRef, TagRef } from './refs';
import { Block, ImageBlock } from './blocks';
import { heroImageOf } from './hero-image';
import { ShareLinksRef } from './share-links';
import { ArticleConnection } from './connection';
import { MAX_PAGE_SIZE, articleKeyOf, checkCount, connectionComplexity, listComplexity, resolveArticleFilter, sectionIdForSlug } from './arguments';
import { resolveArticleConnection } from './paging';
import { relatedLimitAhead } from './lookahead';
import { listLatestArticles, type ArticleBody, type ArticleRecord } from '../content/articles';
import { insertAdSlots, readingTimeMinutes } from '../content/body';
import { articleUrl, shareLinks } from '../content/urls';
import { outputHtml } from '../common/output-html';
import {
  articleBodyLoader,
  articleTagsLoader,
  authorLoader,
  loadRequired,
  loadWholeArticle,
  primed,
  sectionLoader,
  whenLoaded,
} from '../content/loaders';
import type { Context } from '../context';
import { findArticleIdByOldPath, normaliseArticlePath } from '../content/old-paths';
import { badUserInput } from './errors';

/** Query.latest's length when "first" is not given. */
const DEFAULT_LATEST = 10;

const NO_BODY = { body_html: '', blocks: [] };

function withBody<R>(article: ArticleRecord, ctx: Context, use: (body: Pick<ArticleBody, 'body_html' | 'blocks'>) => R) {
  return whenLoaded(articleBodyLoader(ctx).load(article.id), (body) => use(body ?? NO_BODY));
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
    publishedAt: t.field({
      type: 'DateTime',
      description: 'When the article was (or is scheduled to be) published.',
      resolve: (a) => a.published_at,
    }),
    updatedAt: t.field({ type: 'DateTime', description: 'Last editorial change.', resolve: (a) => a.updated_at }),
    url: t.field({ type: 'URL', description: "The article's public address.", resolve: (a, _args, ctx) => articleUrl(a, ctx.config.publicBaseUrl) }),
    readingTimeMinutes: t.int({
      description: 'Estimated reading time at 200 words a minute, at least 1.',
      resolve: (a) => readingTimeMinutes(a.word_count),
    }),
    bodyHtml: t.string({
      description: 'The whole body as sanitised HTML (no scripts, styles or event handlers; links with rel="noopener noreferrer", embeds sandboxed).',
      resolve: (a, _args, ctx) => withBody(a, ctx, (body) => outputHtml(body.body_html)),
    }),
    blocks: t.field({
      type: [Block],
      description: "The body as typed blocks in reading order, with ad slots placed by the publication's rule.",
      complexity: { field: 2, multiplier: 1 },
      resolve: (a, _args, ctx) => withBody(a, ctx, (body) => insertAdSlots(body.blocks, ctx.config.adEveryParagraphs)),
    }),
    heroImage: t.field({ type: ImageBlock, nullable: true, description: 'The lead image.', resolve: heroImageOf }),
    // Through the request's loaders, which the read of the article usually primed already.
    section: t.field({
      type: SectionRef,
      description: 'The section (rubrik) the article belongs to.',
      resolve: (a, _args, ctx) => loadRequired(sectionLoader(ctx), a.section_id, 'section'),
    }),
    author: t.field({
      type: AuthorRef,
      nullable: true,
      description: 'The byline author, when known.',
      resolve: (a, _args, ctx) => (a.author_id === null ? null : authorLoader(ctx).load(a.author_id)),
    }),
    tags: t.field({
      type: [TagRef],
      description: 'Topic tags in editorial order.',
      // Articles carry a handful of tags, not the default list multiplier's ten.
      complexity: { field: 1, multiplier: 5 },
      resolve: (a, _args, ctx) => articleTagsLoader(ctx).load(a.id),
    }),
    shareLinks: t.field({
      type: ShareLinksRef,
      description: 'Share URLs for WhatsApp, Facebook, X, Telegram and e-mail.',
      resolve: (a, _args, ctx) => shareLinks(a.title, articleUrl(a, ctx.config.publicBaseUrl)),
    }),
  }),
});

builder.queryFields((t) => ({
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description: 'One article by slug or by global id (give exactly one). Null when it does not exist or is not published.',
    args: {
      slug: t.arg.string({ description: "The article's slug." }),
      id: t.arg.globalID({ for: ArticleRef, description: "The article's global id." }),
    },
    // An article page also shows the related list: read with the article when the query asks for it.
    resolve: (_root, args, ctx, info) => loadWholeArticle(ctx, articleKeyOf(args, 'article'), relatedLimitAhead(info)),
  }),
  articleByPath: t.field({
    type: ArticleRef,
    nullable: true,
    description:
      'The article an address of the old site meant (a permalink from before an import: "/2024/12/03/slug/", "/?p=123", or the full URL), ' +
      'so that a frontend can redirect it. Trailing slashes, the host and query parameters other than a post id do not matter. ' +
      'Null when no article had that address or it is not published.',
    args: { path: t.arg.string({ required: true, description: 'The old path or URL, as it was requested.' }) },
    resolve: async (_root, args, ctx, info) => {
      const path = normaliseArticlePath(args.path);
      if (!path) throw badUserInput('"path" must be a non-empty path or URL of at most 2000 characters, other than "/".', { argument: 'path' });
      const id = await findArticleIdByOldPath(ctx.reader, path);
      return id === null ? null : loadWholeArticle(ctx, { id }, relatedLimitAhead(info));
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
      first: t.arg.int({ defaultValue: DEFAULT_LATEST, description: 'How many, 0 to 100.' }),
    },
    complexity: (args) => listComplexity(args.first, DEFAULT_LATEST),
    resolve: async (_root, args, ctx) => {
      const limit = checkCount(args.first ?? DEFAULT_LATEST, { argument: 'first', max: MAX_PAGE_SIZE });
      const sectionId = args.section != null ? await sectionIdForSlug(ctx, args.section) : undefined;
      return limit === 0 ? [] : primed(ctx, await listLatestArticles(ctx.reader, { sectionId, limit }));
    },
  }),
}));
