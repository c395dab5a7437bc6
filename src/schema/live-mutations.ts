import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from './builder';
import { ArticleRef } from './refs';
import { LiveEntryRef } from './live-entry';
import { PRIVATE } from '../editorial/private-fields';
import { addLiveEntry, deleteLiveEntry, setArticleLive, updateLiveEntry, type LiveEntryInput as EntryInput } from '../live/service';
import type { LiveEntryRow, PublicLiveEntry } from '../live/tables';
import type { Context } from '../context';

// The newsroom's live-blog writes (operations/live). Who may call a field is its authScopes (rules
// in src/editorial/policy.ts, re-checked under the row lock by src/live/service.ts); the change
// events come from the live_entries trigger at commit, so nothing here touches a cache.

const LiveEntryInput = builder.inputType('LiveEntryInput', {
  description: 'A live entry. "html" is sanitised like article bodies.',
  fields: (t) => ({
    html: t.string({ required: true, description: 'The entry as HTML (sanitised on the way in), at most 64 KB.' }),
    title: t.string({ description: 'An optional headline, at most 300 characters.' }),
    pinned: t.boolean({ description: 'Pin it (pages show it at the top); default false.' }),
    keyEvent: t.boolean({ description: 'Mark it as a key moment of the story; default false.' }),
  }),
});

const UpdateLiveEntryInput = builder.inputType('UpdateLiveEntryInput', {
  description: 'Changes to a live entry; omitted fields stay as they are, a null title clears it.',
  fields: (t) => ({
    html: t.string({ description: 'The entry as HTML (sanitised on the way in).' }),
    title: t.string({ description: 'Headline; null clears it.' }),
    pinned: t.boolean({ description: 'Pinned or not.' }),
    keyEvent: t.boolean({ description: 'Key event or not.' }),
  }),
});

const LiveEntryPayload = builder.objectRef<{ entry: LiveEntryRow }>('LiveEntryPayload').implement({
  description: 'The live entry as saved.',
  fields: (t) => ({ entry: t.field({ type: LiveEntryRef, description: 'The entry.', resolve: (p) => toPublic(p.entry) }) }),
});

const DeleteLiveEntryPayload = builder.objectRef<{ entry: LiveEntryRow }>('DeleteLiveEntryPayload').implement({
  description: 'A deleted live entry.',
  fields: (t) => ({
    deletedId: t.id({ description: 'The global id of the entry that was deleted.', resolve: (p) => encodeEntryId(p.entry.id) }),
  }),
});

const SetArticleLivePayload = builder.objectRef<{ articleId: number; isLive: boolean }>('SetArticleLivePayload').implement({
  description: "An article's live flag as saved.",
  fields: (t) => ({
    articleId: t.id({ description: "The article's global id.", resolve: (p) => encodeArticleId(p.articleId) }),
    isLive: t.exposeBoolean('isLive', { description: 'Whether it is live now.' }),
  }),
});

function toPublic(row: LiveEntryRow): PublicLiveEntry {
  const { id, article_id, title, html, pinned, key_event, created_at, updated_at } = row;
  return { id, article_id, title, html, pinned, key_event, created_at, updated_at };
}

const encodeEntryId = (id: number) => encodeGlobalID('LiveEntry', id);
const encodeArticleId = (id: number) => encodeGlobalID('Article', id);

async function actorOf(ctx: Context) {
  // authScopes has already required a signed-in staff member.
  return (await ctx.editorial.actor())!;
}

builder.mutationFields((t) => ({
  addLiveEntry: t.field({
    type: LiveEntryPayload,
    description: "Adds an entry to an article's live blog: writers to live articles, editors to any article not taken down.",
    authScopes: { writer: true },
    extensions: PRIVATE,
    args: {
      articleId: t.arg.globalID({ required: true, for: ArticleRef, description: 'The article.' }),
      input: t.arg({ type: LiveEntryInput, required: true }),
    },
    resolve: async (_root, args, ctx) => ({
      entry: await addLiveEntry(ctx.editorial.db, await actorOf(ctx), args.articleId.id, args.input as EntryInput),
    }),
  }),
  updateLiveEntry: t.field({
    type: LiveEntryPayload,
    description: 'Changes a live entry: writers their own, editors any.',
    authScopes: { writer: true },
    extensions: PRIVATE,
    args: {
      id: t.arg.globalID({ required: true, for: LiveEntryRef, description: 'The entry.' }),
      input: t.arg({ type: UpdateLiveEntryInput, required: true }),
    },
    resolve: async (_root, args, ctx) => ({
      entry: await updateLiveEntry(ctx.editorial.db, await actorOf(ctx), args.id.id, args.input as EntryInput),
    }),
  }),
  deleteLiveEntry: t.field({
    type: DeleteLiveEntryPayload,
    description: 'Deletes a live entry (readers stop seeing it at once): writers their own, editors any.',
    authScopes: { writer: true },
    extensions: PRIVATE,
    args: { id: t.arg.globalID({ required: true, for: LiveEntryRef, description: 'The entry.' }) },
    resolve: async (_root, args, ctx) => ({ entry: await deleteLiveEntry(ctx.editorial.db, await actorOf(ctx), args.id.id) }),
  }),
  setArticleLive: t.field({
    type: SetArticleLivePayload,
    description: 'Turns an article into a live blog, or ends it (editors and up).',
    authScopes: { editor: true },
    extensions: PRIVATE,
    args: {
      articleId: t.arg.globalID({ required: true, for: ArticleRef, description: 'The article.' }),
      live: t.arg.boolean({ required: true, description: 'true: live now; false: no longer live.' }),
    },
    resolve: async (_root, args, ctx) => setArticleLive(ctx.editorial.db, await actorOf(ctx), args.articleId.id, args.live),
  }),
}));
