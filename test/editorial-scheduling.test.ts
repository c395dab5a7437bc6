import { sql } from 'kysely';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, testConfig, type TestClient } from './helpers/client';
import { codeOf, createDraft, op, signInAs, type SignedIn } from './helpers/editorial';
import { createDatabase } from '../src/db/database';
import { publishDueArticles } from '../src/editorial/scheduler';
import { editorialDb } from '../src/editorial/tables';
import { ContentGeneration, watchContentChanges } from '../src/cache/generation';
import { startService } from '../src/service';

// Scheduled publishing: due rows are claimed with FOR UPDATE SKIP LOCKED, so several processes
// publish each exactly once; overdue rows go out when a process starts; every process's response
// cache sees the change within a second of the commit.

let database: TestDatabase;
let client: TestClient;
let editor: SignedIn;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createTestClient(database.db);
  editor = await signInAs(client, database.db, 'editor');
});
afterAll(() => database.drop());

/** Drafts scheduled through the API, then made due by moving their time into the past. */
async function dueArticles(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const draft = await createDraft(client, editor);
    const res = await client.graphql(
      op('PublishArticle'),
      { id: draft.id, expectedVersion: draft.version, at: new Date(Date.now() + 3600_000).toISOString() },
      editor.headers,
    );
    expect(res.data.publishArticle.article.status).toBe('SCHEDULED');
    ids.push(Number(Buffer.from(draft.id, 'base64').toString().split(':')[1]));
  }
  await sql`update articles set published_at = now() - interval '1 second' where id = any(${ids}::int[])`.execute(database.db);
  return ids;
}

describe('scheduled publishing', () => {
  it('two job instances on one database publish each due article exactly once', async () => {
    const ids = await dueArticles(40);
    const pools = [0, 1].map(() => createDatabase({ connectionString: database.connectionString, poolSize: 2 }));
    try {
      // Each instance runs its job several times at once with the other's, in small batches.
      const runs = await Promise.all(pools.flatMap((pool) => [0, 1, 2].map(() => publishDueArticles(editorialDb(pool), 3))));
      const published = runs.flatMap((r) => r.published).filter((id) => ids.includes(id));
      expect(published.length).toBe(ids.length);
      expect(new Set(published).size).toBe(ids.length);
      expect(runs.filter((r) => r.published.length > 0).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(pools.map((p) => p.destroy()));
    }
    const counts = await sql<{ id: number; status: string; audits: number; revisions: number }>`
      select a.id, a.status,
        (select count(*) from audit_log l where l.action = 'article.published' and l.entity_id = a.id::text)::int as audits,
        (select count(*) from article_revisions r where r.article_id = a.id and r.kind = 'scheduled-publish')::int as revisions
      from articles a where a.id = any(${ids}::int[])`.execute(database.db);
    for (const row of counts.rows) expect(row).toMatchObject({ status: 'published', audits: 1, revisions: 1 });
  });

  it('a starting process publishes overdue scheduled articles before it answers', async () => {
    const ids = await dueArticles(3);
    const config = { ...testConfig(), databaseUrl: database.connectionString, seedDemo: false, dbPoolSize: 2 };
    const service = await startService(config, () => undefined);
    try {
      const rows = await database.db.selectFrom('articles').select(['id', 'status']).where('id', 'in', ids).execute();
      expect(rows.map((r) => r.status)).toEqual(['published', 'published', 'published']);
      const slug = (await database.db.selectFrom('articles').select('slug').where('id', '=', ids[0]!).executeTakeFirstOrThrow()).slug;
      const res = await service.app.fetch(
        new Request('http://kabar.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'query($s: String!) { article(slug: $s) { status } }', variables: { s: slug } }),
        }),
      );
      expect((await res.json()).data.article.status).toBe('PUBLISHED');
    } finally {
      await service.stop();
    }
  });

  it("a scheduled article shows up through another process's response cache within a second of going out", async () => {
    const generation = new ContentGeneration();
    const watcher = watchContentChanges(database.connectionString, generation, { log: () => undefined });
    await watcher.ready;
    const other = createTestClient(database.db, { responseCache: true, feedCacheSeconds: 60 }, { generation });
    try {
      const LATEST = '{ latest(first: 5) { slug } }';
      const draft = await createDraft(client, editor, { title: 'Gempa di laut Banda terasa hingga Ambon' });
      const scheduled = await client.graphql(
        op('PublishArticle'),
        { id: draft.id, expectedVersion: 1, at: new Date(Date.now() + 1500).toISOString() },
        editor.headers,
      );
      expect(scheduled.errors).toBeUndefined();
      // Primed: the cached answers (GraphQL, site RSS, news sitemap) do not have it.
      expect((await other.graphql(LATEST)).data.latest.map((a: any) => a.slug)).not.toContain(draft.slug);
      for (const path of ['/feeds/rss.xml', '/sitemaps/news.xml']) expect(await (await other.request(path)).text()).not.toContain(draft.slug);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const { published } = await publishDueArticles(editorialDb(database.db));
      const committedAt = Date.now();
      expect(published).toHaveLength(1);
      let seenAt = 0;
      while (Date.now() - committedAt < 2000) {
        if ((await other.graphql(LATEST)).data.latest.map((a: any) => a.slug).includes(draft.slug)) {
          seenAt = Date.now();
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(seenAt).toBeGreaterThan(0);
      expect(seenAt - committedAt).toBeLessThan(1000);
      // Each cached surface follows within the second too. A fresh read (LATEST above) can see the
      // article a moment before the job's NOTIFY reaches this process, since a scheduled article is
      // visible once due; cached surfaces follow that NOTIFY, so they are polled, not read once.
      for (const path of ['/feeds/rss.xml', '/sitemaps/news.xml']) {
        const shows = async () => (await (await other.request(path)).text()).includes(draft.slug);
        while (!(await shows()) && Date.now() - committedAt < 1000) await new Promise((resolve) => setTimeout(resolve, 10));
        expect({ path, shows: await shows() }).toEqual({ path, shows: true });
      }

      // An edit and a take-down made through this process reach the other one's cache as quickly.
      const within = async (check: () => Promise<boolean>) => {
        const started = Date.now();
        while (!(await check())) {
          if (Date.now() - started > 1000) return false;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return true;
      };
      const ARTICLE = 'query($s: String!) { article(slug: $s) { title version } }';
      const current = (await other.graphql(ARTICLE, { s: draft.slug })).data.article;
      await client.graphql(
        op('UpdateArticle'),
        { id: draft.id, expectedVersion: current.version, input: { title: 'Gempa di laut Banda: tidak berpotensi tsunami' } },
        editor.headers,
      );
      expect(await within(async () => (await other.graphql(ARTICLE, { s: draft.slug })).data.article.title.includes('tsunami'))).toBe(true);
      await client.graphql(op('UnpublishArticle'), { id: draft.id, expectedVersion: current.version + 1 }, editor.headers);
      expect(await within(async () => !(await other.graphql(LATEST)).data.latest.some((a: any) => a.slug === draft.slug))).toBe(true);
      expect(await (await other.request('/feeds/rss.xml')).text()).not.toContain(draft.slug);
    } finally {
      await watcher.close();
    }
  });

  it('bad dates are BAD_USER_INPUT naming "at"', async () => {
    const draft = await createDraft(client, editor);
    const far = await client.graphql(op('PublishArticle'), { id: draft.id, expectedVersion: 1, at: '2999-01-01T00:00:00Z' }, editor.headers);
    expect(codeOf(far)).toBe('BAD_USER_INPUT');
    expect(far.errors![0]!.message).toContain('"at"');
    const nonsense = await client.graphql(op('PublishArticle'), { id: draft.id, expectedVersion: 1, at: '2026-13-45T99:00:00Z' }, editor.headers);
    expect(codeOf(nonsense)).toBe('BAD_USER_INPUT');
    expect(nonsense.errors![0]!.message).toContain('at');
    expect(encodeGlobalID('Article', 1)).toBeTruthy();
  });
});
