import { builder } from './builder';
import { ArticleRef } from './refs';
import { badUserInput } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, NEXT_PAGE_HINT, checkCount, connectionComplexity } from './arguments';
import { outputHtml } from '../common/output-html';
import { whenLoaded } from '../content/loaders';
import { firstEntriesLoader, liveEntryLoader, liveFlagLoader } from '../live/loaders';
import { decodeEntryCursor, encodeEntryCursor, listNewerEntries, listOlderEntries } from '../live/repository';
import type { PublicLiveEntry } from '../live/tables';
import type { Context } from '../context';

// LiveEntry and the live-blog fields of Article. Entries are listed newest first (in the order they
// were added); pinned and key-event flags are for the page to present (a pinned entry at the top,
// key events in a summary), so the list itself never reorders. Paging: first/after goes back in
// time; last/before asks for what was added since a cursor, the polling fallback of a page without
// a live stream (a GET of it is cacheable for LIVE_CACHE_SECONDS).

/** An entry as readers see it, or what a DELETED update says of one: its id. */
export type LiveEntryShape = PublicLiveEntry | { id: number; deleted: true };

function isDeleted(entry: LiveEntryShape): entry is { id: number; deleted: true } {
  return 'deleted' in entry;
}

/** Ids are PostgreSQL integers (int4). */
function parseEntryId(id: string): number {
  const value = /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) {
    throw badUserInput('Malformed id: expected a LiveEntry id returned by this API.');
  }
  return value;
}

export const LiveEntryRef = builder.nodeRef<LiveEntryShape, number>('LiveEntry', {
  id: { resolve: (entry) => entry.id, parse: parseEntryId },
  loadMany: (ids, ctx) => ids.map((id) => liveEntryLoader(ctx).load(id)),
});

const field = <K extends keyof PublicLiveEntry>(entry: LiveEntryShape, key: K): PublicLiveEntry[K] | null => (isDeleted(entry) ? null : entry[key]);

LiveEntryRef.implement({
  description:
    'One entry of a live blog: a short update written by the newsroom. In a DELETED update (Subscription.liveBlogUpdates) only "id" is set.',
  fields: (t) => ({
    title: t.string({ nullable: true, description: 'An optional headline of the entry.', resolve: (e) => field(e, 'title') }),
    html: t.string({
      nullable: true,
      description: 'The entry as sanitised HTML (the rules of article bodies). Null only in a DELETED update.',
      resolve: (e) => (isDeleted(e) ? null : outputHtml(e.html)),
    }),
    pinned: t.boolean({
      nullable: true,
      description: 'The newsroom pinned it (pages show it at the top). Null only in a DELETED update.',
      resolve: (e) => field(e, 'pinned'),
    }),
    keyEvent: t.boolean({
      nullable: true,
      description: 'A key moment of the story (pages may list key events as a summary). Null only in a DELETED update.',
      resolve: (e) => field(e, 'key_event'),
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was added. Null only in a DELETED update.',
      resolve: (e) => field(e, 'created_at'),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it last changed. Null only in a DELETED update.',
      resolve: (e) => field(e, 'updated_at'),
    }),
  }),
});

interface EntryPage {
  edges: { cursor: string; node: PublicLiveEntry }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export const LiveEntryConnection = builder.connectionObject(
  { type: LiveEntryRef, name: 'LiveEntryConnection', description: 'A page of live entries, newest first, with cursors.' },
  { name: 'LiveEntryEdge', description: 'A live entry and its position in the list.' },
);

function decode(name: 'after' | 'before', cursor: string): number {
  const id = decodeEntryCursor(cursor);
  if (id === null) {
    throw badUserInput(`"${name}" is not a valid cursor: pass a "cursor", "startCursor" or "endCursor" value returned by this live-entry list.`, {
      argument: name,
    });
  }
  return id;
}

function toPage(rows: PublicLiveEntry[], limit: number, more: { next: boolean; previous: boolean }): EntryPage {
  const edges = rows.map((node) => ({ cursor: encodeEntryCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: more.next,
      hasPreviousPage: more.previous,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

async function liveEntries(
  ctx: Context,
  articleId: number,
  args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null },
): Promise<EntryPage> {
  if (args.first != null && args.last != null) throw badUserInput('Pass either "first" (with "after") or "last" (with "before"), not both.');
  if (args.after != null && args.before != null) throw badUserInput('Pass either "after" (older entries) or "before" (newer entries), not both.');
  if (args.last != null || args.before != null) {
    // What was added since `before`: the entries just newer than it, newest first.
    const limit = checkCount(args.last ?? DEFAULT_PAGE_SIZE, {
      argument: 'last',
      max: MAX_PAGE_SIZE,
      hint: 'Ask again with "before: pageInfo.startCursor".',
    });
    const since = args.before != null ? decode('before', args.before) : 0;
    const rows = limit === 0 ? [] : await listNewerEntries(ctx.reader, articleId, since, limit + 1);
    const hasMore = rows.length > limit;
    return toPage(rows.slice(0, limit).reverse(), limit, { next: since > 0, previous: hasMore });
  }
  const limit = checkCount(args.first ?? DEFAULT_PAGE_SIZE, { argument: 'first', max: MAX_PAGE_SIZE, hint: NEXT_PAGE_HINT });
  if (args.after != null) {
    const rows = limit === 0 ? [] : await listOlderEntries(ctx.reader, articleId, decode('after', args.after), limit + 1);
    return toPage(rows.slice(0, limit), limit, { next: rows.length > limit, previous: true });
  }
  if (limit === 0) return toPage([], 0, { next: false, previous: false });
  // The first page of every article in the request comes from one read; one row more tells whether there is a next page.
  return whenLoaded(firstEntriesLoader(ctx, limit + 1).load(articleId), (rows) =>
    toPage(rows.slice(0, limit), limit, { next: rows.length > limit, previous: false }),
  );
}

builder.objectFields(ArticleRef, (t) => ({
  isLive: t.boolean({
    description:
      'Whether the article is a live blog being updated now (its entries are in "liveEntries"; Subscription.liveBlogUpdates streams them).',
    resolve: (a, _args, ctx) => liveFlagLoader(ctx).load(a.id),
  }),
  liveEntries: t.connection(
    {
      type: LiveEntryRef,
      description:
        'Live-blog entries, newest first (in the order they were added). "first"/"after" pages back in time; "last"/"before" returns the entries added since a cursor (poll with before: the newest cursor you have). At most 100 a page.',
      complexity: connectionComplexity,
      resolve: (a, args, ctx) => liveEntries(ctx, a.id, args),
    },
    LiveEntryConnection,
  ),
}));
