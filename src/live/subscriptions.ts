import { GraphQLError } from 'graphql';
import { directReader } from '../db/prepared';
import { findVisibleArticlesByIds, type ArticleRecord, type Fetched } from '../content/articles';
import { decodeChangeCursor, type ChangeEvent } from '../events/change-log';
import { badUserInput } from '../schema/errors';
import { findPublicEntries } from './repository';
import type { LiveHub } from './hub';
import type { ChangeStream } from './stream';
import type { PublicLiveEntry } from './tables';

// The two live subscriptions of the contract (operations/live): what each listens for, how it
// resumes, and what it sends for an event. Payloads are read after the event from committed data,
// once per event for all streams (LiveHub.shared): an article withdrawn since, or an entry deleted
// since, is not sent (the withdrawal or the DELETED update follows in the log).

export type LiveUpdateKind = 'ADDED' | 'UPDATED' | 'DELETED';

export interface LatestArticlePayload {
  article: Fetched<ArticleRecord[]>;
}

export interface LiveBlogPayload {
  kind: LiveUpdateKind;
  entry: PublicLiveEntry | { id: number; deleted: true };
}

/** Where a stream resumes: after the `after` argument or the Last-Event-ID header, whichever is later. */
export function resumePoint(request: Request | undefined, after: string | null | undefined): number | null {
  const header = request?.headers.get('last-event-id')?.trim() || null;
  const points: number[] = [];
  if (after != null) {
    const id = decodeChangeCursor(after);
    if (id === null)
      throw badUserInput('"after" is not a valid cursor: pass the "cursor" of an event this subscription sent.', { argument: 'after' });
    points.push(id);
  }
  if (header !== null) {
    const id = decodeChangeCursor(header);
    if (id === null) {
      throw badUserInput('The Last-Event-ID header is not an event id of this API: send the "id" of the last event received, or leave it out.', {
        header: 'Last-Event-ID',
      });
    }
    points.push(id);
  }
  return points.length === 0 ? null : Math.max(...points);
}

export function requireHub(live: LiveHub | null): LiveHub {
  if (!live) {
    throw new GraphQLError('Live updates are not available on this server (it runs without a change feed).', {
      extensions: { code: 'UNAVAILABLE', http: { status: 503 } },
    });
  }
  return live;
}

interface Subscriber {
  hub: LiveHub;
  client: string;
  request?: Request;
  afterId: number | null;
}

/** Articles as they are published (a scheduled one when it goes out), optionally of one section. */
export function openLatestArticles(s: Subscriber, sectionId: number | undefined): ChangeStream<LatestArticlePayload> {
  const { hub } = s;
  return hub.open<LatestArticlePayload>(s.client, {
    afterId: s.afterId,
    request: s.request,
    matches: (e) => isPublication(e) && (sectionId === undefined || e.sectionId === sectionId),
    replayFilter: { types: ['article.published', 'article.scheduled'], sectionId },
    toPayload: async (event) => {
      const article = await hub.shared(`article:${event.id}`, () => findVisibleArticlesByIds(directReader(hub.db), [event.articleId!]));
      return article.records.length > 0 ? { article } : null;
    },
  });
}

/**
 * An article going out. The log says "article.published"; it says "article.scheduled" for an
 * article published now whose publish time, stored to the millisecond, rounded up past the
 * trigger's now(): its status in the event's data is "published" all the same.
 */
function isPublication(event: ChangeEvent): boolean {
  return event.type === 'article.published' || (event.type === 'article.scheduled' && event.data.status === 'published');
}

const KIND_OF: Record<string, LiveUpdateKind> = {
  'live_entry.added': 'ADDED',
  'live_entry.updated': 'UPDATED',
  'live_entry.deleted': 'DELETED',
};

/** Entries of one article's live blog as they are added, changed and deleted. */
export function openLiveBlogUpdates(s: Subscriber, articleId: number): ChangeStream<LiveBlogPayload> {
  const { hub } = s;
  return hub.open<LiveBlogPayload>(s.client, {
    afterId: s.afterId,
    request: s.request,
    matches: (e) => e.articleId === articleId && e.type in KIND_OF,
    replayFilter: { types: Object.keys(KIND_OF), articleId },
    toPayload: (event) => liveBlogPayload(hub, event),
  });
}

async function liveBlogPayload(hub: LiveHub, event: ChangeEvent): Promise<LiveBlogPayload | null> {
  const kind = KIND_OF[event.type]!;
  const id = event.entityId!;
  if (kind === 'DELETED') return { kind, entry: { id, deleted: true } };
  const [entry] = await hub.shared(`entry:${event.id}`, () => findPublicEntries(directReader(hub.db), [id]));
  // Deleted (or its article withdrawn) since: the DELETED update that follows says so.
  return entry ? { kind, entry } : null;
}
