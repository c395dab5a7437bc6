import { sql } from 'kysely';
import { useTestDatabase } from './helpers/app';
import { createTestClient, type TestClient } from './helpers/client';
import { createDraft, op, signInAs, type SignedIn } from './helpers/editorial';
import { readOperation } from './helpers/operations';
import { eventually, openEventStream, type SseStream } from './helpers/sse';
import { ChangeFeed } from '../src/events/change-feed';
import { decodeChangeCursor, encodeChangeCursor } from '../src/events/change-log';
import { LiveHub } from '../src/live/hub';

// Live subscriptions over server-sent events (operations/live): event ids are change-log cursors,
// a reconnection with Last-Event-ID replays exactly what was missed from the log, limits hold, the
// subscriber count returns to zero, heartbeats flow, and streams end when the hub closes.

const database = useTestDatabase();
let feed: ChangeFeed;
let hub: LiveHub;
let client: TestClient;
let editor: SignedIn;
const open: SseStream[] = [];

const LATEST = readOperation('live/LatestArticles');
const UPDATES = readOperation('live/LiveBlogUpdates');
const MAX_PER_CLIENT = 4;

beforeAll(async () => {
  feed = new ChangeFeed(database.connectionString, { log: () => undefined, pollIntervalMs: 200 }).start();
  await feed.ready;
  hub = new LiveHub({ db: database.db, changes: feed, maxStreamsPerClient: MAX_PER_CLIENT, maxStreams: 1000 });
  client = createTestClient(
    database.db,
    { live: { heartbeatMs: 50, maxStreamsPerClient: MAX_PER_CLIENT, maxStreams: 1000, cacheSeconds: 5 } },
    { changes: feed, live: hub },
  );
  editor = await signInAs(client, database.db, 'editor');
});

afterEach(async () => {
  for (const stream of open.splice(0)) await stream.cancel().catch(() => undefined);
  await eventually(() => hub.subscriberCount === 0, 'every stream of the test is closed');
});

afterAll(async () => {
  await hub?.close();
  await feed?.close();
});

async function subscribe(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<SseStream> {
  // The answer starts once the subscription is registered with the hub: nothing to wait for.
  const stream = await openEventStream(client, query, variables, headers);
  open.push(stream);
  // Read as a server reads a response it is sending: every answer starts with a comment line.
  await stream.commentsAtLeast(1);
  return stream;
}

async function gql(query: string, variables: Record<string, unknown>, who = editor) {
  const res = await client.graphql(query, variables, who.headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** Creates and publishes an article through the editorial API; returns its slug. */
async function publishNew(section = 'nasional'): Promise<string> {
  const draft = await createDraft(client, editor, { section });
  const data = await gql(op('PublishArticle'), { id: draft.id, expectedVersion: draft.version });
  return data.publishArticle.article.slug;
}

async function liveArticle(): Promise<{ id: string; slug: string }> {
  const slug = await publishNew();
  const { article } = await gql('query ($slug: String!) { article(slug: $slug) { id slug } }', { slug });
  await gql('mutation ($id: ID!) { setArticleLive(articleId: $id, live: true) { isLive } }', { id: article.id });
  return article;
}

async function addEntry(articleId: string, html: string) {
  const data = await gql(readOperation('live/AddLiveEntry'), { articleId, input: { html } });
  return data.addLiveEntry.entry;
}

describe('latestArticles', () => {
  it('sends each publication with a cursor that is also the SSE event id', async () => {
    const stream = await subscribe(LATEST);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.response.headers.get('cache-control')).toBe('no-store');
    const slug = await publishNew();
    const [event] = await stream.take(1);
    const data = event!.data.data.latestArticles;
    expect(data.article.slug).toBe(slug);
    expect(data.article.section.slug).toBe('nasional');
    expect(event!.id).toBe(data.cursor);
    const row = await database.db
      .selectFrom('change_events')
      .innerJoin('articles', 'articles.id', 'change_events.article_id')
      .select('change_events.id')
      .where('articles.slug', '=', slug)
      .orderBy('change_events.id', 'desc')
      .executeTakeFirstOrThrow();
    expect(decodeChangeCursor(data.cursor)).toBe(Number(row.id));
  });

  it('sends only the chosen section', async () => {
    const stream = await subscribe(LATEST, { section: 'olahraga' });
    await publishNew('nasional');
    const wanted = await publishNew('olahraga');
    const [event] = await stream.take(1);
    expect(event!.data.data.latestArticles.article.slug).toBe(wanted);
  });

  it('refuses an unknown section and a malformed cursor', async () => {
    const unknown = await subscribe(LATEST, { section: 'tidak-ada' });
    const refused = await unknown.next();
    expect(JSON.parse(refused.data).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const malformed = await subscribe(LATEST, {}, { 'last-event-id': 'bukan-kursor' });
    const error = JSON.parse((await malformed.next()).data).errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/Last-Event-ID/);
  });
});

describe('resuming', () => {
  it('replays exactly the missed publications from the log with Last-Event-ID, then goes on live', async () => {
    const first = await subscribe(LATEST);
    await publishNew();
    const [seen] = await first.take(1);
    await first.cancel();
    await eventually(() => hub.subscriberCount === 0, 'the first stream is closed');
    const missed: string[] = [];
    for (let i = 0; i < 5; i += 1) missed.push(await publishNew());
    const resumed = await subscribe(LATEST, {}, { 'last-event-id': seen!.id! });
    const replayed = await resumed.take(5);
    expect(replayed.map((e) => e.data.data.latestArticles.article.slug)).toEqual(missed);
    const ids = replayed.map((e) => decodeChangeCursor(e.id!)!);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const after = await publishNew();
    const [live] = await resumed.take(1);
    expect(live!.data.data.latestArticles.article.slug).toBe(after);
  });

  it('takes the cursor as an "after" argument too', async () => {
    const stream = await subscribe(LATEST);
    await publishNew();
    const [seen] = await stream.take(1);
    const missed = await publishNew();
    const resumed = await subscribe('subscription ($after: String) { latestArticles(after: $after) { cursor article { slug } } }', {
      after: seen!.id,
    });
    const [event] = await resumed.take(1);
    expect(event!.data.data.latestArticles.article.slug).toBe(missed);
  });

  it('hands over from replay to live without losing or repeating an event while articles are published', async () => {
    const start = encodeChangeCursor(feed.position!);
    let halfway!: () => void;
    const reachedHalfway = new Promise<void>((resolve) => (halfway = resolve));
    const publishing = (async () => {
      const slugs: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        slugs.push(await publishNew());
        if (i === 2) halfway();
      }
      return slugs;
    })();
    // Opened while the publications are being committed: some are replayed, the rest arrive live.
    await reachedHalfway;
    const stream = await subscribe(LATEST, {}, { 'last-event-id': start });
    const slugs = await publishing;
    const tail = await publishNew();
    const events = await stream.take(7);
    expect(events.map((e) => e.data.data.latestArticles.article.slug)).toEqual([...slugs, tail]);
    const ids = events.map((e) => decodeChangeCursor(e.id!)!);
    expect(new Set(ids).size).toBe(7);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('refuses a cursor older than the log keeps', async () => {
    await sql`delete from change_events where id <= (select max(id) - 1 from change_events)`.execute(database.db);
    const stream = await subscribe(LATEST, {}, { 'last-event-id': encodeChangeCursor(1) });
    const error = JSON.parse((await stream.next()).data).errors[0];
    expect(error.extensions.code).toBe('CURSOR_EXPIRED');
  });
});

describe('two processes', () => {
  it('a subscriber on one process hears a publication made through another', async () => {
    // A second "process": its own change feed, hub and app on the same database.
    const otherFeed = new ChangeFeed(database.connectionString, { log: () => undefined }).start();
    await otherFeed.ready;
    const otherHub = new LiveHub({ db: database.db, changes: otherFeed, maxStreamsPerClient: 5, maxStreams: 5 });
    const otherClient = createTestClient(database.db, {}, { changes: otherFeed, live: otherHub });
    try {
      const stream = await openEventStream(otherClient, LATEST);
      await stream.commentsAtLeast(1);
      const slug = await publishNew();
      const [event] = await stream.take(1);
      expect(event!.data.data.latestArticles.article.slug).toBe(slug);
      await stream.cancel();
    } finally {
      await otherHub.close();
      await otherFeed.close();
    }
  });
});

describe('liveBlogUpdates', () => {
  it('sends ADDED, UPDATED and DELETED (with the id only) for one article', async () => {
    const article = await liveArticle();
    const other = await liveArticle();
    const stream = await subscribe(UPDATES, { slug: article.slug });
    await addEntry(other.id, '<p>Di artikel lain.</p>');
    const entry = await addEntry(article.id, '<p>Pukul 10.15: hujan mulai reda.</p><script>alert(1)</script>');
    await gql('mutation ($id: ID!) { updateLiveEntry(id: $id, input: { pinned: true, title: "Penting" }) { entry { id } } }', { id: entry.id });
    await gql('mutation ($id: ID!) { deleteLiveEntry(id: $id) { deletedId } }', { id: entry.id });
    const events = await stream.take(3);
    const updates = events.map((e) => e.data.data.liveBlogUpdates);
    expect(updates.map((u) => u.kind)).toEqual(['ADDED', 'UPDATED', 'DELETED']);
    expect(updates[0].entry).toMatchObject({ id: entry.id, html: '<p>Pukul 10.15: hujan mulai reda.</p>', pinned: false });
    expect(updates[1].entry).toMatchObject({ id: entry.id, pinned: true, title: 'Penting' });
    expect(updates[2].entry).toEqual({ id: entry.id, createdAt: null, updatedAt: null, pinned: null, keyEvent: null, title: null, html: null });
    for (const event of events) expect(event.id).toBe(event.data.data.liveBlogUpdates.cursor);
  });

  it('refuses an unknown slug with NOT_FOUND', async () => {
    const stream = await subscribe(UPDATES, { slug: 'tidak-ada-artikel-ini' });
    expect(JSON.parse((await stream.next()).data).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('streams', () => {
  it('send a heartbeat comment on an idle stream', async () => {
    const stream = await subscribe(LATEST);
    // The first comment goes out at once; the others are heartbeats (SSE_HEARTBEAT_MS is 50 here).
    await stream.commentsAtLeast(3);
    expect(stream.comments).toBeGreaterThanOrEqual(3);
  });

  it('are limited per client, and the subscriber count returns to zero when clients leave', async () => {
    const streams: SseStream[] = [];
    for (let i = 0; i < MAX_PER_CLIENT; i += 1) streams.push(await subscribe(LATEST));
    expect(hub.subscriberCount).toBe(MAX_PER_CLIENT);
    const refused = await subscribe(LATEST);
    const event = await refused.next();
    expect(JSON.parse(event.data).errors[0].extensions.code).toBe('TOO_MANY_STREAMS');
    expect(JSON.parse(event.data).errors[0].extensions.http).toBeUndefined();
    // Half leave by aborting their request, half by dropping the response body.
    streams.forEach((stream, i) => (i % 2 === 0 ? stream.abort() : void stream.cancel()));
    await eventually(() => hub.subscriberCount === 0, 'the subscriber count is back to zero');
    const again = await subscribe(LATEST);
    expect(again.ended).toBe(false);
    expect(hub.subscriberCount).toBe(1);
  });

  it('end with "complete" when the hub closes', async () => {
    const ownFeed = new ChangeFeed(database.connectionString, { log: () => undefined }).start();
    await ownFeed.ready;
    const stopping = new AbortController();
    const ownHub = new LiveHub({ db: database.db, changes: ownFeed, maxStreamsPerClient: 5, maxStreams: 5, signal: stopping.signal });
    const ownClient = createTestClient(database.db, {}, { changes: ownFeed, live: ownHub });
    const stream = await openEventStream(ownClient, LATEST);
    await eventually(() => ownHub.subscriberCount === 1, 'the stream is registered');
    stopping.abort();
    const event = await stream.next();
    expect(event.event).toBe('complete');
    expect(ownHub.subscriberCount).toBe(0);
    await ownFeed.close();
  });
});
