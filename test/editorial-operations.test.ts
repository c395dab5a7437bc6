import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, type TestClient } from './helpers/client';
import { codeOf, createDraft, op, signInAs, type SignedIn } from './helpers/editorial';

// The operations of operations/editorial, exactly as written, end to end: a writer drafts, saves,
// previews; an editor publishes, schedules, takes down, restores; an admin registers a webhook.

let database: TestDatabase;
let client: TestClient;
let writer: SignedIn;
let editor: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createTestClient(database.db);
  writer = await signInAs(client, database.db, 'writer', 'Rina Wartawan');
  editor = await signInAs(client, database.db, 'editor');
  admin = await signInAs(client, database.db, 'admin');
});
afterAll(() => database.drop());

describe('editorial operations', () => {
  it('SignIn returns a token and the staff member', async () => {
    const res = await client.graphql(op('SignIn'), { email: 'nobody@kabar.test', password: 'x' });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    const me = await client.graphql('{ me { name role email } }', {}, writer.headers);
    expect(me.data.me).toMatchObject({ name: 'Rina Wartawan', role: 'WRITER', email: writer.email });
  });

  it('CreateArticle, UpdateArticle, EditorArticle, RestoreRevision', async () => {
    const created = await client.graphql(
      op('CreateArticle'),
      {
        input: {
          title: 'Harga cabai naik menjelang Natal',
          section: 'ekonomi',
          bodyHtml: '<p>Harga cabai rawit naik dua kali lipat.</p>',
          subtitle: 'Pedagang mengeluh',
          excerpt: 'Cabai rawit kini Rp 90.000 per kilogram.',
          dateline: 'JAKARTA',
          tags: ['Cabai', 'Inflasi'],
          heroImage: { url: 'https://img.kabar.test/cabai.jpg', width: 1200, height: 800, caption: 'Pasar', credit: 'Kabar' },
        },
      },
      writer.headers,
    );
    expect(created.errors).toBeUndefined();
    const article = created.data.createArticle.article;
    expect(article).toMatchObject({
      slug: 'harga-cabai-naik-menjelang-natal',
      title: 'Harga cabai naik menjelang Natal',
      status: 'DRAFT',
      version: 1,
    });

    const updated = await client.graphql(
      op('UpdateArticle'),
      { id: article.id, expectedVersion: 1, input: { title: 'Harga cabai melonjak menjelang Natal' } },
      writer.headers,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateArticle.article).toMatchObject({ version: 2, slug: 'harga-cabai-melonjak-menjelang-natal' });

    const stale = await client.graphql(op('UpdateArticle'), { id: article.id, expectedVersion: 1, input: { title: 'Lain' } }, writer.headers);
    expect(codeOf(stale)).toBe('VERSION_CONFLICT');
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(2);

    const restored = await client.graphql(op('RestoreRevision'), { id: article.id, version: 1, expectedVersion: 2 }, writer.headers);
    expect(restored.errors).toBeUndefined();
    expect(restored.data.restoreRevision.article).toMatchObject({ title: 'Harga cabai naik menjelang Natal', status: 'DRAFT', version: 3 });

    const view = await client.graphql(op('EditorArticle'), { id: article.id }, writer.headers);
    expect(view.errors).toBeUndefined();
    const revisions = view.data.editorArticle.revisions.edges.map((e: any) => e.node);
    expect(revisions.map((r: any) => r.version)).toEqual([3, 2, 1]);
    expect(revisions[0]).toMatchObject({ title: 'Harga cabai naik menjelang Natal', editor: { name: 'Rina Wartawan' } });
    // The newsroom screen reads the hero image back through the staff view.
    const hero = await client.graphql(
      'query($id: ID!) { editorArticle(id: $id) { heroImage { url width height caption credit } } }',
      { id: article.id },
      writer.headers,
    );
    expect(hero.errors).toBeUndefined();
    expect(hero.data.editorArticle.heroImage).toEqual({
      url: 'https://img.kabar.test/cabai.jpg',
      width: 1200,
      height: 800,
      caption: 'Pasar',
      credit: 'Kabar',
    });
  });

  it('CreatePreviewLink and ArticlePreview show a never-published draft', async () => {
    const draft = await createDraft(client, writer, { bodyHtml: '<p>Satu.</p><p>Dua.</p><p>Tiga.</p><p>Empat.</p>' });
    const link = await client.graphql(op('CreatePreviewLink'), { id: draft.id }, writer.headers);
    expect(link.errors).toBeUndefined();
    expect(link.data.createPreviewLink.url).toContain('/preview/');
    const preview = await client.graphql(op('ArticlePreview'), { token: link.data.createPreviewLink.token });
    expect(preview.errors).toBeUndefined();
    expect(preview.data.articlePreview).toMatchObject({ status: 'DRAFT', version: 1 });
    expect(preview.data.articlePreview.blocks.map((b: any) => b.__typename)).toEqual(['Paragraph', 'Paragraph', 'Paragraph', 'AdSlot', 'Paragraph']);
    const unknown = await client.graphql(op('ArticlePreview'), { token: 'kbp_unknown' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.articlePreview).toBeNull();
  });

  it('PublishArticle (now and scheduled) and UnpublishArticle', async () => {
    const draft = await createDraft(client, writer);
    const scheduledAt = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await client.graphql(op('PublishArticle'), { id: draft.id, expectedVersion: 1, at: scheduledAt }, editor.headers);
    expect(scheduled.errors).toBeUndefined();
    expect(scheduled.data.publishArticle.article).toMatchObject({ status: 'SCHEDULED', version: 2, publishedAt: scheduledAt });

    const now = await client.graphql(op('PublishArticle'), { id: draft.id, expectedVersion: 2 }, editor.headers);
    expect(now.errors).toBeUndefined();
    expect(now.data.publishArticle.article).toMatchObject({ status: 'PUBLISHED', version: 3 });
    expect(now.data.publishArticle.article.url).toContain(draft.slug);
    const pub = await client.graphql('query($slug: String!) { article(slug: $slug) { title status version } }', { slug: draft.slug });
    expect(pub.data.article).toMatchObject({ status: 'PUBLISHED', version: 3 });

    const down = await client.graphql(op('UnpublishArticle'), { id: draft.id, expectedVersion: 3 }, editor.headers);
    expect(down.errors).toBeUndefined();
    expect(down.data.unpublishArticle.article).toMatchObject({ status: 'ARCHIVED', version: 4, slug: draft.slug });
    const gone = await client.graphql('query($slug: String!) { article(slug: $slug) { title } }', { slug: draft.slug });
    expect(gone.data.article).toBeNull();
  });

  it('CreateWebhook stores the endpoint and shows the secret once', async () => {
    const res = await client.graphql(
      op('CreateWebhook'),
      { input: { url: 'https://hooks.kabar.test/in', events: ['article.published', 'article.withdrawn'] } },
      admin.headers,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.createWebhook.webhook).toMatchObject({ url: 'https://hooks.kabar.test/in', events: ['article.published', 'article.withdrawn'] });
    expect(res.data.createWebhook.webhook.secret).toMatch(/^whsec_/);
    const later = await client.graphql('{ webhooks { url secret } }', {}, admin.headers);
    expect(later.data.webhooks).toEqual([{ url: 'https://hooks.kabar.test/in', secret: null }]);
    const bad = await client.graphql(op('CreateWebhook'), { input: { url: 'ftp://x', events: ['nope'] } }, admin.headers);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });
});
