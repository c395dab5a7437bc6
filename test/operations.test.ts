import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { schema } from '../src/schema';
import { useTestApp } from './helpers/app';
import { listFiles, OPERATIONS_DIR, readOperation, SHARED_OPERATIONS_DIR } from './helpers/operations';

// The operations the frontend, the example app and the benchmark send are the contract: each must
// validate against the schema exactly as written, and answer without errors. The repository keeps
// its own copy (operations/); the team's original is ../shared/operations, when it is beside us.

/**
 * Folders of the contract whose operations the schema answers today. Any others belong to open
 * issues and are listed as to-do below, not counted as passing. (Live operations are run in
 * test/live-blogs.test.ts and test/live-subscriptions.test.ts.)
 */
const ANSWERED_FOLDERS = new Set(['', 'editorial', 'comments', 'live']);
const operationFiles = listFiles(OPERATIONS_DIR).filter((file) => file.endsWith('.graphql'));
const folderOf = (file: string) => path.posix.dirname(file).replace(/^\.$/, '');
const answered = operationFiles.filter((file) => ANSWERED_FOLDERS.has(folderOf(file)));
const pending = operationFiles.filter((file) => !ANSWERED_FOLDERS.has(folderOf(file)));
const hasShared = fs.existsSync(SHARED_OPERATIONS_DIR);
if (!hasShared) console.warn(`operations: ${SHARED_OPERATIONS_DIR} is not there; the repository's copy is not compared with the team's original`);

const { database, client } = useTestApp();

function operation(file: string): string {
  return readOperation(file.replace(/\.graphql$/, ''));
}

(hasShared ? describe : describe.skip)('the repository copy of ../shared/operations', () => {
  it('has every file of the original, byte for byte, and nothing else', () => {
    const original = listFiles(SHARED_OPERATIONS_DIR);
    expect(listFiles(OPERATIONS_DIR)).toEqual(original);
    for (const file of original) {
      expect({ file, text: fs.readFileSync(path.join(OPERATIONS_DIR, file), 'utf8') }).toEqual({
        file,
        text: fs.readFileSync(path.join(SHARED_OPERATIONS_DIR, file), 'utf8'),
      });
    }
  });
});

describe('client operations', () => {
  it('are present (operations/)', () => {
    expect(operationFiles).toEqual(expect.arrayContaining(['ArticlePage.graphql', 'HomePage.graphql', 'SectionPage.graphql', 'Search.graphql']));
  });

  it.each(answered)('%s validates against the schema', (file) => {
    expect(validate(schema, parse(operation(file))).map((e) => e.message)).toEqual([]);
  });

  for (const file of pending) it.todo(`${file} validates against the schema (its issue is still open)`);

  it('ArticlePage answers with a full article', async () => {
    const { slug } = await database.db
      .selectFrom('articles')
      .select('slug')
      .where('status', '=', 'published')
      .where('published_at', '<', new Date())
      .orderBy('published_at', 'desc')
      .executeTakeFirstOrThrow();
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
