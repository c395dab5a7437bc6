import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import RssParser from 'rss-parser';
import { parseFeed } from '@rowanmanning/feed-parser';
import { useTestApp } from './helpers/app';
import { createTestClient, TEST_BASE_URL } from './helpers/client';
import { insertArticle } from './helpers/fixtures';
import { feedparser, JSON_FEED_SCHEMA, NINJS_SUBSET_SCHEMA, parseXml, textOf } from './helpers/feeds';
import { createPartnerKey, revokePartnerKey } from '../src/feeds/partner-keys';
import { absoluteUrl, articleUrl } from '../src/content/urls';

// Every request builds afresh here; the reuse of built documents has its own test.
const { database, client } = useTestApp({ config: { feedCacheSeconds: 0 } });
let partnerKey: string;

beforeAll(async () => {
  partnerKey = (await createPartnerKey(database.db, 'Mitra Uji')).key;
});

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await client.request(path, { headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

const withKey = () => ({ 'x-kabar-partner-key': partnerKey });

interface ExpectedArticle {
  id: number;
  slug: string;
  title: string;
  canonical_url: string | null;
  published_at: Date;
  updated_at: Date;
  section_id: number;
  section_slug: string;
  section_name: string;
  author_name: string | null;
  hero_image_url: string | null;
  hero_image_width: number | null;
  hero_image_height: number | null;
}

/** The test's own oracle: the newest visible articles of a scope, straight from SQL. */
async function expectedArticles(limit: number, filter = sql`true`): Promise<ExpectedArticle[]> {
  const { rows } = await sql<ExpectedArticle>`
    select a.id, a.slug, a.title, a.canonical_url, a.published_at, a.updated_at, a.section_id,
           s.slug as section_slug, s.name as section_name, au.name as author_name,
           a.hero_image_url, a.hero_image_width, a.hero_image_height
    from articles a join sections s on s.id = a.section_id left join authors au on au.id = a.author_id
    where a.status in ('published', 'scheduled') and a.published_at <= now() and ${filter}
    order by a.published_at desc, a.id desc limit ${limit}`.execute(database.db);
  return rows;
}

const guidOf = (id: number) => `urn:kabar:article:${id}`;

describe('RSS 2.0', () => {
  it('carries the newest 50 visible articles with every required element, excerpts only without a key', async () => {
    const res = await get('/feeds/rss.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const expected = await expectedArticles(50);

    const rss = parseXml(res.body).rss;
    expect(rss['@version']).toBe('2.0');
    const channel = rss.channel;
    expect(channel.language).toBe('id');
    expect(channel.link).toEqual([`${TEST_BASE_URL}/`]);
    const atomLinks = channel['atom:link'].map((l: any) => [l['@rel'], l['@type'], l['@href']]);
    expect(atomLinks).toEqual([
      ['self', 'application/rss+xml', `${TEST_BASE_URL}/feeds/rss.xml`],
      ['related', 'application/atom+xml', `${TEST_BASE_URL}/feeds/atom.xml`],
      ['related', 'application/feed+json', `${TEST_BASE_URL}/feeds/feed.json`],
    ]);
    const newest = expected.reduce((max, a) => Math.max(max, a.updated_at.getTime(), a.published_at.getTime()), 0);
    expect(res.headers.get('last-modified')).toBe(new Date(newest).toUTCString());

    const items = channel.item;
    expect(items).toHaveLength(50);
    expect(items.map((i: any) => textOf(i.guid))).toEqual(expected.map((a) => guidOf(a.id)));
    let withImage = 0;
    let withAuthor = 0;
    items.forEach((item: any, index: number) => {
      const article = expected[index]!;
      expect(item.guid['@isPermaLink']).toBe('false');
      expect(item.title).toBe(article.title);
      expect(item.link).toEqual([articleUrl(article, TEST_BASE_URL)]);
      expect(item.pubDate).toMatch(RFC822);
      expect(new Date(item.pubDate).getTime()).toBe(Math.floor(article.published_at.getTime() / 1000) * 1000);
      expect(item.description.length).toBeGreaterThan(0);
      expect(item['content:encoded']).toBeUndefined();
      const categories = item.category.map((c: any) => [textOf(c), c['@domain']]);
      expect(categories[0]).toEqual([article.section_name, `${TEST_BASE_URL}/sections/${article.section_slug}`]);
      if (article.author_name) {
        withAuthor += 1;
        expect(item['dc:creator']).toEqual([article.author_name]);
      }
      if (article.hero_image_url) {
        withImage += 1;
        const media = item['media:content'][0];
        expect(media['@url']).toBe(absoluteUrl(article.hero_image_url, TEST_BASE_URL));
        expect(media['@medium']).toBe('image');
        expect(media['@width']).toBe(String(article.hero_image_width));
        expect(media['@height']).toBe(String(article.hero_image_height));
      }
    });
    // The seed gives most articles a byline and a hero image; the checks above must have run.
    expect(withAuthor).toBeGreaterThan(25);
    expect(withImage).toBeGreaterThan(25);

    // Two independent feed parsers read the same feed.
    const parsed = await new RssParser().parseString(res.body);
    expect(parsed.items.map((i) => i.guid)).toEqual(expected.map((a) => guidOf(a.id)));
    // rss-parser gives a category with attributes as { _: text, $: attributes }.
    expect(parsed.items[0]!.categories!.map((c: any) => (typeof c === 'string' ? c : c._))).toContain(expected[0]!.section_name);
    const rowan = parseFeed(res.body);
    expect(rowan.language).toBe('id');
    expect(rowan.items.map((i) => i.id)).toEqual(expected.map((a) => guidOf(a.id)));
  });

  it('carries full text (content:encoded) with the hero image for a partner key, in the header or the query', async () => {
    const [latest] = await expectedArticles(1, sql`a.hero_image_url is not null`);
    const body = await sql<{ body_html: string }>`select body_html from articles where id = ${latest!.id}`.execute(database.db);
    const firstParagraph = /<p>(.*?)<\/p>/.exec(body.rows[0]!.body_html)![1]!;
    for (const res of [await get('/feeds/rss.xml', withKey()), await get(`/feeds/rss.xml?key=${partnerKey}`)]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, max-age=300');
      const item = parseXml(res.body).rss.channel.item.find((i: any) => textOf(i.guid) === guidOf(latest!.id));
      const content: string = item['content:encoded'];
      expect(content).toMatch(new RegExp(`^<figure><img src="${absoluteUrl(latest!.hero_image_url!, TEST_BASE_URL).replace(/[.?]/g, '\\$&')}"`));
      expect(content).toContain(firstParagraph);
      const rowan = parseFeed(res.body).items.find((i) => i.id === guidOf(latest!.id))!;
      expect(rowan.content).toContain('<figure>');
      expect(rowan.media[0]?.url).toBe(absoluteUrl(latest!.hero_image_url!, TEST_BASE_URL));
    }
  });

  it('has section and tag feeds that carry only that scope', async () => {
    const section = await database.db.selectFrom('sections').select(['id', 'slug', 'name']).orderBy('position').executeTakeFirstOrThrow();
    const res = await get(`/feeds/sections/${section.slug}/rss.xml`);
    expect(res.status).toBe(200);
    const channel = parseXml(res.body).rss.channel;
    const expected = await expectedArticles(50, sql`a.section_id = ${section.id}`);
    expect(expected.length).toBeGreaterThan(10);
    expect(channel.item.map((i: any) => textOf(i.guid))).toEqual(expected.map((a) => guidOf(a.id)));
    expect(channel.link).toEqual([`${TEST_BASE_URL}/sections/${section.slug}`]);
    expect(channel['atom:link'][0]['@href']).toBe(`${TEST_BASE_URL}/feeds/sections/${section.slug}/rss.xml`);

    const tag = await database.db
      .selectFrom('tags')
      .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
      .select(['tags.id', 'tags.slug'])
      .groupBy(['tags.id', 'tags.slug'])
      .orderBy(sql`count(*)`, 'desc')
      .executeTakeFirstOrThrow();
    const tagRes = await get(`/feeds/tags/${tag.slug}/rss.xml`);
    const tagExpected = await expectedArticles(50, sql`a.id in (select article_id from article_tags where tag_id = ${tag.id})`);
    expect(tagExpected.length).toBeGreaterThan(3);
    expect(parseXml(tagRes.body).rss.channel.item.map((i: any) => textOf(i.guid))).toEqual(tagExpected.map((a) => guidOf(a.id)));
  });

  it('answers an unknown section or tag with 404 and a bad limit with 400, saying what is allowed', async () => {
    const section = await get('/feeds/sections/tidak-ada/rss.xml');
    expect(section.status).toBe(404);
    expect(section.body).toContain('No section has the slug "tidak-ada"');
    const tag = await get('/feeds/tags/tidak-ada/feed.json');
    expect(tag.status).toBe(404);
    expect(tag.body).toContain('No tag has the slug "tidak-ada"');
    for (const bad of ['0', '101', 'abc', '-5', '2.5']) {
      const res = await get(`/feeds/rss.xml?limit=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body).toContain('expected a whole number from 1 to 100');
    }
    const post = await client.request('/feeds/rss.xml', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const five = await get('/feeds/atom.xml?limit=5');
    expect(parseXml(five.body).feed.entry).toHaveLength(5);
    const max = await get('/feeds/feed.json?limit=100');
    expect(JSON.parse(max.body).items).toHaveLength(100);
  });

  it('loads a feed in the same small number of statements whatever its length', async () => {
    database.resetStatements();
    await get('/feeds/rss.xml?limit=3');
    const small = database.statements.length;
    database.resetStatements();
    await get('/feeds/rss.xml?limit=100', withKey());
    const large = database.statements.length;
    // articles, authors, sections, tags (+ the key lookup for the partner request)
    expect(small).toBe(4);
    expect(large).toBe(5);
  });
});

describe('an empty scope', () => {
  it('is a valid feed with no items in every format', async () => {
    await database.db.insertInto('tags').values({ slug: 'tanpa-artikel', name: 'Tanpa Artikel' }).execute();
    const rss = await get('/feeds/tags/tanpa-artikel/rss.xml');
    const atom = await get('/feeds/tags/tanpa-artikel/atom.xml');
    const json = await get('/feeds/tags/tanpa-artikel/feed.json');
    for (const res of [rss, atom, json]) expect(res.status).toBe(200);
    expect(parseXml(rss.body).rss.channel.item).toBeUndefined();
    expect(parseXml(atom.body).feed.updated).toBe('1970-01-01T00:00:00Z');
    expect(rss.headers.get('last-modified')).toBeNull();
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON_FEED_SCHEMA);
    const feed = JSON.parse(json.body);
    expect(validate(feed) ? [] : validate.errors).toEqual([]);
    expect(feed.items).toEqual([]);
    const results = feedparser(rss.body, atom.body);
    expect(results.map((r) => [Number(r.bozo), r.version, r.entries.length])).toEqual([
      [0, 'rss20', 0],
      [0, 'atom10', 0],
    ]);
  });
});

describe('Atom 1.0', () => {
  it('has RFC 4287 ids, dates, links, authors and categories, and html content for partners', async () => {
    const res = await get('/feeds/atom.xml', withKey());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = parseXml(res.body).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@xml:lang']).toBe('id');
    expect(feed.id).toBe('urn:kabar:feed:site');
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.link.map((l: any) => `${l['@rel']} ${l['@type']}`)).toEqual([
      'self application/atom+xml',
      'alternate text/html',
      'related application/rss+xml',
      'related application/feed+json',
    ]);
    expect(feed.author[0].name).toBe('Kabar Nusantara');
    const expected = await expectedArticles(50);
    expect(feed.entry.map((e: any) => e.id)).toEqual(expected.map((a) => guidOf(a.id)));
    feed.entry.forEach((entry: any, i: number) => {
      const article = expected[i]!;
      expect(entry.published).toMatch(RFC3339);
      expect(new Date(entry.published).getTime()).toBe(article.published_at.getTime());
      expect(entry.updated).toMatch(RFC3339);
      expect(entry.link[0]['@href']).toBe(articleUrl(article, TEST_BASE_URL));
      expect(entry.category[0]['@term']).toBe(article.section_slug);
      if (article.author_name) expect(entry.author[0].name).toBe(article.author_name);
      expect(entry.content['@type']).toBe('html');
      expect(entry.summary['@type']).toBe('text');
    });
    const rowan = parseFeed(res.body);
    expect(rowan.meta.type).toBe('atom');
    expect(rowan.items[0]!.content).toContain('<p>');
    const publicFeed = parseXml((await get('/feeds/atom.xml')).body).feed;
    expect(publicFeed.entry.every((e: any) => e.content === undefined && textOf(e.summary).length > 0)).toBe(true);
  });
});

describe('JSON Feed 1.1', () => {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON_FEED_SCHEMA);

  it('validates against the JSON Feed 1.1 schema, with authors, language and content_html for partners', async () => {
    const res = await get('/feeds/feed.json', withKey());
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(res.body);
    expect(validate(feed) ? [] : validate.errors).toEqual([]);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe('id');
    expect(feed.feed_url).toBe(`${TEST_BASE_URL}/feeds/feed.json`);
    expect(feed.authors).toEqual([{ name: 'Kabar Nusantara', url: `${TEST_BASE_URL}/` }]);
    const expected = await expectedArticles(50);
    expect(feed.items.map((i: any) => i.id)).toEqual(expected.map((a) => guidOf(a.id)));
    feed.items.forEach((item: any, i: number) => {
      const article = expected[i]!;
      expect(item.content_html).toEqual(expect.stringContaining('<p>'));
      expect(item.language).toBe('id');
      expect(item.date_published).toMatch(RFC3339);
      expect(new Date(item.date_published).getTime()).toBe(article.published_at.getTime());
      if (article.author_name) expect(item.authors).toEqual([{ name: article.author_name }]);
      if (article.hero_image_url) expect(item.image).toBe(absoluteUrl(article.hero_image_url, TEST_BASE_URL));
    });

    const publicFeed = JSON.parse((await get('/feeds/feed.json')).body);
    expect(validate(publicFeed) ? [] : validate.errors).toEqual([]);
    expect(publicFeed.items.every((i: any) => i.content_html === undefined && i.content_text === i.summary)).toBe(true);
  });
});

describe('a feed reader (python3-feedparser)', () => {
  it('reads the site RSS, a section RSS and the Atom feed without complaint, with full articles and images', async () => {
    const section = await database.db.selectFrom('sections').select('slug').orderBy('position').executeTakeFirstOrThrow();
    const docs = await Promise.all(
      ['/feeds/rss.xml', `/feeds/sections/${section.slug}/rss.xml`, '/feeds/atom.xml'].map(async (path) => (await get(path, withKey())).body),
    );
    const results = feedparser(...docs);
    expect(results.map((r) => [Number(r.bozo), r.bozo_exception, r.version])).toEqual([
      [0, '', 'rss20'],
      [0, '', 'rss20'],
      [0, '', 'atom10'],
    ]);
    // The feed's web address is the site (or section) page, not one of the other formats.
    expect(results.map((r) => r.feed.link)).toEqual([`${TEST_BASE_URL}/`, `${TEST_BASE_URL}/sections/${section.slug}`, `${TEST_BASE_URL}/`]);
    for (const result of results) {
      expect(result.feed.language).toBe('id');
      expect(result.entries.length).toBeGreaterThan(10);
      for (const entry of result.entries) {
        expect(entry.id).toMatch(/^urn:kabar:article:\d+$/);
        // RSS guids are not links (isPermaLink="false"); feedparser treats every Atom id as one.
        if (result.version === 'rss20') expect(entry.guidislink).toBe(false);
        expect(entry.link).toMatch(/^https:\/\/kabar\.test\/read\//);
        expect(entry.content[0]?.type).toBe('text/html');
        expect(entry.content[0]?.value).toContain('<p>');
      }
      const illustrated = result.entries.filter((e) => e.media_content.length > 0);
      expect(illustrated.length).toBeGreaterThan(5);
      for (const entry of illustrated) {
        expect(entry.media_content[0]).toEqual(
          expect.objectContaining({ medium: 'image', width: expect.stringMatching(/^\d+$/), height: expect.stringMatching(/^\d+$/) }),
        );
        expect(entry.content[0]!.value).toMatch(new RegExp(`^<figure><img [^>]*src="${entry.media_content[0]!.url!.replace(/[.?]/g, '\\$&')}"`));
      }
    }
  });
});

describe('conditional GET', () => {
  const paths = ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json', '/sitemap.xml', '/sitemaps/news.xml'];

  it.each(paths)('%s answers 304 without a body to a matching If-None-Match or If-Modified-Since', async (path) => {
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toBeTruthy();
    expect(lastModified).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);

    const byEtag = await get(path, { 'if-none-match': etag });
    expect(byEtag.status).toBe(304);
    expect(byEtag.body).toBe('');
    expect(byEtag.headers.get('etag')).toBe(etag);
    expect((await get(path, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);

    const byDate = await get(path, { 'if-modified-since': lastModified });
    expect(byDate.status).toBe(304);
    expect(byDate.body).toBe('');
    const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await get(path, { 'if-modified-since': older })).status).toBe(200);
    // If-None-Match decides when both are sent (RFC 9110 §13.2.2).
    expect((await get(path, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status).toBe(200);

    const head = await client.request(path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('keeps the excerpt and full-text variants apart', async () => {
    const publicEtag = (await get('/feeds/rss.xml')).headers.get('etag')!;
    const partner = await get('/feeds/rss.xml', { ...withKey(), 'if-none-match': publicEtag });
    expect(partner.status).toBe(200);
    expect(partner.headers.get('vary')).toContain('X-Kabar-Partner-Key');
    expect(partner.headers.get('etag')).not.toBe(publicEtag);
  });
});

describe('stability', () => {
  const formats = ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json'];

  it('renders unchanged content byte for byte; an edit keeps the id and moves the updated date', async () => {
    const before = await Promise.all(formats.map((p) => get(p, withKey())));
    const again = await Promise.all(formats.map((p) => get(p, withKey())));
    expect(again.map((r) => r.body)).toEqual(before.map((r) => r.body));
    expect(again.map((r) => r.headers.get('etag'))).toEqual(before.map((r) => r.headers.get('etag')));

    const [article] = await expectedArticles(3);
    const edited = new Date(Math.max(Date.now(), article!.updated_at.getTime()) + 60_000);
    edited.setMilliseconds(0);
    await database.db
      .updateTable('articles')
      .set({ title: `${article!.title} (diperbarui)`, updated_at: edited })
      .where('id', '=', article!.id)
      .execute();

    const after = await Promise.all(formats.map((p) => get(p, withKey())));
    after.forEach((res, i) => {
      expect(res.body).not.toBe(before[i]!.body);
      expect(res.headers.get('etag')).not.toBe(before[i]!.headers.get('etag'));
      expect(res.headers.get('last-modified')).toBe(edited.toUTCString());
    });
    const id = guidOf(article!.id);
    const rssItem = parseXml(after[0]!.body).rss.channel.item.find((i: any) => textOf(i.guid) === id);
    expect(rssItem.title).toBe(`${article!.title} (diperbarui)`);
    expect(rssItem['dcterms:modified']).toBe(edited.toISOString().replace('.000Z', 'Z'));
    expect(new Date(rssItem.pubDate).getTime()).toBe(Math.floor(article!.published_at.getTime() / 1000) * 1000);
    const atomEntry = parseXml(after[1]!.body).feed.entry.find((e: any) => e.id === id);
    expect(atomEntry.updated).toBe(edited.toISOString().replace('.000Z', 'Z'));
    expect(new Date(atomEntry.published).getTime()).toBe(article!.published_at.getTime());
    const jsonItem = JSON.parse(after[2]!.body).items.find((i: any) => i.id === id);
    expect(new Date(jsonItem.date_modified).getTime()).toBe(edited.getTime());
    // The old validator no longer matches.
    expect((await get(formats[0]!, { ...withKey(), 'if-none-match': before[0]!.headers.get('etag')! })).status).toBe(200);
  });
});

describe('document reuse (FEED_CACHE_SECONDS)', () => {
  it('serves a built feed again without touching the database until it expires', async () => {
    const cachedClient = createTestClient(database.db, { feedCacheSeconds: 1 });
    const first = await cachedClient.request('/feeds/rss.xml');
    const before = await first.text();
    const [article] = await expectedArticles(1);
    await database.db
      .updateTable('articles')
      .set({ title: `${article!.title} (lagi)`, updated_at: new Date(Date.now() + 180_000) })
      .where('id', '=', article!.id)
      .execute();

    database.resetStatements();
    const again = await cachedClient.request('/feeds/rss.xml');
    expect(await again.text()).toBe(before);
    expect(database.statements).toHaveLength(0);
    // A partner request still checks its key, then shares the full-text build.
    await cachedClient.request('/feeds/rss.xml', { headers: withKey() });
    database.resetStatements();
    await cachedClient.request('/feeds/rss.xml', { headers: withKey() });
    expect(database.statements).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fresh = await (await cachedClient.request('/feeds/rss.xml')).text();
    expect(fresh).not.toBe(before);
    expect(fresh).toContain(`${article!.title} (lagi)`);
  });
});

describe('partner keys', () => {
  it('stores only a hash of the key', async () => {
    const row = await database.db.selectFrom('partner_keys').selectAll().where('name', '=', 'Mitra Uji').executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(createHash('sha256').update(partnerKey).digest('hex'));
    expect(Object.values(row).map(String)).not.toContain(partnerKey);
    expect(row.key_prefix).toBe(partnerKey.slice(0, 8));
  });

  it('answers an unknown, malformed or revoked key with 401 and a clear message', async () => {
    const { key } = await createPartnerKey(database.db, 'Mitra Dicabut');
    expect((await get('/feeds/rss.xml', { 'x-kabar-partner-key': key })).status).toBe(200);
    expect(await revokePartnerKey(database.db, 'Mitra Dicabut')).toBe(1);
    const unknown = `kbr_${'A'.repeat(43)}`;
    for (const bad of [key, unknown, 'salah']) {
      for (const res of [await get('/feeds/rss.xml', { 'x-kabar-partner-key': bad }), await get(`/feeds/feed.json?key=${bad}`)]) {
        expect(res.status).toBe(401);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.body).toContain('The partner key is not valid (unknown or revoked)');
      }
    }
  });

  it('refuses a second active key under the same name', async () => {
    await expect(createPartnerKey(database.db, 'Mitra Uji')).rejects.toThrow('already has an active key');
  });
});

describe('ninjs', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  const validate = ajv.compile(NINJS_SUBSET_SCHEMA);

  it('renders one article as IPTC ninjs 2.1: partial without a key, full with one, same uri across edits', async () => {
    const [article] = await expectedArticles(1, sql`a.hero_image_url is not null and a.author_id is not null`);
    const path = `/articles/${article!.slug}.ninjs.json`;
    const partial = await get(path);
    expect(partial.status).toBe(200);
    expect(partial.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const p = JSON.parse(partial.body);
    expect(validate(p) ? [] : validate.errors).toEqual([]);
    expect(p).toEqual(
      expect.objectContaining({ uri: guidOf(article!.id), type: 'text', representationtype: 'partial', language: 'id', by: article!.author_name }),
    );
    expect(p.bodies).toBeUndefined();
    expect(p.headlines[0]).toEqual({ role: 'main', contenttype: 'text/plain', value: article!.title });
    expect(p.associations[0].renditions[0]).toEqual(
      expect.objectContaining({
        href: absoluteUrl(article!.hero_image_url!, TEST_BASE_URL),
        width: article!.hero_image_width,
        height: article!.hero_image_height,
      }),
    );

    const full = JSON.parse((await get(path, withKey())).body);
    expect(validate(full) ? [] : validate.errors).toEqual([]);
    expect(full.representationtype).toBe('full');
    expect(full.bodies[0].contenttype).toBe('text/html');
    expect(full.bodies[0].value).toContain('<p>');

    await database.db
      .updateTable('articles')
      .set({ updated_at: new Date(Date.now() + 120_000) })
      .where('id', '=', article!.id)
      .execute();
    const edited = JSON.parse((await get(path, withKey())).body);
    expect(edited.uri).toBe(full.uri);
    expect(edited.version).not.toBe(full.version);
    expect((await get('/articles/tidak-ada.ninjs.json')).status).toBe(404);
  });
});

describe('GraphQL discovery', () => {
  it('exposes the feed URLs on Publication, Section and Tag, and each of them is served', async () => {
    const res = await client.graphql(`{
      publication { feeds { rss atom json newsSitemap sitemapIndex } }
      sections { slug feeds { rss atom json } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.publication.feeds).toEqual({
      rss: `${TEST_BASE_URL}/feeds/rss.xml`,
      atom: `${TEST_BASE_URL}/feeds/atom.xml`,
      json: `${TEST_BASE_URL}/feeds/feed.json`,
      newsSitemap: `${TEST_BASE_URL}/sitemaps/news.xml`,
      sitemapIndex: `${TEST_BASE_URL}/sitemap.xml`,
    });
    const tagSlug = (await database.db.selectFrom('tags').select('slug').orderBy('id').executeTakeFirstOrThrow()).slug;
    const tag = await client.graphql(`query($slug: String!) { tag(slug: $slug) { feeds { rss atom json } } }`, { slug: tagSlug });
    const urls = [
      ...Object.values(res.data.publication.feeds as Record<string, string>),
      ...Object.values(res.data.sections[0].feeds as Record<string, string>),
      ...Object.values(tag.data.tag.feeds as Record<string, string>),
    ];
    expect(urls).toHaveLength(11);
    for (const url of urls) {
      expect(url.startsWith(TEST_BASE_URL)).toBe(true);
      expect((await get(url.slice(TEST_BASE_URL.length))).status).toBe(200);
    }
  });
});

describe('hostile content', () => {
  it('stays well-formed and harmless whatever is stored, with absolute links', async () => {
    const { id } = await insertArticle(database.db, {
      published_at: new Date(Date.now() - 1000),
      hero_image_url: '/media/demo/hostile.svg',
      hero_image_width: 1200,
      hero_image_height: 675,
    });
    // Written straight to the table, past the write-time sanitiser, as an old import might have.
    const hostileBody = [
      '<script>alert("x")</script><style>p{color:red}</style>',
      '<p style="color:red" onclick="steal()" class="x">Teks ]]> penutup CDATA \u0001\u0008 dan <b>tebal</b> &amp; entitas.</p>',
      '<p><a href="/read/2026/01/01/relatif">tautan relatif</a> <a href="javascript:alert(1)">skrip</a> <img src="/media/foto.jpg" onerror="x()"> <img src="javascript:alert(1)"></p>',
      '<iframe src="https://evil.example/embed"></iframe><p>]]&gt;</p><![CDATA[ ]]>',
    ].join('');
    await database.db
      .updateTable('articles')
      .set({
        body_html: hostileBody,
        title: 'Judul <b>tebal</b> ]]> & \u0007kontrol',
        excerpt: 'Ringkasan ]]> <script>alert(1)</script>',
      })
      .where('id', '=', id)
      .execute();
    const guid = guidOf(id);

    const rss = await get('/feeds/rss.xml', withKey());
    const atom = await get('/feeds/atom.xml', withKey());
    const json = await get('/feeds/feed.json', withKey());
    const ninjs = await get(
      `/articles/${(await database.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug}.ninjs.json`,
      withKey(),
    );
    for (const res of [rss, atom, json, ninjs]) {
      expect(res.status).toBe(200);
      // eslint-disable-next-line no-control-regex
      expect(res.body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
    const [rssResult, atomResult] = feedparser(rss.body, atom.body);
    expect(Number(rssResult!.bozo)).toBe(0);
    expect(Number(atomResult!.bozo)).toBe(0);

    const rssItem = parseXml(rss.body).rss.channel.item.find((i: any) => textOf(i.guid) === guid);
    const atomEntry = parseXml(atom.body).feed.entry.find((e: any) => e.id === guid);
    const jsonItem = JSON.parse(json.body).items.find((i: any) => i.id === guid);
    const ninjsBody = JSON.parse(ninjs.body).bodies[0].value;
    expect(rssItem.title).toBe('Judul <b>tebal</b> ]]> & kontrol');
    expect(textOf(atomEntry.title)).toBe('Judul <b>tebal</b> ]]> & kontrol');
    expect(jsonItem.title).toBe('Judul <b>tebal</b> ]]> & kontrol');
    for (const html of [rssItem['content:encoded'], textOf(atomEntry.content), jsonItem.content_html, ninjsBody] as string[]) {
      expect(html).not.toMatch(/<script|<style|style=|onclick|onerror|javascript:|class=|evil\.example|<iframe/i);
      expect(html).toContain('href="https://kabar.test/read/2026/01/01/relatif"');
      expect(html).toContain('src="https://kabar.test/media/foto.jpg"');
      expect(html).toContain('<figure><img src="https://kabar.test/media/demo/hostile.svg" alt="" width="1200" height="675"></figure>');
      expect(html).toContain('Teks ]]&gt; penutup CDATA  dan <b>tebal</b> &amp; entitas.');
    }
    expect(rssItem.description).toBe('Ringkasan ]]> <script>alert(1)</script>');
    const mediaUrl = rssItem['media:content'][0]['@url'];
    expect(mediaUrl).toBe('https://kabar.test/media/demo/hostile.svg');
  });
});

describe('size limits', () => {
  // Shortened and dropped items are logged; keep the test output quiet but check the log.
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    warn.mockRestore();
    await database.db.deleteFrom('articles').where('slug', 'like', 'besar-%').execute();
  });

  async function insertLarge(slug: string, bytes: number, minutesAgo: number): Promise<number> {
    const { id } = await insertArticle(database.db, { slug, published_at: new Date(Date.now() - minutesAgo * 60_000) });
    const paragraph = '<p>Kalimat panjang untuk menguji batas ukuran umpan berita.</p>';
    await database.db
      .updateTable('articles')
      .set({ body_html: paragraph.repeat(Math.ceil(bytes / paragraph.length)) })
      .where('id', '=', id)
      .execute();
    return id;
  }

  it('sends an article over 1 MB without its full text rather than breaking the feed', async () => {
    const id = await insertLarge('besar-satu', 1_100_000, 0.5);
    for (const path of ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json']) {
      const res = await get(path, withKey());
      expect(Buffer.byteLength(res.body)).toBeLessThanOrEqual(2_000_000);
      expect(res.body).toContain(guidOf(id));
    }
    const rss = await get('/feeds/rss.xml', withKey());
    const items = parseXml(rss.body).rss.channel.item;
    expect(items).toHaveLength(50);
    const big = items.find((i: any) => textOf(i.guid) === guidOf(id));
    expect(big['content:encoded']).toBeUndefined();
    expect(big.description.length).toBeGreaterThan(0);
    expect(items.filter((i: any) => i['content:encoded'] !== undefined)).toHaveLength(49);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('1 item(s) sent without full text'));
    const ninjs = JSON.parse((await get('/articles/besar-satu.ninjs.json', withKey())).body);
    expect(ninjs.representationtype).toBe('partial');
  });

  it('carries fewer items rather than pass 2 MB', async () => {
    // About 750 kB of HTML each: some 890 kB once escaped inside XML, under the 1 MB item limit.
    const ids = [
      await insertLarge('besar-dua', 750_000, 0.3),
      await insertLarge('besar-tiga', 750_000, 0.2),
      await insertLarge('besar-empat', 750_000, 0.1),
    ];
    for (const path of ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json']) {
      const res = await get(path, withKey());
      expect(res.status).toBe(200);
      expect(Buffer.byteLength(res.body)).toBeLessThanOrEqual(2_000_000);
      expect(Buffer.byteLength(res.body)).toBeGreaterThan(1_400_000);
      // The feed is the newest articles up to the first one that would pass the limit: two of the
      // three large articles fit, the third is where the feed stops.
      const bodyIds = path.endsWith('.json')
        ? JSON.parse(res.body).items.map((i: any) => i.id)
        : [...res.body.matchAll(/urn:kabar:article:\d+/g)].map((m) => m[0]);
      const expected = (await expectedArticles(50)).map((a) => guidOf(a.id));
      expect(bodyIds.length).toBeLessThan(50);
      expect(bodyIds).toEqual(expected.slice(0, bodyIds.length));
      expect(bodyIds.filter((id: string) => ids.map(guidOf).includes(id))).toHaveLength(2);
      expect(ids.map(guidOf)).toContain(expected[bodyIds.length]);
    }
    const [result] = feedparser((await get('/feeds/rss.xml', withKey())).body);
    expect(Number(result!.bozo)).toBe(0);
    expect(result!.entries.length).toBeGreaterThanOrEqual(2);
  });
});
