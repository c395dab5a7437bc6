import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, type TestClient } from './helpers/client';
import { codeOf, createDraft, op, signInAs, type SignedIn } from './helpers/editorial';
import { sanitizeArticleHtml } from '../src/content/body';

// What readers see of the writing side: take-downs leave every public surface at once, previews
// never reach a public answer or any cache, hostile bodies are sanitised like imported ones, and
// bad input is refused naming the field. The app runs with the response cache on.

let database: TestDatabase;
let client: TestClient;
let writer: SignedIn;
let editor: SignedIn;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createTestClient(database.db, { responseCache: true, feedCacheSeconds: 60 });
  writer = await signInAs(client, database.db, 'writer');
  editor = await signInAs(client, database.db, 'editor');
});
afterAll(() => database.drop());

const ARTICLE = 'query($slug: String!) { article(slug: $slug) { slug title } }';
const LATEST = '{ latest(first: 20) { slug } }';
const SEARCH = 'query($q: String!) { search(query: $q, first: 10) { totalCount } }';
const PUBLIC_DOCUMENTS = ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json', '/feeds/sections/nasional/rss.xml', '/sitemaps/news.xml'];

/** Every public place an article could show up in, as text. */
async function publicSurfaces(slug: string, word: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  out.article = JSON.stringify((await client.graphql(ARTICLE, { slug })).data);
  out.latest = JSON.stringify((await client.graphql(LATEST)).data);
  out.search = JSON.stringify((await client.graphql(SEARCH, { q: word })).data);
  out.trending = JSON.stringify((await client.graphql('{ trending(window: DAY, first: 10) { items { article { slug } } } }')).data);
  out.sectionLatest = JSON.stringify((await client.graphql('{ section(slug: "nasional") { latest(first: 20) { slug } } }')).data);
  for (const path of PUBLIC_DOCUMENTS) out[path] = await (await client.request(path)).text();
  return out;
}

describe('take-down', () => {
  it('removes the article from article, latest, section lists, trending, search, feeds and the news sitemap at once', async () => {
    const word = 'Zebrakudanusantara';
    const draft = await createDraft(client, writer, { title: `${word} ditemukan di Flores`, bodyHtml: `<p>${word} langka terlihat.</p>` });
    const published = await client.graphql(op('PublishArticle'), { id: draft.id, expectedVersion: 1 }, editor.headers);
    expect(published.errors).toBeUndefined();
    // Make it the most read article of the day, so that Terpopuler lists it.
    const id = Number(Buffer.from(draft.id, 'base64').toString().split(':')[1]);
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await database.db.insertInto('article_views_hourly').values({ article_id: id, hour, views: 1_000_000 }).execute();
    await client.trending.refresh();
    const before = await publicSurfaces(draft.slug, word);
    for (const [surface, text] of Object.entries(before)) {
      if (surface === 'search') expect(JSON.parse(text).search.totalCount).toBeGreaterThan(0);
      else expect({ surface, found: text.includes(draft.slug) }).toEqual({ surface, found: true });
    }
    const down = await client.graphql(op('UnpublishArticle'), { id: draft.id, expectedVersion: 2 }, editor.headers);
    expect(down.data.unpublishArticle.article.status).toBe('ARCHIVED');
    const after = await publicSurfaces(draft.slug, word);
    for (const [surface, text] of Object.entries(after)) {
      if (surface === 'search') expect(JSON.parse(text).search.totalCount).toBe(0);
      else expect({ surface, found: text.includes(draft.slug) }).toEqual({ surface, found: false });
    }
  });
});

describe('previews', () => {
  it('never appear in a public answer, list or feed, and are never cached', async () => {
    const word = 'Rahasiapratinjau';
    const draft = await createDraft(client, writer, { title: `${word} kabinet baru`, bodyHtml: `<p>${word} bocor.</p>` });
    const link = (await client.graphql(op('CreatePreviewLink'), { id: draft.id }, writer.headers)).data.createPreviewLink;

    const get = (token: string) =>
      client.request(`/graphql?query=${encodeURIComponent(op('ArticlePreview'))}&variables=${encodeURIComponent(JSON.stringify({ token }))}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
    for (let i = 0; i < 2; i += 1) {
      const response = await get(link.token);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('etag')).toBeNull();
      expect((await response.json()).data.articlePreview.title).toContain(word);
    }
    const post = await client.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: op('ArticlePreview'), variables: { token: link.token } }),
    });
    expect(post.headers.get('cache-control')).toBe('private, no-store');

    // Not in any public place, including by id.
    const surfaces = await publicSurfaces(draft.slug, word);
    for (const [surface, text] of Object.entries(surfaces))
      expect({ surface, leaked: text.includes(word) || text.includes(draft.slug) }).toEqual({ surface, leaked: false });
    const byId = await client.graphql('query($id: ID!) { node(id: $id) { id } article(id: $id) { title } }', { id: draft.id });
    expect(byId.data).toEqual({ node: null, article: null });

    // A saved change shows at once (nothing was cached), and a revoked link shows nothing.
    await client.graphql(op('UpdateArticle'), { id: draft.id, expectedVersion: 1, input: { title: `${word} kabinet berubah` } }, writer.headers);
    expect((await (await get(link.token)).json()).data.articlePreview).toMatchObject({ title: `${word} kabinet berubah`, version: 2 });
    await client.graphql('mutation($t: String!) { revokePreviewLink(token: $t) }', { t: link.token }, writer.headers);
    expect((await (await get(link.token)).json()).data.articlePreview).toBeNull();
  });

  it('shows a preview with related articles and ad slots like the article page', async () => {
    const draft = await createDraft(client, writer, { bodyHtml: '<p>a</p><p>b</p><p>c</p><p>d</p>', tags: ['Politik'] });
    const link = (await client.graphql(op('CreatePreviewLink'), { id: draft.id }, writer.headers)).data.createPreviewLink;
    const res = await client.graphql(
      'query($t: String!) { articlePreview(token: $t) { slug publishedAt url section { slug } author { name } tags { name } related(first: 3) { slug } blocks { __typename } } }',
      { t: link.token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.articlePreview).toMatchObject({ slug: draft.slug, section: { slug: 'nasional' }, tags: [{ name: 'Politik' }] });
    expect(res.data.articlePreview.blocks.map((b: any) => b.__typename)).toContain('AdSlot');
  });

  it('an answer to a request with an Authorization header is private and never stored', async () => {
    const response = await client.request('/graphql?query=%7Blatest(first%3A1)%7Bslug%7D%7D', {
      headers: { authorization: editor.headers.authorization! },
    });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const anonymous = await client.request('/graphql?query=%7Blatest(first%3A1)%7Bslug%7D%7D');
    expect(anonymous.headers.get('cache-control')).toMatch(/^public/);
  });
});

describe('hostile bodies', () => {
  it("are sanitised on the way in with the importer's rules", async () => {
    const hostile = [
      '<p onclick="steal()">Halo <a href="javascript:alert(1)">klik</a></p>',
      '<script>document.cookie</script><style>body{}</style>',
      '<img src="https://img.kabar.test/a.jpg" onerror="x()">',
      '<iframe src="https://evil.example/embed"></iframe>',
      '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
      '<form action="/x"><input name="p"></form><p>Akhir</p>',
    ].join('');
    const draft = await createDraft(client, writer, { bodyHtml: hostile });
    const view = await client.graphql('query($id: ID!) { editorArticle(id: $id) { bodyHtml } }', { id: draft.id }, writer.headers);
    const body = view.data.editorArticle.bodyHtml as string;
    expect(body).toBe(sanitizeArticleHtml(hostile));
    for (const bad of ['<script', 'onclick', 'javascript:', 'onerror', 'evil.example', '<style', '<form', '<input']) expect(body).not.toContain(bad);
    expect(body).toContain('youtube.com/embed/abc');
    expect(body).toContain('Akhir');
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['unknown section', { title: 'Judul', section: 'tidak-ada', bodyHtml: '<p>x</p>' }, 'section'],
    ['empty title', { title: '   ', section: 'nasional', bodyHtml: '<p>x</p>' }, 'title'],
    ['oversized body', { title: 'Judul', section: 'nasional', bodyHtml: `<p>${'a'.repeat(600 * 1024)}</p>` }, 'bodyHtml'],
    ['bad hero image URL', { title: 'Judul', section: 'nasional', bodyHtml: '<p>x</p>', heroImage: { url: 'javascript:alert(1)' } }, 'heroImage.url'],
    [
      'bad hero image size',
      { title: 'Judul', section: 'nasional', bodyHtml: '<p>x</p>', heroImage: { url: 'https://a.test/x.jpg', width: -5 } },
      'heroImage.width',
    ],
    ['too many tags', { title: 'Judul', section: 'nasional', bodyHtml: '<p>x</p>', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
  ];
  it.each(cases)('%s → BAD_USER_INPUT naming the field', async (_name, input, field) => {
    const res = await client.graphql(op('CreateArticle'), { input }, writer.headers);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(res.errors![0]!.message).toContain(`"${field}"`);
  });

  it('updates are checked the same way, and a published slug cannot change', async () => {
    const draft = await createDraft(client, writer);
    const empty = await client.graphql(op('UpdateArticle'), { id: draft.id, expectedVersion: 1, input: { title: '' } }, writer.headers);
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const published = await client.graphql(op('PublishArticle'), { id: draft.id, expectedVersion: 1 }, editor.headers);
    const rename = await client.graphql(
      op('UpdateArticle'),
      { id: draft.id, expectedVersion: 2, input: { title: 'Judul yang sama sekali lain', slug: 'judul-lain' } },
      editor.headers,
    );
    expect(rename.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
    const retitle = await client.graphql(
      op('UpdateArticle'),
      { id: draft.id, expectedVersion: 2, input: { title: 'Judul yang sama sekali lain' } },
      editor.headers,
    );
    expect(retitle.data.updateArticle.article).toMatchObject({
      slug: published.data.publishArticle.article.slug,
      title: 'Judul yang sama sekali lain',
    });
  });

  it('an unknown article is NOT_FOUND', async () => {
    const res = await client.graphql(
      op('UpdateArticle'),
      { id: Buffer.from('Article:999999').toString('base64'), expectedVersion: 1, input: { title: 'x' } },
      editor.headers,
    );
    expect(codeOf(res)).toBe('NOT_FOUND');
  });
});

describe('sign-in throttle', () => {
  it('slows down, then locks, the same way for known and unknown e-mails', async () => {
    const wrong = async (email: string) => client.graphql(op('SignIn'), { email, password: 'salah-sekali' });
    for (const email of [writer.email, 'tidak.ada@kabar.test']) {
      const codes: unknown[] = [];
      const messages = new Set<string>();
      for (let i = 0; i < 6; i += 1) {
        const res = await wrong(email);
        codes.push(codeOf(res));
        if (codeOf(res) === 'UNAUTHENTICATED') messages.add(res.errors![0]!.message);
      }
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
      expect([...messages]).toEqual(['E-mail or password is wrong, or the account is disabled.']);
    }
  }, 30_000);

  it('locks a client that tries many e-mails, and only that client', async () => {
    const from = async (address: string, email: string, password = 'salah') => {
      const request = new Request('http://kabar.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: op('SignIn'), variables: { email, password } }),
      });
      return (await client.app.fetch(request, { req: { socket: { remoteAddress: address } } })).json();
    };
    // Four times the per-e-mail limit (5): one proxy's worth of typos does not lock a newsroom out.
    const codes: unknown[] = [];
    for (let i = 0; i < 21; i += 1) codes.push(codeOf(await from('203.0.113.7', `tebak${i}@kabar.test`)));
    expect(codes.indexOf('TOO_MANY_ATTEMPTS')).toBe(19);
    expect(codeOf(await from('203.0.113.7', 'lain@kabar.test'))).toBe('TOO_MANY_ATTEMPTS');
    expect(codeOf(await from('198.51.100.2', 'lain@kabar.test'))).toBe('UNAUTHENTICATED');
  }, 30_000);
});
