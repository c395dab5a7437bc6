import { builder } from './builder';
import { ArticleRef } from './refs';
import { EditorialArticleRef, StaffRef, loadEditableArticle, ownAccountRows } from './editorial';
import { createArticle, publishArticle, restoreRevision, unpublishArticle, updateArticle, type EditableArticle } from '../editorial/articles';
import { signIn, signOut } from '../editorial/sessions';
import { createPreviewLink, revokePreviewLink } from '../editorial/previews';
import { notFound } from '../editorial/errors';
import { PRIVATE } from '../editorial/private-fields';
import type { ArticleInput } from '../editorial/input';
import type { StaffRow } from '../editorial/tables';
import type { Context } from '../context';

// The newsroom's writes (operations/editorial). Resolvers are thin: who may call a field is its
// authScopes (rules in src/editorial/policy.ts); the work is one service call in src/editorial.

const HeroImageInput = builder.inputType('HeroImageInput', {
  description: 'The lead image of an article.',
  fields: (t) => ({
    url: t.string({ required: true, description: 'http(s) URL, or a site path starting with "/".' }),
    width: t.int({ description: 'Width in pixels.' }),
    height: t.int({ description: 'Height in pixels.' }),
    caption: t.string({ description: 'Caption.' }),
    credit: t.string({ description: 'Photographer or agency.' }),
  }),
});

const CreateArticleInput = builder.inputType('CreateArticleInput', {
  description: 'A new draft. The body is sanitised like imported articles; the slug comes from the title.',
  fields: (t) => ({
    title: t.string({ required: true, description: 'Headline, 1 to 300 characters.' }),
    section: t.string({ required: true, description: 'Section slug, e.g. "nasional".' }),
    bodyHtml: t.string({ required: true, description: 'Body HTML (sanitised on the way in).' }),
    subtitle: t.string({ description: 'Secondary headline.' }),
    excerpt: t.string({ description: 'Summary for lists.' }),
    dateline: t.string({ description: 'Where the story was filed, e.g. "JAKARTA".' }),
    tags: t.stringList({ description: 'Tag names; unknown ones are created.' }),
    heroImage: t.field({ type: HeroImageInput, description: 'The lead image.' }),
  }),
});

const UpdateArticleInput = builder.inputType('UpdateArticleInput', {
  description: 'Changes to an article; omitted fields stay as they are, null clears an optional one.',
  fields: (t) => ({
    title: t.string({ description: 'Headline; until first publication the slug follows it.' }),
    section: t.string({ description: 'Section slug.' }),
    bodyHtml: t.string({ description: 'Body HTML (sanitised on the way in).' }),
    subtitle: t.string({ description: 'Secondary headline.' }),
    excerpt: t.string({ description: 'Summary for lists.' }),
    dateline: t.string({ description: 'Where the story was filed.' }),
    tags: t.stringList({ description: 'Tag names, replacing the current ones; unknown ones are created.' }),
    heroImage: t.field({ type: HeroImageInput, description: 'The lead image; null removes it.' }),
    slug: t.string({ description: 'A slug of your own; refused once the article has been published.' }),
  }),
});

const ArticlePayload = builder.objectRef<{ article: EditableArticle }>('ArticlePayload').implement({
  description: 'The article as saved.',
  fields: (t) => ({ article: t.field({ type: EditorialArticleRef, description: 'The article at its new version.', resolve: (p) => p.article }) }),
});

const SignInPayload = builder.objectRef<{ token: string; expiresAt: Date; staff: StaffRow }>('SignInPayload').implement({
  description: 'A bearer token for "Authorization: Bearer <token>".',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Shown only now; Kabar keeps only its hash.' }),
    expiresAt: t.field({ type: 'DateTime', description: 'When the token stops working.', resolve: (p) => p.expiresAt }),
    staff: t.field({ type: StaffRef, description: 'Who signed in.', resolve: (p) => p.staff }),
  }),
});

const PreviewLinkRef = builder.objectRef<{ token: string; url: string; expiresAt: Date }>('PreviewLink').implement({
  description: "A link that shows the article's latest saved version to whoever has it, until it expires or is revoked.",
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Pass to Query.articlePreview; shown only now.' }),
    url: t.field({ type: 'URL', description: 'The preview page on the public site.', resolve: (p) => p.url }),
    expiresAt: t.field({ type: 'DateTime', description: 'When the link stops working.', resolve: (p) => p.expiresAt }),
  }),
});

async function actorOf(ctx: Context) {
  // authScopes has already required a signed-in staff member.
  return (await ctx.editorial.actor())!;
}

/** After a committed write: this process's caches have applied it before the answer goes out. */
async function written(ctx: Context, article: EditableArticle) {
  await ctx.editorial.changed();
  return { article };
}

builder.mutationFields((t) => ({
  signIn: t.field({
    type: SignInPayload,
    description: 'Exchanges a staff e-mail and password for a bearer token. Repeated failures slow down, then lock (TOO_MANY_ATTEMPTS).',
    extensions: PRIVATE,
    args: {
      email: t.arg.string({ required: true, description: 'Staff e-mail.' }),
      password: t.arg.string({ required: true, description: 'Password.' }),
    },
    resolve: async (_root, args, ctx) => {
      const settings = ctx.editorial.settings;
      const result = await signIn(
        ctx.editorial.db,
        { ...args, client: ctx.editorial.client },
        {
          sessionTtlSeconds: settings.sessionTtlSeconds,
          maxFailures: settings.signInMaxFailures,
          lockSeconds: settings.signInLockSeconds,
        },
      );
      ownAccountRows.add(result.staff);
      return result;
    },
  }),
  signOut: t.boolean({
    description: 'Revokes the token this request was sent with.',
    authScopes: { staff: true },
    extensions: PRIVATE,
    resolve: async (_root, _args, ctx) => signOut(ctx.editorial.db, ctx.editorial.token!, (await actorOf(ctx)).id),
  }),
  createArticle: t.field({
    type: ArticlePayload,
    description: 'Creates a draft bylined to the signed-in staff member (writers and up).',
    authScopes: { writer: true },
    extensions: PRIVATE,
    args: { input: t.arg({ type: CreateArticleInput, required: true }) },
    resolve: async (_root, args, ctx) =>
      written(ctx, await createArticle(ctx.editorial.db, await actorOf(ctx), args.input as ArticleInput, settingsOf(ctx))),
  }),
  updateArticle: t.field({
    type: ArticlePayload,
    description: 'Saves a change. Writers: own drafts only; editors: anything. A stale expectedVersion fails with VERSION_CONFLICT.',
    authScopes: (_root, args) => ({ $all: { writer: true, mayEdit: args.id.id } }),
    extensions: PRIVATE,
    args: {
      id: t.arg.globalID({ required: true, for: ArticleRef, description: 'The article.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The version the change was made to.' }),
      input: t.arg({ type: UpdateArticleInput, required: true }),
    },
    resolve: async (_root, args, ctx) =>
      written(
        ctx,
        await updateArticle(ctx.editorial.db, await actorOf(ctx), args.id.id, args.expectedVersion, args.input as ArticleInput, settingsOf(ctx)),
      ),
  }),
  publishArticle: t.field({
    type: ArticlePayload,
    description: 'Publishes now (no "at", or "at" in the past) or schedules for "at" (editors and up).',
    authScopes: { editor: true },
    extensions: PRIVATE,
    args: {
      id: t.arg.globalID({ required: true, for: ArticleRef, description: 'The article.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The version being published.' }),
      at: t.arg({ type: 'DateTime', description: 'When to publish; in the future this schedules.' }),
    },
    resolve: async (_root, args, ctx) =>
      written(ctx, await publishArticle(ctx.editorial.db, await actorOf(ctx), args.id.id, args.expectedVersion, args.at ?? null, settingsOf(ctx))),
  }),
  unpublishArticle: t.field({
    type: ArticlePayload,
    description: 'Takes an article down (ARCHIVED): gone from every public list, feed, sitemap, trending and search at once (editors and up).',
    authScopes: { editor: true },
    extensions: PRIVATE,
    args: {
      id: t.arg.globalID({ required: true, for: ArticleRef, description: 'The article.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The current version.' }),
    },
    resolve: async (_root, args, ctx) => written(ctx, await unpublishArticle(ctx.editorial.db, await actorOf(ctx), args.id.id, args.expectedVersion)),
  }),
  restoreRevision: t.field({
    type: ArticlePayload,
    description: 'Writes the content of an earlier version as a new version (history is never rewritten).',
    authScopes: (_root, args) => ({ $all: { writer: true, mayEdit: args.id.id } }),
    extensions: PRIVATE,
    args: {
      id: t.arg.globalID({ required: true, for: ArticleRef, description: 'The article.' }),
      version: t.arg.int({ required: true, description: 'The version to bring back.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The current version.' }),
    },
    resolve: async (_root, args, ctx) =>
      written(ctx, await restoreRevision(ctx.editorial.db, await actorOf(ctx), args.id.id, args.version, args.expectedVersion)),
  }),
  createPreviewLink: t.field({
    type: PreviewLinkRef,
    description: "An expiring link showing the article's latest saved version as readers would see it (writers and up).",
    authScopes: { writer: true },
    extensions: PRIVATE,
    args: { id: t.arg.globalID({ required: true, for: ArticleRef, description: 'The article.' }) },
    resolve: async (_root, args, ctx) => {
      const actor = await actorOf(ctx);
      if (!(await loadEditableArticle(ctx, args.id.id))) throw notFound('No article has this id.');
      const link = await createPreviewLink(ctx.editorial.db, args.id.id, actor.id, ctx.editorial.settings.previewTtlSeconds);
      return { ...link, url: `${ctx.config.publicBaseUrl}/preview/${encodeURIComponent(link.token)}` };
    },
  }),
  revokePreviewLink: t.boolean({
    description: 'Ends a preview link at once; false when it was unknown or already revoked (writers and up).',
    authScopes: { writer: true },
    extensions: PRIVATE,
    args: { token: t.arg.string({ required: true, description: 'The preview token.' }) },
    resolve: async (_root, args, ctx) => revokePreviewLink(ctx.editorial.db, args.token, (await actorOf(ctx)).id),
  }),
}));

function settingsOf(ctx: Context) {
  return ctx.editorial.settings;
}
