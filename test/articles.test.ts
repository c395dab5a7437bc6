import { sql } from 'kysely';
import { useTestApp } from './helpers/app';
import { globalId, insertArticle, type ArticleFixture } from './helpers/fixtures';

const { database, client } = useTestApp();

const ARTICLE_FIELDS = `
  id slug title subtitle excerpt dateline publishedAt updatedAt url readingTimeMinutes bodyHtml
  section { id slug name } author { id slug name avatarUrl } tags { id slug name }
  heroImage { url width height caption credit }
  blocks { __typename ... on Paragraph { html } ... on Heading { level text } ... on Image { url width height caption credit }
           ... on Quote { text attribution } ... on Embed { provider url html } ... on AdSlot { slotId position } }
  shareLinks { whatsapp facebook x telegram email }`;

async function visibleCount(filter = sql`true`): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from articles
    where status in ('published','scheduled') and published_at <= now() and ${filter}`.execute(database.db);
  return rows[0]!.n;
}

describe('article(slug | id)', () => {
  it('returns a whole article with section, author, tags, hero image, blocks and share links', async () => {
    const latest = await client.graphql(`{ latest(first: 1) { slug } }`);
    const slug = latest.data.latest[0].slug;
    const res = await client.graphql(`query($slug: String!) { article(slug: $slug) { ${ARTICLE_FIELDS} } }`, { slug });
    expect(res.errors).toBeUndefined();
    const article = res.data.article;
    expect(article.slug).toBe(slug);
    expect(article.section.name).toEqual(expect.any(String));
    expect(article.tags.length).toBeGreaterThan(0);
    expect(article.blocks.length).toBeGreaterThan(0);
    expect(article.blocks.some((b: { __typename: string }) => b.__typename === 'Paragraph')).toBe(true);
    expect(article.url).toMatch(/^https:\/\/kabar\.test\/read\/\d{4}\/\d{2}\/\d{2}\//);
    expect(article.shareLinks.whatsapp).toContain(encodeURIComponent(article.url));
    expect(article.readingTimeMinutes).toBeGreaterThanOrEqual(1);
    expect(article.bodyHtml).not.toMatch(/<script|style=/);
  });

  it('places ad slots by the publication rule', async () => {
    const { slug } = await insertArticle(database.db, { bodyHtml: '<p>1</p><p>2</p><p>3</p><p>4</p><p>5</p><p>6</p><p>7</p>' });
    const res = await client.graphql(`query($slug: String!) { article(slug: $slug) { blocks { __typename ... on AdSlot { slotId position } } } }`, {
      slug,
    });
    expect(res.data.article.blocks.map((b: { __typename: string }) => b.__typename)).toEqual([
      'Paragraph',
      'Paragraph',
      'Paragraph',
      'AdSlot',
      'Paragraph',
      'Paragraph',
      'Paragraph',
      'AdSlot',
      'Paragraph',
    ]);
    expect(res.data.article.blocks[3]).toEqual({ __typename: 'AdSlot', slotId: 'inarticle-1', position: 1 });
  });

  it('finds the same article by global id and through node()', async () => {
    const { id, slug } = await insertArticle(database.db);
    const gid = globalId('Article', id);
    const res = await client.graphql(`query($id: ID!) { article(id: $id) { slug } node(id: $id) { id ... on Article { slug } } }`, { id: gid });
    expect(res.data).toEqual({ article: { slug }, node: { id: gid, slug } });
  });

  it('is null for an unknown slug or id', async () => {
    const res = await client.graphql(`query($id: ID!) { article(slug: "tidak-ada") { id } byId: article(id: $id) { id } node(id: $id) { id } }`, {
      id: globalId('Article', 999999),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ article: null, byId: null, node: null });
  });

  it('asks for exactly one of slug and id', async () => {
    const res = await client.graphql(`{ article { id } }`);
    expect(res.errors?.[0]?.message).toBe('Pass exactly one of "slug" or "id" to "article".');
  });

  it('rejects a malformed global id with a clear message', async () => {
    const res = await client.graphql(`{ node(id: "bm9wZQ") { id } article(id: "${globalId('Article', 0).slice(0, -1)}x") { id } }`);
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors!) expect(error.message).not.toBe('Unexpected error.');
  });
});

describe('visibility', () => {
  const cases: [string, ArticleFixture][] = [
    ['a draft', { status: 'draft' as const, published_at: null }],
    ['an archived article', { status: 'archived' as const }],
    ['a scheduled article before its time', { status: 'scheduled' as const, published_at: new Date(Date.now() + 86_400_000) }],
    ['a published article dated in the future', { status: 'published' as const, published_at: new Date(Date.now() + 86_400_000) }],
  ];
  for (const [label, columns] of cases) {
    it(`never shows ${label}`, async () => {
      const { id, slug } = await insertArticle(database.db, { ...columns, title: `Tersembunyi ${label}` });
      const res = await client.graphql(
        `query($slug: String!, $id: ID!) { article(slug: $slug) { id } byId: article(id: $id) { id } node(id: $id) { id }
          latest(first: 100) { slug } articles(first: 100) { edges { node { slug } } } }`,
        { slug, id: globalId('Article', id) },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.article).toBeNull();
      expect(res.data.byId).toBeNull();
      expect(res.data.node).toBeNull();
      expect(res.data.latest.map((a: { slug: string }) => a.slug)).not.toContain(slug);
      expect(res.data.articles.edges.map((e: { node: { slug: string } }) => e.node.slug)).not.toContain(slug);
    });
  }

  it('shows a scheduled article once its time has come', async () => {
    const { slug } = await insertArticle(database.db, { status: 'scheduled', published_at: new Date(Date.now() - 1000) });
    const res = await client.graphql(`query($slug: String!) { article(slug: $slug) { slug } }`, { slug });
    expect(res.data.article).toEqual({ slug });
  });
});

describe('articles connection', () => {
  async function walk(direction: 'forward' | 'backward', pageSize: number, section: string) {
    const slugs: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const res: any =
        direction === 'forward'
          ? await client.graphql(
              `query($s: String, $after: String) { articles(section: $s, first: ${pageSize}, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug } } } }`,
              { s: section, after: cursor },
            )
          : await client.graphql(
              `query($s: String, $before: String) { articles(section: $s, last: ${pageSize}, before: $before) {
            totalCount pageInfo { hasPreviousPage startCursor } edges { cursor node { slug } } } }`,
              { s: section, before: cursor },
            );
      expect(res.errors).toBeUndefined();
      const connection = res.data.articles;
      const pageSlugs = connection.edges.map((e: { node: { slug: string } }) => e.node.slug);
      if (direction === 'forward') {
        slugs.push(...pageSlugs);
        if (!connection.pageInfo.hasNextPage) return { slugs, totalCount: connection.totalCount };
        cursor = connection.pageInfo.endCursor;
      } else {
        slugs.unshift(...pageSlugs);
        if (!connection.pageInfo.hasPreviousPage) return { slugs, totalCount: connection.totalCount };
        cursor = connection.pageInfo.startCursor;
      }
    }
    throw new Error('did not reach the end');
  }

  it('pages forward and backward through a whole section to the same list, newest first', async () => {
    const sectionId = (await database.db.selectFrom('sections').select('id').where('slug', '=', 'nasional').executeTakeFirstOrThrow()).id;
    const expected = await visibleCount(sql`section_id = ${sectionId}`);
    const forward = await walk('forward', 7, 'nasional');
    const backward = await walk('backward', 9, 'nasional');
    expect(forward.totalCount).toBe(expected);
    expect(forward.slugs).toHaveLength(expected);
    expect(new Set(forward.slugs).size).toBe(expected);
    expect(backward.slugs).toEqual(forward.slugs);

    const { rows } = await sql<{ slug: string }>`select slug from articles where section_id = ${sectionId}
      and status in ('published','scheduled') and published_at <= now() order by published_at desc, id desc`.execute(database.db);
    expect(forward.slugs).toEqual(rows.map((r) => r.slug));
  });

  it('keeps its place when a newer article arrives between pages', async () => {
    const first = await client.graphql(`{ articles(first: 5) { pageInfo { endCursor } edges { node { slug } } } }`);
    await insertArticle(database.db, { published_at: new Date() });
    const second = await client.graphql(`query($after: String) { articles(first: 5, after: $after) { edges { node { slug } } } }`, {
      after: first.data.articles.pageInfo.endCursor,
    });
    const firstSlugs = first.data.articles.edges.map((e: any) => e.node.slug);
    for (const edge of second.data.articles.edges) expect(firstSlugs).not.toContain(edge.node.slug);
  });

  it('filters by tag, author and date range', async () => {
    const tag = await database.db
      .selectFrom('tags')
      .innerJoin('article_tags', 'tag_id', 'tags.id')
      .select(['tags.slug', 'tags.id'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const author = await database.db.selectFrom('authors').select(['slug', 'id']).orderBy('id').executeTakeFirstOrThrow();
    const after = new Date(Date.now() - 7 * 86_400_000);
    const res = await client.graphql(
      `query($tag: String, $author: String, $after: DateTime) {
        byTag: articles(tag: $tag, first: 50) { totalCount edges { node { tags { slug } } } }
        byAuthor: articles(author: $author, first: 50) { totalCount edges { node { author { slug } } } }
        recent: articles(publishedAfter: $after, first: 50) { totalCount edges { node { publishedAt } } } }`,
      { tag: tag.slug, author: author.slug, after: after.toISOString() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.byTag.totalCount).toBe(await visibleCount(sql`id in (select article_id from article_tags where tag_id = ${tag.id})`));
    for (const e of res.data.byTag.edges) expect(e.node.tags.map((t: any) => t.slug)).toContain(tag.slug);
    expect(res.data.byAuthor.totalCount).toBe(await visibleCount(sql`author_id = ${author.id}`));
    for (const e of res.data.byAuthor.edges) expect(e.node.author.slug).toBe(author.slug);
    expect(res.data.recent.totalCount).toBe(await visibleCount(sql`published_at >= ${after}`));
    for (const e of res.data.recent.edges) expect(new Date(e.node.publishedAt).getTime()).toBeGreaterThanOrEqual(after.getTime());
  });

  it.each([
    ['first: 1000', 'articles(first: 1000) { totalCount }', /"first" must be an integer from 0 to 100; got 1000/],
    ['first: -1', 'articles(first: -1) { totalCount }', /"first" must be an integer from 0 to 100; got -1/],
    ['last: 101', 'articles(last: 101) { totalCount }', /"last" must be an integer from 0 to 100; got 101/],
    ['first and last', 'articles(first: 1, last: 1) { totalCount }', /either "first" .* or "last"/],
    ['a malformed cursor', 'articles(first: 1, after: "bm9wZQ") { totalCount }', /"after" is not a valid cursor/],
    ['a cursor of garbage', 'articles(first: 1, before: "%%%") { totalCount }', /"before" is not a valid cursor/],
    ['an unknown section', 'articles(section: "luar-angkasa") { totalCount }', /Unknown section "luar-angkasa". Known sections: nasional, /],
    ['an unknown tag', 'articles(tag: "tidak-ada") { totalCount }', /Unknown tag "tidak-ada"/],
    ['an unknown author', 'articles(author: "tidak-ada") { totalCount }', /Unknown author "tidak-ada"/],
    ['an invalid date', 'articles(publishedAfter: "kemarin") { totalCount }', /DateTime/],
    [
      'an empty date range',
      'articles(publishedAfter: "2026-01-02T00:00:00Z", publishedBefore: "2026-01-01T00:00:00Z") { totalCount }',
      /"publishedAfter" must be earlier/,
    ],
    ['latest(first: 500)', 'latest(first: 500) { id }', /"first" must be an integer from 0 to 100; got 500/],
  ])('refuses %s with a clear message', async (_label, selection, message) => {
    const res = await client.graphql(`{ ${selection} }`);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data?.articles ?? res.data?.latest ?? null).toBeNull();
  });

  it('returns an empty page for first: 0', async () => {
    const res = await client.graphql(`{ articles(first: 0) { edges { cursor } pageInfo { hasNextPage } } }`);
    expect(res.data.articles.edges).toEqual([]);
  });
});

describe('sections, tags, authors, latest and publication', () => {
  it('lists sections in navigation order, each with its newest articles', async () => {
    const res = await client.graphql(`{ sections { slug name position latest(first: 3) { slug publishedAt section { slug } } } }`);
    expect(res.errors).toBeUndefined();
    const sections = res.data.sections;
    expect(sections.length).toBeGreaterThanOrEqual(6);
    expect(sections.map((s: any) => s.position)).toEqual([...sections.map((s: any) => s.position)].sort((a, b) => a - b));
    for (const section of sections) {
      expect(section.latest.length).toBeLessThanOrEqual(3);
      for (const article of section.latest) expect(article.section.slug).toBe(section.slug);
      const times = section.latest.map((a: any) => Date.parse(a.publishedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it('answers section, tag and author by slug, and null for unknown slugs', async () => {
    const res = await client.graphql(`{ section(slug: "olahraga") { name articles(first: 2) { totalCount edges { node { section { slug } } } } }
      none: section(slug: "tidak-ada") { name } tag(slug: "tidak-ada") { name } author(slug: "tidak-ada") { name } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.section.name).toBe('Olahraga');
    expect(res.data.section.articles.edges.every((e: any) => e.node.section.slug === 'olahraga')).toBe(true);
    expect(res.data).toMatchObject({ none: null, tag: null, author: null });
  });

  it('gives latest (Terbaru) newest first, optionally by section', async () => {
    const res = await client.graphql(`{ latest(first: 10) { publishedAt } ekonomi: latest(section: "ekonomi", first: 4) { section { slug } } }`);
    const times = res.data.latest.map((a: any) => Date.parse(a.publishedAt));
    expect(times).toHaveLength(10);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(res.data.ekonomi).toHaveLength(4);
    expect(res.data.ekonomi.every((a: any) => a.section.slug === 'ekonomi')).toBe(true);
  });

  it('describes the publication', async () => {
    const res = await client.graphql(`{ publication { name url language googleNewsUrl whatsappChannelUrl } }`);
    expect(res.data.publication).toMatchObject({ url: 'https://kabar.test/', language: 'id' });
  });
});
