import { sql } from 'kysely';
import { useTestDatabase } from './helpers/app';
import { createTestClient, type TestClient } from './helpers/client';
import { insertArticle } from './helpers/fixtures';
import { TrendingStore, TRENDING_WINDOWS } from '../src/trending/trending';

// Terpopuler: ranking rules, windows, visibility, and what a read costs. The store is refreshed
// by hand with a fixed clock, so hour boundaries cannot move under a test.

const HOUR = 3_600_000;
const database = useTestDatabase();
let client: TestClient;
let store: TrendingStore;
let now: Date;
let currentHour: number;
let seededViews: number;

async function insertSection(slug: string, name: string): Promise<number> {
  const row = await database.db.insertInto('sections').values({ slug, name, position: 100 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Adds views of an article in the hourly bucket `hoursAgo` hours before the current one. */
async function addViews(articleId: number, hoursAgo: number, views: number): Promise<void> {
  await database.db
    .insertInto('article_views_hourly')
    .values({ article_id: articleId, hour: new Date(currentHour - hoursAgo * HOUR), views })
    .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet({ views: sql`article_views_hourly.views + excluded.views` }))
    .execute();
}

async function trending(window: string, options: { section?: string; first?: number } = {}) {
  const res = await client.graphql(
    `query($window: TrendingWindow!, $section: String, $first: Int) {
       trending(window: $window, section: $section, first: $first) {
         window generatedAt since items { rank views score article { id slug section { slug } } }
       }
     }`,
    { window, ...options },
  );
  expect(res.errors).toBeUndefined();
  return res.data.trending as {
    window: string;
    generatedAt: string;
    since: string;
    items: { rank: number; views: number; score: number; article: { id: string; slug: string; section: { slug: string } } }[];
  };
}

const slugs = (items: { article: { slug: string } }[]) => items.map((item) => item.article.slug);

beforeAll(async () => {
  now = new Date();
  currentHour = Math.floor(now.getTime() / HOUR) * HOUR;
  // The demo seed's own view history, before this file replaces it with views it controls.
  const { rows } = await sql<{ n: number }>`select coalesce(sum(views), 0)::int as n from article_views_hourly
    where hour >= ${new Date(currentHour - 24 * HOUR)}`.execute(database.db);
  seededViews = rows[0]!.n;
  store = new TrendingStore(database.db, { refreshIntervalMs: 60_000, clock: () => now });
  client = createTestClient(database.db, {}, { trending: store });
});

describe('the demo publication', () => {
  it('has Terpopuler items on first start: the seed carries recent view history', async () => {
    expect(seededViews).toBeGreaterThan(0);
    const fresh = createTestClient(database.db);
    const res = await fresh.graphql(`{ trending(window: DAY, first: 10) { items { rank views article { slug } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.trending.items).toHaveLength(10);
    expect(res.data.trending.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('trending', () => {
  let sectionA: number;
  let sectionB: number;

  beforeAll(async () => {
    await database.db.deleteFrom('article_views_hourly').execute();
    sectionA = await insertSection('uji-terpopuler-a', 'Uji Terpopuler A');
    sectionB = await insertSection('uji-terpopuler-b', 'Uji Terpopuler B');
  });

  beforeEach(async () => {
    await database.db.deleteFrom('article_views_hourly').execute();
  });

  it('ranks recent views above the same number of older views, with the documented half-life', async () => {
    const older = await insertArticle(database.db, { section_id: sectionA, published_at: new Date(currentHour - 48 * HOUR) });
    const recent = await insertArticle(database.db, { section_id: sectionA, published_at: new Date(currentHour - 48 * HOUR) });
    await addViews(older.id, 20, 100);
    await addViews(recent.id, 1, 100);
    await store.refresh(now);
    const list = await trending('DAY');
    expect(slugs(list.items)).toEqual([recent.slug, older.slug]);
    expect(list.items.map((i) => i.views)).toEqual([100, 100]);
    // score = views × 2^(−age / half-life), age from the start of the view's hour to now.
    const half = TRENDING_WINDOWS.DAY.halfLifeHours;
    const expected = (hoursAgo: number) => 100 * 0.5 ** ((now.getTime() - (currentHour - hoursAgo * HOUR)) / HOUR / half);
    expect(list.items[0]!.score).toBeCloseTo(expected(1), 6);
    expect(list.items[1]!.score).toBeCloseTo(expected(20), 6);
    // A fresh story can overtake one with more but older views.
    await addViews(older.id, 20, 200);
    await store.refresh(now);
    expect(slugs((await trending('DAY')).items)).toEqual([recent.slug, older.slug]);
  });

  it('counts each window from the current hour back 1, 24, 168 and 720 whole hours', async () => {
    const article = await insertArticle(database.db, { section_id: sectionA, published_at: new Date(currentHour - 800 * HOUR) });
    // Powers of two: every sum below names exactly which buckets were counted.
    const buckets: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 4],
      [24, 8],
      [25, 16],
      [168, 32],
      [169, 64],
      [720, 128],
      [721, 256],
      [-1, 512],
    ];
    for (const [hoursAgo, views] of buckets) await addViews(article.id, hoursAgo, views);
    await store.refresh(now);
    const views = async (window: string) => (await trending(window, { section: 'uji-terpopuler-a' })).items[0]?.views;
    expect(await views('HOUR')).toBe(1 + 2);
    expect(await views('DAY')).toBe(1 + 2 + 4 + 8);
    expect(await views('WEEK')).toBe(1 + 2 + 4 + 8 + 16 + 32);
    expect(await views('MONTH')).toBe(1 + 2 + 4 + 8 + 16 + 32 + 64 + 128);
    const list = await trending('WEEK');
    expect(list.window).toBe('WEEK');
    expect(new Date(list.since).getTime()).toBe(currentHour - 168 * HOUR);
    expect(new Date(list.generatedAt).getTime()).toBe(now.getTime());
  });

  it('filters by section, on Query.trending and on Section.trending', async () => {
    const a1 = await insertArticle(database.db, { section_id: sectionA });
    const a2 = await insertArticle(database.db, { section_id: sectionA });
    const b1 = await insertArticle(database.db, { section_id: sectionB });
    await addViews(a1.id, 0, 30);
    await addViews(a2.id, 0, 10);
    await addViews(b1.id, 0, 20);
    await store.refresh(now);
    expect(slugs((await trending('DAY')).items)).toEqual([a1.slug, b1.slug, a2.slug]);
    expect(slugs((await trending('DAY', { section: 'uji-terpopuler-a' })).items)).toEqual([a1.slug, a2.slug]);
    const res = await client.graphql(
      `{ section(slug: "uji-terpopuler-b") { trending(window: DAY, first: 5) { window items { rank article { slug } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.section.trending).toEqual({ window: 'DAY', items: [{ rank: 1, article: { slug: b1.slug } }] });
  });

  it('never shows withdrawn, draft, archived or future articles, even with the most views', async () => {
    const visible = await insertArticle(database.db, { section_id: sectionA });
    const second = await insertArticle(database.db, { section_id: sectionA });
    const withdrawnLater = await insertArticle(database.db, { section_id: sectionA });
    const draft = await insertArticle(database.db, { section_id: sectionA, status: 'draft', published_at: null });
    const archived = await insertArticle(database.db, { section_id: sectionA, status: 'archived' });
    const future = await insertArticle(database.db, { section_id: sectionA, status: 'scheduled', published_at: new Date(Date.now() + 24 * HOUR) });
    for (const hidden of [draft, archived, future]) await addViews(hidden.id, 0, 10_000);
    await addViews(withdrawnLater.id, 0, 5_000);
    await addViews(visible.id, 0, 100);
    await addViews(second.id, 0, 50);
    await store.refresh(now);
    for (const window of ['HOUR', 'DAY', 'WEEK', 'MONTH']) {
      expect(slugs((await trending(window)).items)).toEqual([withdrawnLater.slug, visible.slug, second.slug]);
    }
    // Withdrawn after the last computation: gone at once, and the ranks close up.
    await database.db.updateTable('articles').set({ status: 'draft' }).where('id', '=', withdrawnLater.id).execute();
    const list = await trending('DAY', { first: 2 });
    expect(list.items.map((i) => [i.rank, i.article.slug])).toEqual([
      [1, visible.slug],
      [2, second.slug],
    ]);
  });

  it('breaks ties by views, then the newer article, then the higher id', async () => {
    const older = await insertArticle(database.db, { section_id: sectionB, published_at: new Date(currentHour - 10 * HOUR) });
    const newer = await insertArticle(database.db, { section_id: sectionB, published_at: new Date(currentHour - 5 * HOUR) });
    const sameTimeLow = await insertArticle(database.db, { section_id: sectionB, published_at: new Date(currentHour - 7 * HOUR) });
    const sameTimeHigh = await insertArticle(database.db, { section_id: sectionB, published_at: new Date(currentHour - 7 * HOUR) });
    for (const article of [older, newer, sameTimeLow, sameTimeHigh]) await addViews(article.id, 2, 40);
    await store.refresh(now);
    const expected = [newer.slug, sameTimeHigh.slug, sameTimeLow.slug, older.slug];
    expect(slugs((await trending('DAY', { section: 'uji-terpopuler-b' })).items)).toEqual(expected);
    await store.refresh(now);
    expect(slugs((await trending('DAY', { section: 'uji-terpopuler-b' })).items)).toEqual(expected);
  });

  it('reads from memory: no statement aggregates the rollups inside a request', async () => {
    const articles = [];
    for (let i = 0; i < 12; i += 1) articles.push(await insertArticle(database.db, { section_id: i % 2 ? sectionA : sectionB }));
    for (const [i, article] of articles.entries()) await addViews(article.id, 0, 100 + i);
    database.resetStatements();
    await store.refresh(now);
    // Every window, the whole site and every section: one statement per computation.
    expect(database.statements).toHaveLength(1);

    database.resetStatements();
    const site = await client.graphql(`{ trending(window: DAY, first: 10) { items { rank views article { id slug title url } } } }`);
    expect(site.data.trending.items).toHaveLength(10);
    // The articles of the list, in one batch; nothing reads article_views_hourly.
    expect(database.statements).toHaveLength(1);
    expect(database.statements.join('\n')).not.toMatch(/article_views_hourly/);

    database.resetStatements();
    const section = await client.graphql(
      `{ trending(window: WEEK, section: "uji-terpopuler-a", first: 5) { items { article { title section { name } } } } }`,
    );
    expect(section.data.trending.items).toHaveLength(5);
    // The section's slug, then the articles (each carries its section along).
    expect(database.statements).toHaveLength(2);
    expect(database.statements.join('\n')).not.toMatch(/article_views_hourly/);

    database.resetStatements();
    const res = await client.graphql(`{ sections { slug trending(window: DAY, first: 3) { items { rank article { title } } } } }`);
    expect(res.errors).toBeUndefined();
    // Sections, then the articles of every section's list in one batch.
    expect(database.statements).toHaveLength(2);
  });

  it('refuses an unknown section and a "first" beyond the stored list, with clear messages', async () => {
    const unknown = await client.graphql(`{ trending(window: DAY, section: "tidak-ada") { items { rank } } }`);
    expect(unknown.errors?.[0]?.message).toMatch(/^Unknown section "tidak-ada"\. Known sections: .*nasional/);
    const tooMany = await client.graphql(`{ trending(window: DAY, first: 51) { items { rank } } }`);
    expect(tooMany.errors?.[0]?.message).toBe('"first" must be an integer from 0 to 50 (Terpopuler keeps the top 50 of each list); got 51.');
    const negative = await client.graphql(`{ sections { trending(window: DAY, first: -1) { items { rank } } } }`);
    expect(negative.errors?.[0]?.message).toMatch(/"first" must be an integer from 0 to 50/);
    const none = await client.graphql(`{ trending(window: HOUR, first: 0) { window items { rank } } }`);
    expect(none.data.trending).toEqual({ window: 'HOUR', items: [] });
    const badWindow = await client.graphql(`{ trending(window: YEAR) { window } }`);
    expect(badWindow.errors?.[0]?.message).toMatch(/Value "YEAR" does not exist in "TrendingWindow" enum/);
  });

  it('keeps the top 50 of each list', async () => {
    const articles = [];
    for (let i = 0; i < 55; i += 1) articles.push(await insertArticle(database.db, { section_id: sectionB }));
    for (const [i, article] of articles.entries()) await addViews(article.id, 0, 1000 + i);
    await store.refresh(now);
    const list = await trending('DAY', { section: 'uji-terpopuler-b', first: 50 });
    expect(list.items).toHaveLength(50);
    expect(list.items[0]!.views).toBe(1054);
    expect(list.items[49]!.views).toBe(1005);
    expect(list.items.map((i) => i.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

describe('TrendingStore', () => {
  it('computes at start, refreshes in the background and stops cleanly', async () => {
    let calls = 0;
    const background = new TrendingStore(database.db, {
      refreshIntervalMs: 50,
      clock: () => {
        calls += 1;
        return new Date();
      },
    });
    expect(background.generatedAt).toBeNull();
    await background.start();
    const first = background.generatedAt;
    expect(first).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await background.stop();
    expect(calls).toBeGreaterThan(1);
    expect(background.generatedAt!.getTime()).toBeGreaterThan(first!.getTime());
  });
});
