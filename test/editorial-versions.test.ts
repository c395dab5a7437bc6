import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, type TestClient } from './helpers/client';
import { codeOf, createDraft, op, signInAs, type SignedIn } from './helpers/editorial';

// Optimistic locking: two people saving the same article, interleaved. A save made to an old
// version changes nothing and is reported with VERSION_CONFLICT and the current version; no
// successful save is ever lost. Saves by one editor within a minute fold into one revision.

let database: TestDatabase;
let client: TestClient;
let a: SignedIn;
let b: SignedIn;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 8 });
  client = createTestClient(database.db);
  a = await signInAs(client, database.db, 'editor', 'Editor A');
  b = await signInAs(client, database.db, 'editor', 'Editor B');
});
afterAll(() => database.drop());

const READ = 'query($id: ID!) { editorArticle(id: $id) { version bodyHtml } }';

describe('version conflicts', () => {
  it('two editors × 100 interleaved saves: no lost update, every rejected save reported', async () => {
    const draft = await createDraft(client, a, { bodyHtml: '<p>awal</p>' });
    const accepted: string[] = [];
    const rejected: { expected: number; current: number }[] = [];
    const editor = async (who: SignedIn, label: string) => {
      let seen = (await client.graphql(READ, { id: draft.id }, who.headers)).data.editorArticle;
      for (let i = 0; i < 100; i += 1) {
        const marker = `${label}${i}`;
        const res = await client.graphql(
          op('UpdateArticle'),
          {
            id: draft.id,
            expectedVersion: seen.version,
            input: { bodyHtml: `${seen.bodyHtml}<p>${marker}</p>` },
          },
          who.headers,
        );
        if (res.errors) {
          expect(codeOf(res)).toBe('VERSION_CONFLICT');
          const current = res.errors[0]!.extensions!.currentVersion as number;
          expect(current).toBeGreaterThan(seen.version);
          rejected.push({ expected: seen.version, current });
          seen = (await client.graphql(READ, { id: draft.id }, who.headers)).data.editorArticle;
        } else {
          accepted.push(marker);
          seen = { version: res.data.updateArticle.article.version, bodyHtml: `${seen.bodyHtml}<p>${marker}</p>` };
        }
        // Let the other editor's request in between.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([editor(a, 'A'), editor(b, 'B')]);
    const final = (await client.graphql(READ, { id: draft.id }, a.headers)).data.editorArticle;
    expect(accepted.length + rejected.length).toBe(200);
    expect(rejected.length).toBeGreaterThan(0);
    expect(final.version).toBe(1 + accepted.length);
    for (const marker of accepted) expect(final.bodyHtml).toContain(`<p>${marker}</p>`);
    const markers = [...final.bodyHtml.matchAll(/<p>([AB]\d+)<\/p>/g)].map((m) => m[1]);
    expect(markers.sort()).toEqual([...accepted].sort());
  });

  it('saves by one editor within a minute share a revision; versions still count every save', async () => {
    const draft = await createDraft(client, a);
    let version = draft.version;
    for (let i = 0; i < 10; i += 1) {
      const res = await client.graphql(
        op('UpdateArticle'),
        { id: draft.id, expectedVersion: version, input: { excerpt: `ringkasan ${i}` } },
        a.headers,
      );
      version = res.data.updateArticle.article.version;
    }
    expect(version).toBe(11);
    const view = await client.graphql(
      'query($id: ID!) { editorArticle(id: $id) { revisions(first: 50) { edges { node { version firstVersion kind editor { name } } } } } }',
      { id: draft.id },
      a.headers,
    );
    expect(view.data.editorArticle.revisions.edges.map((e: any) => e.node)).toEqual([
      { version: 11, firstVersion: 2, kind: 'save', editor: { name: 'Editor A' } },
      { version: 1, firstVersion: 1, kind: 'create', editor: { name: 'Editor A' } },
    ]);
    // Another editor's save starts a revision of its own; so does publishing.
    const byB = await client.graphql(op('UpdateArticle'), { id: draft.id, expectedVersion: 11, input: { excerpt: 'B' } }, b.headers);
    expect(byB.data.updateArticle.article.version).toBe(12);
    const byA = await client.graphql(op('UpdateArticle'), { id: draft.id, expectedVersion: 12, input: { excerpt: 'A lagi' } }, a.headers);
    expect(byA.data.updateArticle.article.version).toBe(13);
    const after = await client.graphql(
      'query($id: ID!) { editorArticle(id: $id) { revisions(first: 50) { edges { node { version firstVersion } } } } }',
      { id: draft.id },
      a.headers,
    );
    expect(after.data.editorArticle.revisions.edges.map((e: any) => e.node.version)).toEqual([13, 12, 11, 1]);
    // Restoring a version inside a folded range brings back that revision's content, as a new version.
    const restored = await client.graphql(op('RestoreRevision'), { id: draft.id, version: 5, expectedVersion: 13 }, a.headers);
    expect(restored.errors).toBeUndefined();
    expect(restored.data.restoreRevision.article.version).toBe(14);
  });

  it('a save that changes nothing makes no new version', async () => {
    const draft = await createDraft(client, a, { title: 'Tetap sama' });
    const view = await client.graphql(
      'query($id: ID!) { editorArticle(id: $id) { bodyHtml tags { name } section { slug } } }',
      { id: draft.id },
      a.headers,
    );
    const same = { title: 'Tetap sama', bodyHtml: view.data.editorArticle.bodyHtml, section: 'nasional', tags: [] };
    const res = await client.graphql(op('UpdateArticle'), { id: draft.id, expectedVersion: 1, input: same }, a.headers);
    expect(res.data.updateArticle.article.version).toBe(1);
  });

  it('revisions cannot be rewritten outside the coalescing window', async () => {
    const draft = await createDraft(client, a);
    await expect(
      database.db
        .updateTable('article_revisions' as never)
        .set({ version: 99 } as never)
        .where('kind' as never, '=', 'create' as never)
        .execute(),
    ).rejects.toThrow(/immutable/);
    expect(draft.version).toBe(1);
  });
});
