import { readOperation } from './helpers/operations';
import { useTestApp } from './helpers/app';

// The article page is the hot path: one request per page view. Without the response cache it must
// still cost at most four SQL statements, however many related, latest and trending articles (each
// with its section) it shows. The operation is the one the frontend sends, exactly as written.
const ARTICLE_PAGE = readOperation('ArticlePage');
const MAX_STATEMENTS = 4;

const { database, client } = useTestApp();

beforeAll(async () => {
  // Terpopuler lists are computed in the background in production; compute them before counting.
  await client.trending.refresh();
});

async function slugsWithTagsAndAuthor(limit: number): Promise<string[]> {
  const rows = await database.db
    .selectFrom('articles')
    .select('slug')
    .where('status', '=', 'published')
    .where('published_at', '<', new Date())
    .where('author_id', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_id').whereRef('article_tags.article_id', '=', 'articles.id')))
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.slug);
}

describe('ArticlePage statement count', () => {
  it(`answers a full article page in at most ${MAX_STATEMENTS} statements`, async () => {
    for (const slug of await slugsWithTagsAndAuthor(3)) {
      database.resetStatements();
      const res = await client.graphql(ARTICLE_PAGE, { slug });
      expect(res.errors).toBeUndefined();
      const { article, latest, trending } = res.data;
      // Every part of the page is really there, with the nested data that used to cost statements.
      expect(article.slug).toBe(slug);
      expect(article.section.name).toEqual(expect.any(String));
      expect(article.author.name).toEqual(expect.any(String));
      expect(article.tags.length).toBeGreaterThan(0);
      expect(article.blocks.length).toBeGreaterThan(0);
      expect(article.related.length).toBeGreaterThan(0);
      for (const item of article.related) expect(item.section.name).toEqual(expect.any(String));
      expect(latest).toHaveLength(10);
      for (const item of latest) expect(item.section.name).toEqual(expect.any(String));
      expect(trending.items.length).toBeGreaterThan(0);
      for (const item of trending.items) expect(item.article.section.name).toEqual(expect.any(String));
      expect(database.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
    }
  });

  it('shows the same section, author and tags as the loaders do', async () => {
    const [slug] = await slugsWithTagsAndAuthor(1);
    const res = await client.graphql(ARTICLE_PAGE, { slug });
    const viaNode = await client.graphql(
      `query($id: ID!) { node(id: $id) { ... on Article { section { id slug name } author { id slug name avatarUrl } tags { id slug name } } } }`,
      { id: res.data.article.id },
    );
    expect(viaNode.errors).toBeUndefined();
    const { section, author, tags } = res.data.article;
    expect({ section, author, tags }).toEqual(viaNode.data.node);
  });
});
