import { insertArticle } from './helpers/fixtures';
import { readOperation } from './helpers/operations';
import { ReadBatch, directReader } from '../src/db/prepared';
import type { Context } from '../src/context';
import { findAuthorsByIds, findSectionBySlug, findSectionsByIds, listSections } from '../src/content/taxonomy';
import {
  articleBodyLoader,
  articleLoader,
  articleTagsLoader,
  authorLoader,
  inKeyOrder,
  loadWholeArticle,
  primed,
  relatedLoader,
  sectionLoader,
} from '../src/content/loaders';
import { useTestApp } from './helpers/app';
import { refreshRelatedArticles } from '../src/content/related';

// The read path's parts on their own: the request's ReadBatch, and the loaders with priming. The
// page-level statement counts (ArticlePage, related lists) are in their own test files; HomePage's
// is here.

const { database, client } = useTestApp();

/** A context with only what the loaders use: a fresh request's reader. */
function requestContext(): Context {
  return { reader: new ReadBatch(database.db), db: database.db } as unknown as Context;
}

/** A visible article with an author, tags and a related list. */
async function articleWithEverything(): Promise<{ id: number; slug: string; sectionId: number; authorId: number }> {
  const row = await database.db
    .selectFrom('articles')
    .select(['id', 'slug', 'section_id', 'author_id'])
    .where('status', '=', 'published')
    .where('published_at', '<', new Date())
    .where('author_id', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_id').whereRef('article_tags.article_id', '=', 'articles.id')))
    .where((eb) => eb.exists(eb.selectFrom('article_related').select('article_id').whereRef('article_related.article_id', '=', 'articles.id')))
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { id: row.id, slug: row.slug, sectionId: row.section_id, authorId: row.author_id! };
}

describe('ReadBatch', () => {
  it('sends the prepared reads of one moment as one statement, each caller getting its own result', async () => {
    const reader = new ReadBatch(database.db);
    database.resetStatements();
    const [sections, nasional, authors] = await Promise.all([
      listSections(reader),
      findSectionBySlug(reader, 'nasional'),
      findAuthorsByIds(reader, [1, 2]),
    ]);
    expect(database.statements).toHaveLength(1);
    expect(sections.length).toBeGreaterThan(1);
    expect(nasional?.slug).toBe('nasional');
    expect(authors.map((a) => a.id)).toEqual([1, 2]);
  });

  it('sends reads of different moments separately', async () => {
    const reader = new ReadBatch(database.db);
    database.resetStatements();
    await listSections(reader);
    await findSectionBySlug(reader, 'nasional');
    expect(database.statements).toHaveLength(2);
  });

  it('joins the reads DataLoader dispatches in the same moment', async () => {
    const ctx = requestContext();
    database.resetStatements();
    const [section, author] = await Promise.all([sectionLoader(ctx).load(1), authorLoader(ctx).load(1), listSections(ctx.reader)]);
    expect(section?.id).toBe(1);
    expect(author?.id).toBe(1);
    expect(database.statements).toHaveLength(1);
  });

  it('rejects every read of a batch when its statement fails', async () => {
    const reader = new ReadBatch(database.db);
    // Not an integer: the whole statement fails in PostgreSQL, so both reads in it do.
    const results = await Promise.allSettled([findSectionsByIds(reader, ['x' as unknown as number]), listSections(reader)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    // The batch is not poisoned: the next moment's reads go out afresh.
    await expect(listSections(reader)).resolves.toEqual(expect.any(Array));
  });

  it('runs reads alone through directReader', async () => {
    const reader = directReader(database.db);
    database.resetStatements();
    await Promise.all([listSections(reader), findSectionBySlug(reader, 'nasional')]);
    expect(database.statements).toHaveLength(2);
  });
});

describe('loaders', () => {
  it('answer in key order, with null for a key that found nothing', async () => {
    const visible = await insertArticle(database.db, {});
    const hidden = await insertArticle(database.db, { status: 'draft', published_at: null });
    const other = await articleWithEverything();
    const ctx = requestContext();
    database.resetStatements();
    const articles = await Promise.all([other.id, 2_000_000_000, visible.id, hidden.id].map((id) => articleLoader(ctx).load(id)));
    expect(articles.map((a) => a?.id ?? null)).toEqual([other.id, null, visible.id, null]);
    expect(database.statements).toHaveLength(1);
    expect(inKeyOrder([3, 1, 2], [{ k: 1 }, { k: 2 }], (row) => row.k)).toEqual([null, { k: 1 }, { k: 2 }]);
  });

  it("are primed by a list read: an item's section then costs no statement", async () => {
    const ctx = requestContext();
    const sections = await listSections(ctx.reader);
    primed(ctx, { records: null, alongside: { sections } });
    database.resetStatements();
    const loaded = await Promise.all(sections.map((s) => sectionLoader(ctx).load(s.id)));
    expect(loaded).toEqual(sections);
    expect(database.statements).toHaveLength(0);
  });

  it('are primed by the whole-article read: section, author, tags, body and related then cost no statement', async () => {
    const target = await articleWithEverything();
    await refreshRelatedArticles(database.db, [target.id]);
    const ctx = requestContext();
    database.resetStatements();
    const article = await loadWholeArticle(ctx, { slug: target.slug }, 3);
    expect(article?.id).toBe(target.id);
    // The record is plain: nothing read along is hung on it.
    for (const carried of ['section', 'author', 'tags', 'body_html', 'blocks', 'related']) expect(article).not.toHaveProperty(carried);
    expect(database.statements).toHaveLength(1);

    const [section, author, tags, body, related] = await Promise.all([
      sectionLoader(ctx).load(target.sectionId),
      authorLoader(ctx).load(target.authorId),
      articleTagsLoader(ctx).load(target.id),
      articleBodyLoader(ctx).load(target.id),
      relatedLoader(ctx, 3).load(target.id),
    ]);
    expect(database.statements).toHaveLength(1);
    expect(section?.id).toBe(target.sectionId);
    expect(author?.id).toBe(target.authorId);
    expect(tags.length).toBeGreaterThan(0);
    expect(body?.blocks.length).toBeGreaterThan(0);
    expect(related.length).toBeGreaterThan(0);
    // The related articles' sections came along too.
    await Promise.all(related.map((r) => sectionLoader(ctx).load(r.section_id)));
    expect(database.statements).toHaveLength(1);

    // A length the read did not fetch is read on its own, and gives the same first items.
    const longer = await relatedLoader(ctx, 4).load(target.id);
    expect(database.statements).toHaveLength(2);
    expect(longer.slice(0, related.length).map((r) => r.id)).toEqual(related.map((r) => r.id));
  });
});

describe('HomePage statement count', () => {
  const MAX_STATEMENTS = 4;

  it(`answers the home page in at most ${MAX_STATEMENTS} statements`, async () => {
    await client.trending.refresh();
    database.resetStatements();
    const res = await client.graphql(readOperation('HomePage'));
    expect(res.errors).toBeUndefined();
    expect(res.data.latest).toHaveLength(20);
    for (const item of res.data.latest) expect(item.section.name).toEqual(expect.any(String));
    expect(res.data.trending.items.length).toBeGreaterThan(0);
    expect(res.data.sections.length).toBeGreaterThan(1);
    expect(res.data.sections.some((s: { latest: unknown[] }) => s.latest.length > 0)).toBe(true);
    expect(database.statements.length).toBeLessThanOrEqual(MAX_STATEMENTS);
  });
});
