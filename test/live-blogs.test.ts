import { sql } from 'kysely';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { useTestApp } from './helpers/app';
import { codeOf, createDraft, op, signInAs, type SignedIn } from './helpers/editorial';
import { readOperation } from './helpers/operations';
import { encodeEntryCursor } from '../src/live/repository';

// Live blogs (operations/live): who may write entries, what readers see (newest first, keyset
// pages both ways, clear errors for bad cursors), the change events the trigger writes, and the
// statement count of a page of live articles.

const { database, client } = useTestApp();
let editor: SignedIn;
let writer: SignedIn;
let otherWriter: SignedIn;

const ADD = readOperation('live/AddLiveEntry');
const LIVE_BLOG = readOperation('live/LiveBlog');
const SET_LIVE = 'mutation ($id: ID!, $live: Boolean!) { setArticleLive(articleId: $id, live: $live) { articleId isLive } }';
const UPDATE =
  'mutation ($id: ID!, $input: UpdateLiveEntryInput!) { updateLiveEntry(id: $id, input: $input) { entry { id title html pinned keyEvent } } }';
const DELETE = 'mutation ($id: ID!) { deleteLiveEntry(id: $id) { deletedId } }';

beforeAll(async () => {
  editor = await signInAs(client, database.db, 'editor');
  writer = await signInAs(client, database.db, 'writer');
  otherWriter = await signInAs(client, database.db, 'writer');
});

async function published(): Promise<{ id: string; slug: string; dbId: number }> {
  const draft = await createDraft(client, editor);
  const res = await client.graphql(op('PublishArticle'), { id: draft.id, expectedVersion: draft.version }, editor.headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const slug = res.data.publishArticle.article.slug as string;
  return { id: draft.id, slug, dbId: Number(Buffer.from(draft.id, 'base64').toString().split(':')[1]) };
}

async function add(who: SignedIn, articleId: string, input: Record<string, unknown>) {
  return client.graphql(ADD, { articleId, input }, who.headers);
}

async function eventsOf(articleId: number) {
  return database.db
    .selectFrom('change_events')
    .select(['type', 'article_id', 'section_id', 'entity_id'])
    .where('article_id', '=', articleId)
    .where('type', 'like', 'live_entry.%')
    .orderBy('id')
    .execute();
}

describe('writing live entries', () => {
  it('lets an editor set an article live and a writer add entries to it, sanitised like article bodies', async () => {
    const article = await published();
    expect(codeOf(await add(writer, article.id, { html: '<p>Belum live.</p>' }))).toBe('FORBIDDEN');
    expect(codeOf(await client.graphql(SET_LIVE, { id: article.id, live: true }, writer.headers))).toBe('FORBIDDEN');
    const set = await client.graphql(SET_LIVE, { id: article.id, live: true }, editor.headers);
    expect(set.data.setArticleLive).toEqual({ articleId: article.id, isLive: true });
    const res = await add(writer, article.id, {
      html: '<p onclick="x()">Pukul 10.15 WIB: evakuasi dimulai.</p><script>alert(1)</script>',
      title: '  Evakuasi  ',
      keyEvent: true,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.addLiveEntry.entry).toMatchObject({
      html: '<p>Pukul 10.15 WIB: evakuasi dimulai.</p>',
      title: 'Evakuasi',
      keyEvent: true,
      pinned: false,
      createdAt: expect.any(String),
    });
    const page = await client.graphql(LIVE_BLOG, { slug: article.slug });
    expect(page.data.article.isLive).toBe(true);
    expect(page.data.article.liveEntries.edges.map((e: any) => e.node.id)).toEqual([res.data.addLiveEntry.entry.id]);
  });

  it('refuses anonymous calls, empty or oversized entries and unknown articles with the contract codes', async () => {
    const article = await published();
    expect(codeOf(await client.graphql(ADD, { articleId: article.id, input: { html: '<p>x</p>' } }))).toBe('UNAUTHENTICATED');
    const empty = await add(editor, article.id, { html: '<script>x</script>' });
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors![0]!.extensions!.field).toBe('html');
    expect(codeOf(await add(editor, article.id, { html: `<p>${'a'.repeat(70_000)}</p>` }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await add(editor, encodeGlobalID('Article', 2_000_000_000), { html: '<p>x</p>' }))).toBe('NOT_FOUND');
  });

  it('lets writers change and delete only their own entries, editors any', async () => {
    const article = await published();
    await client.graphql(SET_LIVE, { id: article.id, live: true }, editor.headers);
    const mine = (await add(writer, article.id, { html: '<p>Punya saya.</p>' })).data.addLiveEntry.entry;
    expect(codeOf(await client.graphql(UPDATE, { id: mine.id, input: { pinned: true } }, otherWriter.headers))).toBe('FORBIDDEN');
    const updated = await client.graphql(UPDATE, { id: mine.id, input: { pinned: true, title: null } }, writer.headers);
    expect(updated.data.updateLiveEntry.entry).toMatchObject({ id: mine.id, pinned: true, title: null });
    expect(codeOf(await client.graphql(DELETE, { id: mine.id }, otherWriter.headers))).toBe('FORBIDDEN');
    expect((await client.graphql(DELETE, { id: mine.id }, editor.headers)).data.deleteLiveEntry.deletedId).toBe(mine.id);
    expect(codeOf(await client.graphql(DELETE, { id: mine.id }, editor.headers))).toBe('NOT_FOUND');
    const page = await client.graphql(LIVE_BLOG, { slug: article.slug });
    expect(page.data.article.liveEntries.edges).toEqual([]);
  });

  it('records live_entry events in the change log for public articles only', async () => {
    const article = await published();
    const entry = (await add(editor, article.id, { html: '<p>Satu.</p>' })).data.addLiveEntry.entry;
    await client.graphql(UPDATE, { id: entry.id, input: { html: '<p>Satu, diperbaiki.</p>' } }, editor.headers);
    // Nothing changed: no event.
    await client.graphql(UPDATE, { id: entry.id, input: { html: '<p>Satu, diperbaiki.</p>' } }, editor.headers);
    await client.graphql(DELETE, { id: entry.id }, editor.headers);
    const entryId = Number(Buffer.from(entry.id, 'base64').toString().split(':')[1]);
    const { section_id: sectionId } = await database.db
      .selectFrom('articles')
      .select('section_id')
      .where('id', '=', article.dbId)
      .executeTakeFirstOrThrow();
    expect(await eventsOf(article.dbId)).toEqual(
      ['live_entry.added', 'live_entry.updated', 'live_entry.deleted'].map((type) => ({
        type,
        article_id: article.dbId,
        section_id: sectionId,
        entity_id: entryId,
      })),
    );
    // A draft's entries stay private: no events (publication announces the article).
    const draft = await createDraft(client, editor);
    await add(editor, draft.id, { html: '<p>Disiapkan.</p>' });
    const draftId = Number(Buffer.from(draft.id, 'base64').toString().split(':')[1]);
    expect(await eventsOf(draftId)).toEqual([]);
    // Direct SQL writes produce the same events as the API (triggers).
    await sql`insert into live_entries (article_id, html) values (${article.dbId}, '<p>Dari psql.</p>')`.execute(database.db);
    expect((await eventsOf(article.dbId)).at(-1)!.type).toBe('live_entry.added');
  });
});

describe('reading live entries', () => {
  let article: { id: string; slug: string; dbId: number };
  let ids: string[];

  beforeAll(async () => {
    article = await published();
    ids = [];
    for (let i = 1; i <= 5; i += 1) ids.push((await add(editor, article.id, { html: `<p>Kabar ${i}.</p>` })).data.addLiveEntry.entry.id);
  });

  const page = (args: string) =>
    client.graphql(
      `query ($slug: String!) { article(slug: $slug) { liveEntries(${args}) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id html } } } } }`,
      { slug: article.slug },
    );

  it('lists newest first and pages back with first/after', async () => {
    const first = await page('first: 2');
    const connection = first.data.article.liveEntries;
    expect(connection.edges.map((e: any) => e.node.id)).toEqual([ids[4], ids[3]]);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    const second = await page(`first: 10, after: "${connection.pageInfo.endCursor}"`);
    expect(second.data.article.liveEntries.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(second.data.article.liveEntries.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('returns what was added since a cursor with last/before (the polling fallback)', async () => {
    const oldest = encodeEntryCursor(Number(Buffer.from(ids[1]!, 'base64').toString().split(':')[1]));
    const since = await page(`last: 2, before: "${oldest}"`);
    expect(since.data.article.liveEntries.edges.map((e: any) => e.node.id)).toEqual([ids[3], ids[2]]);
    expect(since.data.article.liveEntries.pageInfo.hasPreviousPage).toBe(true);
    const rest = await page(`last: 10, before: "${since.data.article.liveEntries.pageInfo.startCursor}"`);
    expect(rest.data.article.liveEntries.edges.map((e: any) => e.node.id)).toEqual([ids[4]]);
    expect(rest.data.article.liveEntries.pageInfo.hasPreviousPage).toBe(false);
  });

  it('refuses malformed cursors and oversized pages with BAD_USER_INPUT', async () => {
    const bad = await page('first: 2, after: "bukan-kursor"');
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/"after" is not a valid cursor/);
    expect(codeOf(await page('first: 101'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await page('first: 1, last: 1'))).toBe('BAD_USER_INPUT');
  });

  it('answers a GET of the polling query with a public Cache-Control', async () => {
    const query = `query LiveBlog($slug: String!) { article(slug: $slug) { liveEntries(first: 5) { edges { node { id } } } } }`;
    const url = `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ slug: article.slug }))}`;
    const res = await client.request(url, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(new RegExp(`^public, max-age=${client.config.live.cacheSeconds}(,|$)`));
  });

  it('reads flags and first pages of a list of articles in one statement each, however many', async () => {
    const query = `query ($n: Int!) { latest(first: $n) { isLive liveEntries(first: 3) { edges { node { id html } } } } }`;
    const counts: number[] = [];
    for (const n of [2, 20]) {
      database.resetStatements();
      const res = await client.graphql(query, { n });
      expect(res.errors).toBeUndefined();
      counts.push(database.statements.length);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(2);
  });
});
