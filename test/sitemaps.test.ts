import { sql } from 'kysely';
import { useTestApp } from './helpers/app';
import { TEST_BASE_URL } from './helpers/client';
import { insertArticle } from './helpers/fixtures';
import { parseXml } from './helpers/feeds';
import { articleUrl } from '../src/content/urls';
import { buildMonthSitemap, buildSitemapIndex, DEFAULT_SITEMAP_OPTIONS } from '../src/feeds/documents';

// Every request builds afresh here; the reuse of built documents has its own test.
const { database, client } = useTestApp({ config: { feedCacheSeconds: 0 } });

const W3C_WIB = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
const HOUR = 3_600_000;

async function get(path: string) {
  const res = await client.request(path);
  return { status: res.status, headers: res.headers, body: await res.text() };
}

interface Row {
  id: number;
  slug: string;
  title: string;
  canonical_url: string | null;
  published_at: Date;
}

/** Visible articles matching a condition, newest first: the tests' oracle, straight from SQL. */
async function visible(filter = sql`true`, order = sql`published_at desc, id desc`): Promise<Row[]> {
  const { rows } = await sql<Row>`select id, slug, title, canonical_url, published_at from articles
    where status in ('published', 'scheduled') and published_at <= now() and ${filter} order by ${order}`.execute(database.db);
  return rows;
}

function wibDate(date: Date): string {
  return `${new Date(date.getTime() + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;
}

describe('Google News sitemap', () => {
  it('lists exactly the visible articles of the last 48 hours, with publication, date and title', async () => {
    const now = Date.now();
    const inside = await insertArticle(database.db, { title: 'Masih 47 jam', published_at: new Date(now - 47 * HOUR) });
    const outside = await insertArticle(database.db, { title: 'Sudah 49 jam', published_at: new Date(now - 49 * HOUR) });
    const draft = await insertArticle(database.db, { status: 'draft', published_at: new Date(now - HOUR) });
    const scheduled = await insertArticle(database.db, { status: 'scheduled', published_at: new Date(now + HOUR) });

    const res = await get('/sitemaps/news.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const urlset = parseXml(res.body).urlset;
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');

    const expected = await visible(sql`published_at > now() - interval '48 hours'`);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(1000);
    const locs = urlset.url.map((u: any) => u.loc);
    expect(locs).toEqual(expected.map((a) => articleUrl(a, TEST_BASE_URL)));

    const slugOf = async (id: number) =>
      await database.db.selectFrom('articles').select(['slug', 'published_at', 'canonical_url']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(locs).toContain(articleUrl((await slugOf(inside.id)) as any, TEST_BASE_URL));
    for (const excluded of [outside, draft]) {
      expect(locs.some((loc: string) => loc.endsWith(`/${excluded.slug}`))).toBe(false);
    }
    expect(locs.some((loc: string) => loc.endsWith(`/${scheduled.slug}`))).toBe(false);

    urlset.url.forEach((url: any, i: number) => {
      const news = url['news:news'];
      expect(news['news:publication']).toEqual(expect.objectContaining({ 'news:name': 'Kabar Nusantara', 'news:language': 'id' }));
      expect(news['news:publication_date']).toMatch(W3C_WIB);
      expect(news['news:publication_date']).toBe(wibDate(expected[i]!.published_at));
      expect(news['news:title']).toBe(expected[i]!.title);
      expect(url.lastmod).toMatch(W3C_WIB);
    });
  });
});

describe('sitemap index and monthly article sitemaps', () => {
  it("lists the news sitemap and one sitemap per month, each with exactly that month's visible articles", async () => {
    const index = parseXml((await get('/sitemap.xml')).body).sitemapindex;
    const locs: string[] = index.sitemap.map((s: any) => s.loc);
    expect(locs[0]).toBe(`${TEST_BASE_URL}/sitemaps/news.xml`);
    for (const s of index.sitemap) expect(s.lastmod).toMatch(W3C_WIB);

    const { rows: months } = await sql<{ month: string; n: number }>`
      select to_char(published_at at time zone 'Asia/Jakarta', 'YYYY-MM') as month, count(*)::int as n
      from articles where status in ('published', 'scheduled') and published_at <= now() group by 1 order by 1`.execute(database.db);
    expect(months.length).toBeGreaterThanOrEqual(2);
    expect(locs.slice(1)).toEqual(months.map((m) => `${TEST_BASE_URL}/sitemaps/articles-${m.month}.xml`));

    for (const month of months) {
      const res = await get(`/sitemaps/articles-${month.month}.xml`);
      expect(res.status).toBe(200);
      const urls = parseXml(res.body).urlset.url;
      const expected = await visible(sql`to_char(published_at at time zone 'Asia/Jakarta', 'YYYY-MM') = ${month.month}`, sql`published_at, id`);
      expect(urls.map((u: any) => u.loc)).toEqual(expected.map((a) => articleUrl(a, TEST_BASE_URL)));
      expect(urls).toHaveLength(month.n);
      for (const url of urls) expect(url.lastmod).toMatch(W3C_WIB);
    }
    const empty = await get('/sitemaps/articles-1999-01.xml');
    expect(empty.status).toBe(404);
    expect(empty.body).toContain('No article sitemap for 1999-01');
    // One address per page: the first page has no "-1" twin.
    expect((await get(`/sitemaps/articles-${months[0]!.month}-1.xml`)).status).toBe(404);
  });

  it('splits a month into files of at most maxUrlsPerSitemap URLs, and keeps each file under maxSitemapBytes', async () => {
    const options = { ...DEFAULT_SITEMAP_OPTIONS, maxUrlsPerSitemap: 25 };
    const index = parseXml((await buildSitemapIndex(database.db, client.config, options)).body).sitemapindex;
    const {
      rows: [busiest],
    } = await sql<{ month: string; n: number }>`
      select to_char(published_at at time zone 'Asia/Jakarta', 'YYYY-MM') as month, count(*)::int as n
      from articles where status in ('published', 'scheduled') and published_at <= now() group by 1 order by 2 desc limit 1`.execute(database.db);
    const pages = Math.ceil(busiest!.n / 25);
    expect(pages).toBeGreaterThan(1);
    const monthLocs = index.sitemap.map((s: any) => s.loc).filter((loc: string) => loc.includes(`articles-${busiest!.month}`));
    expect(monthLocs).toEqual(
      Array.from({ length: pages }, (_, i) => `${TEST_BASE_URL}/sitemaps/articles-${busiest!.month}${i ? `-${i + 1}` : ''}.xml`),
    );

    const [year, month] = busiest!.month.split('-').map(Number) as [number, number];
    const all: string[] = [];
    for (let page = 1; page <= pages; page += 1) {
      const doc = await buildMonthSitemap(database.db, client.config, { year, month, page }, options);
      const urls = parseXml(doc!.body).urlset.url.map((u: any) => u.loc);
      expect(urls.length).toBeLessThanOrEqual(25);
      all.push(...urls);
    }
    expect(all).toHaveLength(busiest!.n);
    expect(new Set(all).size).toBe(busiest!.n);
    expect(await buildMonthSitemap(database.db, client.config, { year, month, page: pages + 1 }, options)).toBeNull();

    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const small = await buildMonthSitemap(database.db, client.config, { year, month, page: 1 }, { ...options, maxSitemapBytes: 2000 });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/URL\(s\) left out to stay within 2000 bytes/));
    logged.mockRestore();
    expect(Buffer.byteLength(small!.body)).toBeLessThanOrEqual(2000);
    expect(parseXml(small!.body).urlset.url.length).toBeGreaterThan(0);
  });
});

describe('Google News sitemap limit', () => {
  it('lists at most the 1,000 newest articles', async () => {
    const section = await database.db.selectFrom('sections').select('id').orderBy('position').executeTakeFirstOrThrow();
    // 1,100 articles spread over the last 40 hours, in one statement.
    await sql`insert into articles (slug, section_id, status, title, published_at)
      select 'massal-' || g, ${section.id}, 'published', 'Berita massal ' || g, now() - (g * interval '130 seconds')
      from generate_series(1, 1100) g`.execute(database.db);
    const urls = parseXml((await get('/sitemaps/news.xml')).body).urlset.url;
    expect(urls).toHaveLength(1000);
    const expected = (await visible(sql`published_at > now() - interval '48 hours'`)).slice(0, 1000);
    expect(urls.map((u: any) => u.loc)).toEqual(expected.map((a) => articleUrl(a, TEST_BASE_URL)));
  });
});
