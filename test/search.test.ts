import { readOperation } from './helpers/operations';
import { sql } from 'kysely';
import { useTestApp } from './helpers/app';
import { insertArticle } from './helpers/fixtures';
import { parseQuerySyntax } from '../src/search/query';
import { markedToHtml, MARK_END, MARK_START } from '../src/search/highlight';

// Search over articles of our own with made-up words ("zorblak", "kwazimodo"), so that the demo
// content around them cannot interfere with what each test expects.

const { database, client } = useTestApp({ config: { responseCache: false } });

const SEARCH = `query($q: String!, $first: Int, $after: String, $section: String, $from: DateTime, $until: DateTime) {
  search(query: $q, first: $first, after: $after, section: $section, publishedAfter: $from, publishedBefore: $until) {
    totalCount approximate
    pageInfo { hasNextPage endCursor }
    edges { cursor node { score titleHtml excerptHtml article { id slug title section { slug } } } }
  }
}`;

async function search(q: string, variables: Record<string, unknown> = {}) {
  return client.graphql(SEARCH, { q, first: 10, ...variables });
}

async function slugs(q: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  const res = await search(q, variables);
  expect(res.errors).toBeUndefined();
  return res.data.search.edges.map((e: { node: { article: { slug: string } } }) => e.node.article.slug);
}

const hourAgo = () => new Date(Date.now() - 3_600_000);

beforeAll(async () => {
  const sections = await database.db.selectFrom('sections').select(['id', 'slug']).orderBy('position').execute();
  const [first, second] = sections;
  await insertArticle(database.db, {
    slug: 'gubernur-resmikan-jembatan-zorblak',
    title: 'Gubernur Meresmikan Jembatan Zorblak di Kota Baru',
    section_id: first!.id,
    excerpt: 'Jembatan sepanjang 300 meter itu menghubungkan dua kecamatan.',
    bodyHtml: '<p>Gubernur meresmikan jembatan Zorblak pada Senin pagi.</p><p>Warga menyambut peresmian dengan gembira.</p>',
  });
  // The same made-up word in the title, the excerpt and the body of three articles.
  await insertArticle(database.db, {
    slug: 'kwazimodo-di-judul',
    title: 'Kwazimodo Menang Lomba Lari',
    section_id: first!.id,
    bodyHtml: '<p>Lomba lari diikuti ratusan peserta.</p>',
  });
  await insertArticle(database.db, {
    slug: 'kwazimodo-di-ringkasan',
    title: 'Lomba Lari Pagi Diikuti Ratusan Peserta',
    excerpt: 'Pemenangnya Kwazimodo dari Bandung.',
    section_id: first!.id,
    bodyHtml: '<p>Panitia puas dengan acara.</p>',
  });
  await insertArticle(database.db, {
    slug: 'kwazimodo-di-isi',
    title: 'Panitia Lomba Lari Puas',
    section_id: first!.id,
    bodyHtml: '<p>Juara pertama diraih Kwazimodo dari Bandung setelah berlari sejauh sepuluh kilometer.</p>',
  });
  // Phrases, exclusions and alternatives.
  await insertArticle(database.db, {
    slug: 'plumbus-grumbo',
    title: 'Plumbus Grumbo Dibuka untuk Umum',
    section_id: second!.id,
    bodyHtml: '<p>Taman baru.</p>',
  });
  await insertArticle(database.db, {
    slug: 'grumbo-plumbus',
    title: 'Grumbo dan Plumbus Bersaing',
    section_id: second!.id,
    bodyHtml: '<p>Dua taman.</p>',
  });
  await insertArticle(database.db, { slug: 'plumbus-saja', title: 'Plumbus Tanpa Saingan', section_id: second!.id, bodyHtml: '<p>Satu taman.</p>' });
  await insertArticle(database.db, { slug: 'snarfle-saja', title: 'Snarfle Juara Lagi', section_id: second!.id, bodyHtml: '<p>Lagi dan lagi.</p>' });
  // Escaping: a title and body that look like markup.
  await insertArticle(database.db, {
    slug: 'markup-qwertyuiop',
    title: '<script>alert("x")</script> Qwertyuiop & Rekan',
    section_id: first!.id,
    bodyHtml: '<p>Tag &lt;b&gt;Qwertyuiop&lt;/b&gt; bukan markup &amp; "kutipan".</p>',
  });
  // Paging: 25 articles that all mention "flibbertigibbet", once or several times.
  for (let i = 1; i <= 25; i += 1) {
    await insertArticle(database.db, {
      slug: `halaman-flibbertigibbet-${i}`,
      title: `Kabar Flibbertigibbet Nomor ${i}`,
      section_id: (i % 2 ? first : second)!.id,
      bodyHtml: `<p>${'flibbertigibbet '.repeat(1 + (i % 4))}dan cerita lain nomor ${i}.</p>`,
      published_at: new Date(Date.UTC(2024, 0, i, 5)),
    });
  }
  // Visibility: none of these may ever show up.
  const hidden = 'Dokumen Rahasia Xylophonix';
  await insertArticle(database.db, { slug: 'xylophonix-draft', title: hidden, status: 'draft', published_at: null });
  await insertArticle(database.db, {
    slug: 'xylophonix-future',
    title: hidden,
    status: 'scheduled',
    published_at: new Date(Date.now() + 86_400_000),
  });
  await insertArticle(database.db, { slug: 'xylophonix-archived', title: hidden, status: 'archived', published_at: hourAgo() });
  await insertArticle(database.db, {
    slug: 'xylophonix-published-future',
    title: hidden,
    status: 'published',
    published_at: new Date(Date.now() + 86_400_000),
  });
  await insertArticle(database.db, { slug: 'xylophonix-visible', title: 'Pengumuman Xylophonix untuk Umum', published_at: hourAgo() });
  await sql`analyze articles`.execute(database.db);
});

describe('the Indonesian configuration', () => {
  it("stems on this server: meresmikan finds resmi, in the configuration and in Kabar's document function", async () => {
    const { rows } = await sql<{ a: boolean; b: boolean }>`
      select to_tsvector('indonesian', 'meresmikan') @@ to_tsquery('indonesian', 'resmi') as a,
             kabar_search_document('meresmikan') @@ to_tsquery('indonesian', 'resmi') as b`.execute(database.db);
    expect(rows[0]).toEqual({ a: true, b: true });
  });
});

describe('search', () => {
  it('finds an article by stemmed words, in any inflection', async () => {
    expect(await slugs('resmi zorblak')).toEqual(['gubernur-resmikan-jembatan-zorblak']);
    expect(await slugs('Meresmikan JEMBATAN')).toContain('gubernur-resmikan-jembatan-zorblak');
  });

  it('ignores Indonesian stop words in queries and documents, and never highlights them', async () => {
    expect(await slugs('jembatan yang di zorblak')).toEqual(['gubernur-resmikan-jembatan-zorblak']);
    // "Jembatan Zorblak di Kota Baru": the phrase matches across the removed stop word.
    expect(await slugs('"zorblak di kota"')).toEqual(['gubernur-resmikan-jembatan-zorblak']);
    const res = await search('jembatan di zorblak');
    expect(res.data.search.edges[0].node.titleHtml).toBe('Gubernur Meresmikan <mark>Jembatan</mark> <mark>Zorblak</mark> di Kota Baru');
    const onlyStopWords = await search('yang dan di ke dari');
    expect(onlyStopWords.errors).toBeUndefined();
    expect(onlyStopWords.data.search).toMatchObject({ totalCount: 0, approximate: false, edges: [] });
  });

  it('ranks a title match above an excerpt match above a body match', async () => {
    expect(await slugs('kwazimodo')).toEqual(['kwazimodo-di-judul', 'kwazimodo-di-ringkasan', 'kwazimodo-di-isi']);
    const scores = (await search('kwazimodo')).data.search.edges.map((e: { node: { score: number } }) => e.node.score);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
  });

  it('understands web-search syntax: "phrases", -exclusions and or', async () => {
    expect((await slugs('plumbus grumbo')).sort()).toEqual(['grumbo-plumbus', 'plumbus-grumbo']);
    expect(await slugs('"plumbus grumbo"')).toEqual(['plumbus-grumbo']);
    expect(await slugs('plumbus -grumbo')).toEqual(['plumbus-saja']);
    expect(await slugs('plumbus -"plumbus grumbo"')).toEqual(expect.arrayContaining(['grumbo-plumbus', 'plumbus-saja']));
    expect((await slugs('snarfle or grumbo')).sort()).toEqual(['grumbo-plumbus', 'plumbus-grumbo', 'snarfle-saja']);
    expect(await slugs('"plumbus grumbo')).toEqual(['plumbus-grumbo']); // unbalanced quote: phrase to the end
    expect(parseQuerySyntax('a b or -c "d e" or')).toEqual([
      [
        { text: 'a', negated: false },
        { text: 'b', negated: false },
      ],
      [
        { text: 'c', negated: true },
        { text: 'd e', negated: false },
      ],
    ]);
  });

  it('corrects misspelt words, or falls back to similar titles, when no article contains the words, and says so', async () => {
    const res = await search('zorblek jembatn');
    expect(res.errors).toBeUndefined();
    expect(res.data.search.approximate).toBe(true);
    expect(res.data.search.totalCount).toBeGreaterThanOrEqual(1);
    expect(res.data.search.edges[0].node.article.slug).toBe('gubernur-resmikan-jembatan-zorblak');
    // Answered by the corrected query, whose words are marked.
    expect(res.data.search.edges[0].node.titleHtml).toBe('Gubernur Meresmikan <mark>Jembatan</mark> <mark>Zorblak</mark> di Kota Baru');
    // Exclusions hold in the fallback too.
    const excluded = await search('zorblek jembatn -gubernur');
    expect(excluded.data.search.edges.map((e: { node: { article: { slug: string } } }) => e.node.article.slug)).not.toContain(
      'gubernur-resmikan-jembatan-zorblak',
    );
    // A plain miss is an empty, exact answer.
    expect((await search('qqqqqq')).data.search).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('escapes titles and excerpts and marks only the matches', async () => {
    const res = await search('qwertyuiop');
    const node = res.data.search.edges[0].node;
    expect(node.titleHtml).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Qwertyuiop</mark> &amp; Rekan');
    // The body's text is "Tag <b>Qwertyuiop</b> bukan markup & "kutipan"." (the angle brackets are text).
    expect(node.excerptHtml).toMatch(/^Tag &lt;b&gt;<mark>Qwertyuiop<\/mark>&lt;\/b&gt; bukan markup &amp; &quot;kutipan/);
    expect(markedToHtml(`a ${MARK_START}<b>${MARK_END} ${MARK_START}x`)).toBe('a <mark>&lt;b&gt;</mark> <mark>x</mark>');
  });

  it('pages through all hits by cursor without repeats, best first', async () => {
    const seen: string[] = [];
    const scores: number[] = [];
    let after: string | null = null;
    let pages = 0;
    let total = 0;
    do {
      const res = await search('flibbertigibbet', { after });
      expect(res.errors).toBeUndefined();
      const page = res.data.search;
      total = page.totalCount;
      for (const edge of page.edges) {
        seen.push(edge.node.article.slug);
        scores.push(edge.node.score);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 10);
    expect(total).toBe(25);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const empty = await search('flibbertigibbet', { first: 0 });
    expect(empty.data.search.edges).toEqual([]);
    expect(empty.data.search.totalCount).toBe(25);
  });

  it('filters by section and publication date', async () => {
    const second = (await database.db.selectFrom('sections').select('slug').orderBy('position').offset(1).executeTakeFirstOrThrow()).slug;
    const inSection = await search('flibbertigibbet', { section: second, first: 100 });
    expect(inSection.data.search.totalCount).toBe(12);
    for (const edge of inSection.data.search.edges) expect(edge.node.article.section.slug).toBe(second);
    const january = await search('flibbertigibbet', { from: '2024-01-10T00:00:00Z', until: '2024-01-20T00:00:00Z', first: 100 });
    expect(january.data.search.totalCount).toBe(10);
    const unknown = await search('flibbertigibbet', { section: 'tidak-ada' });
    expect(unknown.errors?.[0]?.message).toMatch(/^Unknown section "tidak-ada"\. Known sections: /);
  });

  it('shows only published articles whose time has come', async () => {
    expect(await slugs('xylophonix')).toEqual(['xylophonix-visible']);
    expect((await search('xylophonix')).data.search.totalCount).toBe(1);
    // Only hidden articles have this title: full text finds nothing visible, and the typo-tolerant
    // fallback finds at most the visible article, which is merely similar.
    for (const q of ['"dokumen rahasia xylophonix"', 'dokumen rahasya xylophonik']) {
      const res = await search(q);
      expect(res.data.search.approximate).toBe(true);
      const found = res.data.search.edges.map((e: { node: { article: { slug: string } } }) => e.node.article.slug);
      expect(found.filter((slug: string) => slug !== 'xylophonix-visible')).toEqual([]);
    }
  });

  it('loads a page of hits with their articles and sections in a few statements (no N+1)', async () => {
    const operation = readOperation('Search');
    database.resetStatements();
    const res = await client.graphql(operation, { query: 'flibbertigibbet' });
    expect(res.errors).toBeUndefined();
    expect(res.data.search.edges).toHaveLength(10);
    // query analysis, the page (articles included), totalCount, sections
    expect(database.statements.length).toBeLessThanOrEqual(4);
  });
});

describe('hostile and odd queries', () => {
  it.each([
    ['an empty query', '', /^"query" is empty/],
    ['only white space', '   \t ', /^"query" is empty/],
    ['a 10 kB query', 'x'.repeat(10_000), /^"query" must be at most 200 characters; got 10000\.$/],
    ['only an exclusion', '-zorblak', /only excludes words/],
  ])('refuses %s with a clear message', async (_label, q, message) => {
    const res = await search(q);
    expect(res.status).toBe(200);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    '!!! ??? ((( ))) ---',
    "'; drop table articles; --",
    "zorblak') or 1=1 --",
    '"unbalanced',
    '"""',
    'a & b | !c <-> d:* \\',
    'zorblak\u0001 jembatan',
    '\ud800 zorblak',
    'or or or',
    '<script>alert(1)</script>',
    'ä ö ü 東京 🙂',
  ])('answers %j without an internal error', async (q) => {
    const res = await search(q);
    expect(res.status).toBe(200);
    for (const error of res.errors ?? []) {
      expect(error.message).not.toBe('Unexpected error.');
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    }
    if (!res.errors) expect(Array.isArray(res.data.search.edges)).toBe(true);
    const { n } = await database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('refuses a NUL character with a 400 that names it (it never reaches PostgreSQL)', async () => {
    const res = await search('zorblak\u0000 jembatan');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/NUL character/);
  });

  it('refuses bad paging arguments and foreign cursors', async () => {
    expect((await search('zorblak', { first: 101 })).errors?.[0]?.message).toMatch(/^"first" must be an integer from 0 to 100; got 101/);
    expect((await search('zorblak', { first: -1 })).errors?.[0]?.message).toMatch(/^"first" must be an integer from 0 to 100/);
    expect((await search('zorblak', { after: 'bm9wZQ' })).errors?.[0]?.message).toMatch(/^"after" is not a valid cursor/);
    const page = await search('flibbertigibbet', { first: 2 });
    const cursor = page.data.search.pageInfo.endCursor;
    expect((await search('kwazimodo', { after: cursor })).errors?.[0]?.message).toMatch(/^"after" belongs to a different search/);
  });
});
