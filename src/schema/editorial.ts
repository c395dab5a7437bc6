import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import { encodeGlobalID, resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from './builder';
import { ArticleRef, AuthorRef, SectionRef, TagRef } from './refs';
import { ImageBlock } from './blocks';
import { heroImageOf } from './hero-image';
import { articleTagsLoader, authorLoader, loadRequired, primed, sectionLoader } from '../content/loaders';
import { articleUrl } from '../content/urls';
import { findStaffByIds } from '../editorial/staff';
import { findEditableArticles, type EditableArticle } from '../editorial/articles';
import { listRevisions } from '../editorial/revisions';
import { findPreviewArticle } from '../editorial/previews';
import { PRIVATE } from '../editorial/private-fields';
import { listNewsroomArticles } from '../editorial/newsroom';
import type { RevisionRow, StaffRow } from '../editorial/tables';
import type { Context } from '../context';

// The newsroom's view of articles and staff (issue 11). Everything here is for signed-in staff and
// marked private: never cached by the response cache, a CDN or a browser. Writes are in
// editorial-mutations.ts, admin-only fields in editorial-admin.ts.

export const StaffRoleEnum = builder.enumType('StaffRole', {
  description: 'What a staff member may do.',
  values: {
    WRITER: { value: 'writer' as const, description: 'Writes drafts and edits their own drafts; cannot publish.' },
    MODERATOR: { value: 'moderator' as const, description: 'Moderates comments (a later feature); writes no articles.' },
    EDITOR: { value: 'editor' as const, description: "Edits, schedules, publishes and takes down any article; editors' picks and tags." },
    ADMIN: { value: 'admin' as const, description: 'Everything an editor does, plus staff, sections, webhooks and the audit log.' },
  },
});

export const ArticleStatusEnum = builder.enumType('ArticleStatus', {
  description: 'Where an article is in its life.',
  values: {
    DRAFT: { value: 'draft' as const, description: 'Not public; being written.' },
    SCHEDULED: { value: 'scheduled' as const, description: 'Goes public by itself at publishedAt.' },
    PUBLISHED: { value: 'published' as const, description: 'Public.' },
    ARCHIVED: { value: 'archived' as const, description: 'Taken down: gone from every public list, feed and search.' },
  },
});

export const staffLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, StaffRow | null>(async (ids) => {
      const byId = new Map((await findStaffByIds(ctx.editorial.db, ids)).map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

const articleVersionLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, EditableArticle | null>(async (ids) => {
      const byId = new Map((await findEditableArticles(ctx.editorial.db, ids)).map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

/** Rows whose e-mail the answer may show whoever asked: the account that has just signed in. */
export const ownAccountRows = new WeakSet<StaffRow>();

export const StaffRef = builder.objectRef<StaffRow>('Staff').implement({
  description: 'A newsroom staff account.',
  fields: (t) => ({
    id: t.id({ description: 'Global id.', resolve: (s) => encodeGlobalID('Staff', s.id) }),
    name: t.exposeString('name', { description: 'Display name (also the byline of the linked author).' }),
    email: t.exposeString('email', {
      description: 'Sign-in e-mail; visible to admins and to the staff member.',
      authScopes: (staff) => ownAccountRows.has(staff) || { $any: { admin: true, self: staff.id } },
    }),
    role: t.field({ type: StaffRoleEnum, description: 'What this staff member may do.', resolve: (s) => s.role }),
    author: t.field({
      type: AuthorRef,
      description: 'The author profile articles by this staff member carry.',
      resolve: (s, _args, ctx) => loadRequired(authorLoader(ctx), s.author_id, 'author'),
    }),
    disabled: t.boolean({ description: 'True when the account may no longer sign in.', resolve: (s) => s.disabled_at !== null }),
  }),
});

export const RevisionRef = builder.objectRef<RevisionRow>('ArticleRevision').implement({
  description:
    'An immutable saved version of an article: the full content, who saved it and when. Saves by one editor within a minute share one revision (firstVersion to version).',
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'The article version this revision holds (the last of its range).' }),
    firstVersion: t.exposeInt('first_version', { description: 'The first version folded into this revision.' }),
    kind: t.exposeString('kind', { description: 'create, save, publish, schedule, unpublish, restore or scheduled-publish.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the revision was started.', resolve: (r) => r.created_at }),
    savedAt: t.field({ type: 'DateTime', description: 'When its last save happened.', resolve: (r) => r.saved_at }),
    editor: t.field({
      type: StaffRef,
      nullable: true,
      description: 'Who saved it; null for the scheduler (and for deleted accounts).',
      resolve: (r, _args, ctx) => (r.staff_id === null ? null : staffLoader(ctx).load(r.staff_id)),
    }),
    title: t.string({ description: 'Headline at this version.', resolve: (r) => r.content.title }),
    subtitle: t.string({ nullable: true, description: 'Subtitle at this version.', resolve: (r) => r.content.subtitle }),
    excerpt: t.string({ nullable: true, description: 'Excerpt at this version.', resolve: (r) => r.content.excerpt }),
    bodyHtml: t.string({ description: 'Sanitised body at this version.', resolve: (r) => r.content.bodyHtml }),
    tags: t.stringList({ description: 'Tag names at this version.', resolve: (r) => r.content.tags }),
    status: t.field({ type: ArticleStatusEnum, description: 'Status at this version.', resolve: (r) => r.content.status as 'draft' }),
  }),
});

export const EditorialArticleRef = builder.objectRef<EditableArticle>('EditorialArticle').implement({
  description: 'An article as the newsroom sees it: any status, with its version and revisions.',
  fields: (t) => ({
    id: t.id({ description: 'The same global id as the public Article.', resolve: (a) => encodeGlobalID('Article', a.id) }),
    slug: t.exposeString('slug', { description: 'URL slug; follows the title until first publication, then never changes.' }),
    title: t.exposeString('title', { description: 'Headline.' }),
    subtitle: t.exposeString('subtitle', { nullable: true, description: 'Secondary headline.' }),
    excerpt: t.exposeString('excerpt', { nullable: true, description: 'Summary for lists.' }),
    dateline: t.exposeString('dateline', { nullable: true, description: 'Where the story was filed.' }),
    bodyHtml: t.exposeString('body_html', { description: 'The body as stored (sanitised).' }),
    status: t.field({ type: ArticleStatusEnum, description: 'Where the article is in its life.', resolve: (a) => a.status }),
    version: t.exposeInt('version', { description: 'Grows by one with every saved change; pass it as expectedVersion.' }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Publish time (future when scheduled); null for a never-published draft.',
      resolve: (a) => a.published_at,
    }),
    firstPublishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it first went public; the slug is fixed from then on.',
      resolve: (a) => a.first_published_at,
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When the draft was created.', resolve: (a) => a.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'Last saved change.', resolve: (a) => a.updated_at }),
    url: t.field({
      type: 'URL',
      nullable: true,
      description: 'The public address, once it has a publish time.',
      resolve: (a, _args, ctx) => (a.published_at ? articleUrl({ ...a, published_at: a.published_at }, ctx.config.publicBaseUrl) : null),
    }),
    section: t.field({
      type: SectionRef,
      description: 'The section.',
      resolve: (a, _args, ctx) => loadRequired(sectionLoader(ctx), a.section_id, 'section'),
    }),
    author: t.field({
      type: AuthorRef,
      nullable: true,
      description: 'The byline author.',
      resolve: (a, _args, ctx) => (a.author_id === null ? null : authorLoader(ctx).load(a.author_id)),
    }),
    tags: t.field({ type: [TagRef], description: 'Tags in order.', resolve: (a, _args, ctx) => articleTagsLoader(ctx).load(a.id) }),
    heroImage: t.field({
      type: ImageBlock,
      nullable: true,
      description: 'The lead image.',
      resolve: heroImageOf,
    }),
    revisions: t.connection({
      type: RevisionRef,
      description: 'Saved versions, newest first.',
      resolve: (a, args, ctx) =>
        resolveOffsetConnection({ args, defaultSize: 20, maxSize: 100 }, ({ limit, offset }) => listRevisions(ctx.editorial.db, a.id, limit, offset)),
    }),
  }),
});

// Article.status and Article.version for readers' answers and previews: a publicly visible article
// is PUBLISHED (a scheduled one whose time has come, too); previews carry their own.
builder.objectFields(ArticleRef, (t) => ({
  status: t.field({
    type: ArticleStatusEnum,
    description: "PUBLISHED for every article readers see; a preview shows the article's actual status.",
    resolve: (a) => ((a as { status?: string }).status as 'draft' | undefined) ?? 'published',
  }),
  version: t.int({
    description: 'The saved version this answer shows.',
    resolve: async (a, _args, ctx) => (a as { version?: number }).version ?? (await articleVersionLoader(ctx).load(a.id))?.version ?? 1,
  }),
}));

export function loadEditableArticle(ctx: Context, id: number) {
  return articleVersionLoader(ctx).load(id);
}

builder.queryFields((t) => ({
  me: t.field({
    type: StaffRef,
    nullable: true,
    description: 'The signed-in staff member; null without a valid token.',
    extensions: PRIVATE,
    resolve: async (_root, _args, ctx) => {
      const actor = await ctx.editorial.actor();
      return actor ? staffLoader(ctx).load(actor.id) : null;
    },
  }),
  editorArticle: t.field({
    type: EditorialArticleRef,
    nullable: true,
    description: 'Any article, in any status, as the newsroom sees it (writers and up). Null when the id is unknown.',
    authScopes: { writer: true },
    extensions: PRIVATE,
    args: { id: t.arg.globalID({ required: true, for: ArticleRef, description: "The article's global id." }) },
    resolve: (_root, args, ctx) => articleVersionLoader(ctx).load(args.id.id),
  }),
  editorArticles: t.connection({
    type: EditorialArticleRef,
    description: "The newsroom's list: articles of any status, last changed first (writers and up).",
    authScopes: { writer: true },
    extensions: PRIVATE,
    args: {
      status: t.arg({ type: [ArticleStatusEnum], description: 'Only these statuses.' }),
      section: t.arg.string({ description: 'Only this section (slug).' }),
      mine: t.arg.boolean({ description: 'Only articles bylined to the signed-in staff member.' }),
      search: t.arg.string({ description: 'Only titles containing this text.' }),
    },
    resolve: async (_root, args, ctx) => {
      const actor = (await ctx.editorial.actor())!;
      return resolveOffsetConnection({ args, defaultSize: 20, maxSize: 100 }, ({ limit, offset }) =>
        listNewsroomArticles(ctx.editorial.db, {
          statuses: args.status ?? undefined,
          section: args.section ?? undefined,
          authorId: args.mine ? actor.authorId : undefined,
          search: args.search ?? undefined,
          limit,
          offset,
        }),
      );
    },
  }),
  articlePreview: t.field({
    type: ArticleRef,
    nullable: true,
    description:
      'The latest saved version of an article as readers would see it, by preview token (no staff token needed). Null for an unknown, expired or revoked token.',
    extensions: PRIVATE,
    args: { token: t.arg.string({ required: true, description: 'The token from createPreviewLink.' }) },
    resolve: async (_root, args, ctx) => primed(ctx, await findPreviewArticle(ctx.editorial.db, args.token)),
  }),
}));
