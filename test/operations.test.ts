import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { schema } from '../src/schema';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, type TestClient } from './helpers/client';

// The operations the frontend and the benchmark send (../shared/operations) are the contract:
// each must validate against the schema exactly as written, and answer without errors.
const OPERATIONS_DIR = path.resolve(__dirname, '..', '..', 'shared', 'operations');
const files = fs.existsSync(OPERATIONS_DIR) ? fs.readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql')).sort() : [];

let database: TestDatabase;
let client: TestClient;

beforeAll(async () => {
  database = await createTestDatabase();
  client = createTestClient(database.db);
});
afterAll(() => database.drop());

function operation(file: string): string {
  return fs.readFileSync(path.join(OPERATIONS_DIR, file), 'utf8');
}

describe('shared operations', () => {
  it('are present (../shared/operations)', () => {
    expect(files).toEqual(expect.arrayContaining(['ArticlePage.graphql', 'HomePage.graphql', 'SectionPage.graphql', 'Search.graphql']));
  });

  it.each(files)('%s validates against the schema', (file) => {
    expect(validate(schema, parse(operation(file))).map((e) => e.message)).toEqual([]);
  });

  it('ArticlePage answers with a full article', async () => {
    const { slug } = (await database.db.selectFrom('articles').select('slug').where('status', '=', 'published')
      .where('published_at', '<', new Date()).orderBy('published_at', 'desc').executeTakeFirstOrThrow());
    const res = await client.graphql(operation('ArticlePage.graphql'), { slug });
    expect(res.errors).toBeUndefined();
    const { article, latest, trending, publication } = res.data;
    expect(article.slug).toBe(slug);
    expect(article.blocks.length).toBeGreaterThan(0);
    expect(article.related.length).toBeGreaterThan(0);
    expect(latest).toHaveLength(10);
    expect(trending.window).toBe('DAY');
    expect(publication.language).toBe('id');
  });

  it('HomePage answers with latest, trending and every section', async () => {
    const res = await client.graphql(operation('HomePage.graphql'));
    expect(res.errors).toBeUndefined();
    expect(res.data.latest).toHaveLength(20);
    expect(res.data.sections.length).toBeGreaterThanOrEqual(6);
    for (const section of res.data.sections) expect(section.latest.length).toBeGreaterThan(0);
  });

  it('SectionPage answers and pages with its cursor', async () => {
    const first = await client.graphql(operation('SectionPage.graphql'), { slug: 'nasional' });
    expect(first.errors).toBeUndefined();
    const articles = first.data.section.articles;
    expect(articles.edges).toHaveLength(20);
    const second = await client.graphql(operation('SectionPage.graphql'), { slug: 'nasional', after: articles.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data.section.articles.edges[0].node.id).not.toBe(articles.edges[0].node.id);
  });

  it('Search answers', async () => {
    const res = await client.graphql(operation('Search.graphql'), { query: 'Jakarta' });
    expect(res.errors).toBeUndefined();
    expect(res.data.search.totalCount).toBeGreaterThan(0);
  });
});
