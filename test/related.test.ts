import { sql } from 'kysely';
import { useTestApp } from './helpers/app';
import { insertArticle } from './helpers/fixtures';
import { refreshRelatedArticles, refreshStaleRelated, scoreRelatedCandidates } from '../src/content/related';

const { database, client } = useTestApp();

const DAY = 86_400_000;

async function newSection(slug: string): Promise<number> {
  const row = await database.db.insertInto('sections').values({ slug, name: slug, position: 99 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function newTag(slug: string): Promise<number> {
  return (await database.db.insertInto('tags').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow()).id;
}

async function relatedSlugs(slug: string, first = 5): Promise<string[]> {
  const res = await client.graphql(`query($s: String!) { article(slug: $s) { related(first: ${first}) { slug } } }`, { s: slug });
  expect(res.errors).toBeUndefined();
  return res.data.article.related.map((a: { slug: string }) => a.slug);
}

describe('Article.related (Artikel Terkait)', () => {
  it('ranks an article sharing a rare tag above one sharing a common tag', async () => {
    const section = await newSection('uji-kelangkaan');
    const rare = await newTag('langka');
    const common = await newTag('umum');
    const now = Date.now();
    // The common tag is on many articles, the rare one on two.
    for (let i = 0; i < 25; i += 1) {
      await insertArticle(database.db, { section_id: section, title: `Lain ${i}`, published_at: new Date(now - (40 + i) * DAY), tagIds: [common] });
    }
    const target = await insertArticle(database.db, {
      section_id: section,
      title: 'Sasaran',
      published_at: new Date(now - DAY),
      tagIds: [rare, common],
    });
    const sharesRare = await insertArticle(database.db, {
      section_id: section,
      title: 'Berbagi langka',
      published_at: new Date(now - 3 * DAY),
      tagIds: [rare],
    });
    const sharesCommon = await insertArticle(database.db, {
      section_id: section,
      title: 'Berbagi umum',
      published_at: new Date(now - 2 * DAY),
      tagIds: [common],
    });
    await refreshRelatedArticles(database.db, [target.id]);
    const slugs = await relatedSlugs(target.slug, 20);
    expect(slugs.indexOf(sharesRare.slug)).toBeGreaterThanOrEqual(0);
    expect(slugs.indexOf(sharesRare.slug)).toBeLessThan(slugs.indexOf(sharesCommon.slug));
  });

  it("puts editors' picks first in their order, never repeats them, never shows itself or hidden articles", async () => {
    const section = await newSection('uji-pilihan');
    const tag = await newTag('pilihan');
    const now = Date.now();
    const target = await insertArticle(database.db, {
      section_id: section,
      title: 'Artikel utama',
      published_at: new Date(now - DAY),
      tagIds: [tag],
    });
    const others = [];
    for (let i = 0; i < 6; i += 1) {
      others.push(
        await insertArticle(database.db, {
          section_id: section,
          title: `Artikel utama lanjutan ${i}`,
          published_at: new Date(now - (2 + i) * DAY),
          tagIds: [tag],
        }),
      );
    }
    const draft = await insertArticle(database.db, {
      section_id: section,
      status: 'draft',
      published_at: null,
      title: 'Artikel utama draf',
      tagIds: [tag],
    });
    const future = await insertArticle(database.db, {
      section_id: section,
      status: 'scheduled',
      published_at: new Date(now + DAY),
      title: 'Artikel utama nanti',
      tagIds: [tag],
    });
    const withdrawn = others[0]!;
    await database.db
      .insertInto('article_picks')
      .values([
        { article_id: target.id, related_article_id: others[5]!.id, position: 0 },
        { article_id: target.id, related_article_id: others[4]!.id, position: 1 },
        { article_id: target.id, related_article_id: draft.id, position: 2 },
      ])
      .execute();
    await refreshRelatedArticles(database.db, [target.id]);
    await database.db.updateTable('articles').set({ status: 'archived' }).where('id', '=', withdrawn.id).execute();

    const slugs = await relatedSlugs(target.slug, 20);
    expect(slugs.slice(0, 2)).toEqual([others[5]!.slug, others[4]!.slug]);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const hidden of [target.slug, draft.slug, future.slug, withdrawn.slug]) expect(slugs).not.toContain(hidden);
    expect(slugs).toEqual(expect.arrayContaining([others[1]!.slug, others[2]!.slug, others[3]!.slug]));
  });

  it('is deterministic for the same data', async () => {
    const ids = (await database.db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').limit(40).execute()).map(
      (r) => r.id,
    );
    const once = await scoreRelatedCandidates(database.db, ids);
    const twice = await scoreRelatedCandidates(database.db, [...ids].reverse());
    expect(twice).toEqual(once);
    expect(once.length).toBeGreaterThan(0);
    expect(once.every((c) => c.article_id !== c.related_article_id)).toBe(true);
  });

  it('refreshes lists of edited articles', async () => {
    await refreshStaleRelated(database.db);
    const article = await database.db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    // An edit after the list was computed makes it stale.
    await database.db
      .updateTable('articles')
      .set({ related_computed_at: sql`now() - interval '1 minute'`, updated_at: sql`now()` })
      .where('id', '=', article.id)
      .execute();
    expect(await refreshStaleRelated(database.db)).toBeGreaterThanOrEqual(1);
    const row = await database.db
      .selectFrom('articles')
      .select(['related_computed_at', 'updated_at'])
      .where('id', '=', article.id)
      .executeTakeFirstOrThrow();
    expect(row.related_computed_at!.getTime()).toBeGreaterThanOrEqual(row.updated_at.getTime());
  });

  it('refuses first above the stored depth', async () => {
    const res = await client.graphql(`{ latest(first: 1) { related(first: 50) { id } } }`);
    expect(res.errors?.[0]?.message).toMatch(/"first" of "related" must be an integer from 0 to 20; got 50/);
  });
});

describe('statement counts', () => {
  const HOME = `query($n: Int!) { latest(first: $n) { id title section { name } author { name } tags { name }
    related(first: 3) { id title section { name } } } }`;

  async function statementsFor(n: number): Promise<number> {
    database.resetStatements();
    const res = await client.graphql(HOME, { n });
    expect(res.errors).toBeUndefined();
    expect(res.data.latest).toHaveLength(n);
    expect(res.data.latest.some((a: { related: unknown[] }) => a.related.length > 0)).toBe(true);
    return database.statements.length;
  }

  it('loads a home page of 5 or 50 articles, each with section, author, tags and related, in the same few statements', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBeLessThanOrEqual(8);
    expect(fifty).toBe(five);
  });
});
