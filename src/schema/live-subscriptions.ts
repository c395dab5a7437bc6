import { builder } from './builder';
import { ArticleRef } from './refs';
import { LiveEntryRef } from './live-entry';
import { sectionIdForSlug } from './arguments';
import { primed } from '../content/loaders';
import { encodeChangeCursor } from '../events/change-log';
import { findVisibleArticleId } from '../live/repository';
import { notFound } from '../editorial/errors';
import {
  openLatestArticles,
  openLiveBlogUpdates,
  requireHub,
  resumePoint,
  type LatestArticlePayload,
  type LiveBlogPayload,
} from '../live/subscriptions';
import type { Delivery } from '../live/stream';

// Subscriptions, served as GraphQL over server-sent events (operations/live/README.md): every
// event carries a cursor that is also its SSE event id; a client that reconnects with
// Last-Event-ID (or passes the cursor as "after") gets exactly the events it missed, replayed from
// the change log, then live ones. The stream itself (ids, heartbeats) is
// src/http/plugins/use-event-stream.ts; the subscribers live in src/live.

builder.subscriptionType({ description: 'Live updates over server-sent events (Accept: text/event-stream).' });

const UpdateKind = builder.enumType('LiveBlogUpdateKind', {
  description: 'What happened to a live entry.',
  values: {
    ADDED: { description: 'A new entry.' },
    UPDATED: { description: 'An entry changed (text, title, pinned or key-event flag).' },
    DELETED: { description: 'An entry was deleted: only its id is sent.' },
  } as const,
});

const LatestArticleEvent = builder.objectRef<Delivery<LatestArticlePayload>>('LatestArticleEvent').implement({
  description: 'An article that was just published.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Where this event is in the change log; the SSE event id. Resume after it with Last-Event-ID or "after".',
      resolve: (d) => encodeChangeCursor(d.eventId),
    }),
    article: t.field({
      type: ArticleRef,
      description: 'The article, as readers see it now.',
      resolve: (d, _args, ctx) => primed(ctx, d.payload.article)[0]!,
    }),
  }),
});

const LiveBlogUpdate = builder.objectRef<Delivery<LiveBlogPayload>>('LiveBlogUpdate').implement({
  description: 'A change to one entry of a live blog.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Where this update is in the change log; the SSE event id. Resume after it with Last-Event-ID or "after".',
      resolve: (d) => encodeChangeCursor(d.eventId),
    }),
    kind: t.field({ type: UpdateKind, description: 'ADDED, UPDATED or DELETED.', resolve: (d) => d.payload.kind }),
    entry: t.field({ type: LiveEntryRef, description: 'The entry as it is now; for DELETED only its id.', resolve: (d) => d.payload.entry }),
  }),
});

const AFTER = 'Resume after this event cursor (as Last-Event-ID does): the events since are replayed from the change log first.';

builder.subscriptionFields((t) => ({
  latestArticles: t.field({
    type: LatestArticleEvent,
    description: 'An event for every article published from now on (a scheduled one when it goes out), optionally of one section only.',
    args: {
      section: t.arg.string({ description: 'Only this section (slug).' }),
      after: t.arg.string({ description: AFTER }),
    },
    subscribe: async (_root, args, ctx) => {
      const hub = requireHub(ctx.live);
      const afterId = resumePoint(ctx.request, args.after);
      const sectionId = args.section != null ? await sectionIdForSlug(ctx, args.section) : undefined;
      await hub.checkResumable(afterId);
      return openLatestArticles({ hub, client: ctx.client, request: ctx.request, afterId }, sectionId);
    },
    resolve: (delivery) => delivery,
  }),
  liveBlogUpdates: t.field({
    type: LiveBlogUpdate,
    description: "Entries of one article's live blog as they are added, changed and deleted.",
    args: {
      slug: t.arg.string({ required: true, description: "The article's slug." }),
      after: t.arg.string({ description: AFTER }),
    },
    subscribe: async (_root, args, ctx) => {
      const hub = requireHub(ctx.live);
      const afterId = resumePoint(ctx.request, args.after);
      const articleId = await findVisibleArticleId(ctx.reader, args.slug);
      if (articleId === null) throw notFound(`No published article has the slug "${args.slug}".`);
      await hub.checkResumable(afterId);
      return openLiveBlogUpdates({ hub, client: ctx.client, request: ctx.request, afterId }, articleId);
    },
    resolve: (delivery) => delivery,
  }),
}));
