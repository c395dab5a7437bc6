import path from 'node:path';
import { sql } from 'kysely';
import type { BrowserContext, Locator, Page, Request as PwRequest } from 'playwright-core';
import { ARTIFACTS_DIR, startStack, type Stack } from './harness';
import { eventually as retryUntilPasses } from './browser-helpers';
import { normaliseArticlePath } from '../../src/content/old-paths';

// The example frontend (examples/react-news) in a real browser against a running Kabar with the
// demo publication: what a reader sees on the home, section and article pages, the view beacon
// reaching Kabar, the loading, error and not-found states, and GraphiQL at /graphql.

let stack: Stack;
let context: BrowserContext;
/** Requests the pages tried to send anywhere but the two local servers (there must be none). */
const outside: string[] = [];

beforeAll(async () => {
  const started = Date.now();
  stack = await startStack();
  console.log(`Kabar, the example build and Chromium ready in ${Date.now() - started} ms`);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

beforeEach(async () => {
  outside.length = 0;
  // A reader's browser: headless Chromium names itself HeadlessChrome, which Kabar rightly does not count as a view.
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${stack.browser.version()} Safari/537.36`;
  context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', userAgent });
  const local = [stack.kabarUrl, stack.frontendUrl];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local.some((origin) => url.startsWith(`${origin}/`)) || /^(blob|data):/.test(url)) return route.continue();
    outside.push(url);
    return route.abort();
  });
});
afterEach(async () => {
  await context.close();
  expect(outside).toEqual([]);
});

async function api<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${stack.kabarUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

/** Retries an assertion until it passes (the page renders asynchronously), then reports its last failure. */
const eventually = (assertion: () => unknown, timeoutMs = 10_000) => retryUntilPasses(assertion, timeoutMs, 100);

async function expectTexts(locator: Locator, texts: string[]): Promise<void> {
  await eventually(async () => expect(await locator.allTextContents()).toEqual(texts));
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await eventually(async () => expect((await locator.textContent())?.trim()).toBe(text));
}

function collectBeacons(page: Page): PwRequest[] {
  const beacons: PwRequest[] = [];
  page.on('request', (request) => {
    if (request.url() === `${stack.kabarUrl}/views`) beacons.push(request);
  });
  return beacons;
}

async function screenshot(page: Page, name: string): Promise<void> {
  // Lazy images below the fold would be blank on a full-page picture: load them all first.
  await page.evaluate(`Promise.all([...document.images].map((img) => { img.loading = 'eager'; return img.decode().catch(() => undefined); }))`);
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  // The top of the page, as the README shows it.
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}-top.png`), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1400 } });
}

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "Selasa, 3 Desember 2024 | 10.30 WIB", worked out by hand (WIB is UTC+7, no daylight saving). */
function expectedDateLine(iso: string): string {
  const wib = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[wib.getUTCDay()]}, ${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()]} ${wib.getUTCFullYear()} | ${pad(wib.getUTCHours())}.${pad(wib.getUTCMinutes())} WIB`;
}

describe('view beacon', () => {
  it('is sent once per page view, answered 204, and moves the stored and Terpopuler counts', async () => {
    // This block runs first: no page has counted a view yet, so every view counted here is ours.
    const { trending } = await api(`{ trending(window: DAY, first: 10) { items { article { slug url } } } }`);
    const { slug, url } = trending.items[0].article;
    const storedViews = async () => {
      const { rows } = await sql<{ views: string | null }>`
        select sum(v.views) as views from article_views_hourly v join articles a on a.id = v.article_id
        where a.slug = ${slug}`.execute(stack.service.database.db);
      return Number(rows[0]?.views ?? 0);
    };
    const trendingViews = async () => {
      const data = await api(`{ trending(window: DAY, first: 50) { items { views article { slug } } } }`);
      return data.trending.items.find((i: any) => i.article.slug === slug)?.views ?? 0;
    };
    // Terpopuler sums whole hours: stay inside one hour, so that no old hour leaves the window meanwhile.
    const msToNextHour = 3_600_000 - (Date.now() % 3_600_000);
    if (msToNextHour < 30_000) await new Promise((resolve) => setTimeout(resolve, msToNextHour + 1_000));
    const storedBefore = await storedViews();
    const trendingBefore = await trendingViews();
    expect(trendingBefore).toBeGreaterThan(0);

    const page = await context.newPage();
    const beacons = collectBeacons(page);
    await page.goto(`${stack.frontendUrl}${pathOf(url)}`);
    await page.locator('[data-testid=article-title]').waitFor();
    await eventually(() => expect(beacons).toHaveLength(1));
    expect(beacons[0]!.method()).toBe('POST');
    expect(JSON.parse(beacons[0]!.postData() ?? '{}')).toEqual({ slug });
    expect((await beacons[0]!.response())?.status()).toBe(204);
    // The view buffer flushes every 200 ms here, and Terpopuler is recomputed every second.
    await eventually(async () => expect(await storedViews()).toBe(storedBefore + 1));
    await eventually(async () => expect(await trendingViews()).toBe(trendingBefore + 1));
    // Nothing sent a second beacon meanwhile (React's double effects in development, re-renders).
    expect(beacons).toHaveLength(1);
  });
});

describe('home page', () => {
  it('shows Terbaru, Terpopuler and the latest from each section', async () => {
    const expected = await api(`{
      latest(first: 20) { title }
      trending(window: DAY, first: 10) { items { article { title } } }
      sections { slug name latest(first: 5) { title } }
    }`);
    const page = await context.newPage();
    await page.goto(stack.frontendUrl);
    await expectText(page.locator('.headline h1'), expected.latest[0].title);
    await expectTexts(
      page.locator('[data-testid=terbaru] h3'),
      expected.latest.slice(5).map((a: any) => a.title),
    );
    await expectTexts(
      page.locator('[data-testid=terpopuler] li a'),
      expected.trending.items.map((i: any) => i.article.title),
    );
    const sections = expected.sections.filter((s: any) => s.latest.length > 0);
    expect(sections.length).toBeGreaterThanOrEqual(5);
    for (const section of sections) {
      const block = page.locator(`[data-testid="kanal-${section.slug}"]`);
      await expectText(block.locator('h2'), section.name);
      await expectText(block.locator('h3'), section.latest[0].title);
    }
    // The menu lists every section.
    await expectTexts(page.locator('.sections-nav a'), ['Beranda', ...expected.sections.map((s: any) => s.name)]);
    await screenshot(page, 'home');
  });

  it('opens an article from the home page without reloading, and counts one view', async () => {
    const page = await context.newPage();
    const beacons = collectBeacons(page);
    await page.goto(stack.frontendUrl);
    const first = page.locator('.card h3').first();
    const title = await first.textContent();
    await page.evaluate('window.__sameDocument = true');
    await first.click();
    await expectText(page.locator('[data-testid=article-title]'), title!);
    expect(page.url()).toMatch(/\/read\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+$/);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await eventually(() => expect(beacons).toHaveLength(1));
  });
});

describe('article page', () => {
  const ARTICLE = `query($slug: String!) {
    article(slug: $slug) {
      title url publishedAt section { name } author { name }
      blocks { __typename }
      shareLinks { whatsapp }
      related(first: 5) { title }
    }
    latest(first: 10) { slug title }
    trending(window: DAY, first: 10) { items { article { title } } }
  }`;
  let expected: any;
  let page: Page;

  beforeAll(async () => {
    // A Terpopuler article with a hero image, ad slots and related articles: everything has content.
    const { trending } = await api(`{ trending(window: DAY, first: 20) { items { article {
      slug heroImage { url } blocks { __typename } related(first: 5) { slug } } } } }`);
    const { slug } = trending.items
      .map((i: any) => i.article)
      .find((a: any) => a.heroImage && a.related.length >= 3 && a.blocks.some((b: any) => b.__typename === 'AdSlot'));
    expected = { slug, ...(await api(ARTICLE, { slug })) };
  });

  beforeEach(async () => {
    page = await context.newPage();
    await page.goto(`${stack.frontendUrl}${pathOf(expected.article.url)}`);
    await expectText(page.locator('[data-testid=article-title]'), expected.article.title);
  });

  it('shows the title, section, author, Indonesian date line, hero image, body with ad slots and share buttons', async () => {
    const { article } = expected;
    await expectText(page.locator('[data-testid=article-section]'), article.section.name);
    await expectText(page.locator('.byline .author'), article.author.name);
    await expectText(page.locator('[data-testid=date-line]'), expectedDateLine(article.publishedAt));
    await eventually(async () => expect(await page.locator('.hero img').evaluate((img: any) => img.complete && img.naturalWidth)).toBeGreaterThan(0));
    const paragraphs = article.blocks.filter((b: any) => b.__typename === 'Paragraph').length;
    const adSlots = article.blocks.filter((b: any) => b.__typename === 'AdSlot').length;
    expect(adSlots).toBeGreaterThan(0);
    await eventually(async () => expect(await page.locator('[data-testid=article-body] > p').count()).toBe(paragraphs));
    await eventually(async () => expect(await page.locator('[data-testid=ad-slot]').count()).toBe(adSlots));
    const share = page.locator('[data-testid=share]').first().locator('a');
    await expectTexts(share, ['WhatsApp', 'Facebook', 'X', 'Telegram', 'Email']);
    expect(await share.first().getAttribute('href')).toBe(article.shareLinks.whatsapp);
    expect(await page.title()).toContain(article.title);
    await screenshot(page, 'article');
  });

  it('shows Artikel Terkait, Terbaru and Terpopuler', async () => {
    await expectTexts(
      page.locator('[data-testid=artikel-terkait] h3'),
      expected.article.related.map((a: any) => a.title),
    );
    const latest = expected.latest
      .filter((a: any) => a.slug !== expected.slug)
      .slice(0, 8)
      .map((a: any) => a.title);
    await expectTexts(page.locator('[data-testid=terbaru] li a'), latest);
    await expectTexts(
      page.locator('[data-testid=terpopuler] li a'),
      expected.trending.items.map((i: any) => i.article.title),
    );
  });
});

describe('section page', () => {
  it('lists 20 articles and loads the next 20 with "Muat lebih banyak"', async () => {
    const { sections } = await api(`{ sections { slug name articles(first: 40) { totalCount edges { node { title } } } } }`);
    const section = sections.find((s: any) => s.articles.totalCount > 40);
    const titles = section.articles.edges.map((e: any) => e.node.title);
    const page = await context.newPage();
    await page.goto(`${stack.frontendUrl}/${section.slug}`);
    await expectText(page.locator('.page-header h1'), section.name);
    await expectText(page.locator('.sections-nav a.active'), section.name);
    const rows = page.locator('[data-testid=section-article] h3');
    await expectTexts(rows, titles.slice(0, 20));
    await page.getByRole('button', { name: 'Muat lebih banyak' }).click();
    await expectTexts(rows, titles);
    await eventually(async () => expect(await page.getByRole('button', { name: 'Muat lebih banyak' }).count()).toBe(1));
    await screenshot(page, 'section');
  });
});

describe('not found, loading and errors', () => {
  it('shows a not-found page for an unknown article, and counts no view', async () => {
    const page = await context.newPage();
    const beacons = collectBeacons(page);
    await page.goto(`${stack.frontendUrl}/read/2024/12/03/artikel-yang-tidak-pernah-ada`);
    await expectText(page.locator('[data-testid=not-found] h1'), 'Artikel tidak ditemukan');
    await page.locator('[data-testid=not-found] [data-testid=terbaru] li').first().waitFor();
    expect(await page.title()).toMatch(/^Artikel tidak ditemukan/);
    await page.waitForTimeout(300);
    expect(beacons).toHaveLength(0);
  });

  it('shows a not-found page for an unknown section and an unknown address', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.frontendUrl}/kanal-yang-tidak-ada`);
    await expectText(page.locator('[data-testid=not-found] h1'), 'Kanal tidak ditemukan');
    await page.goto(`${stack.frontendUrl}/a/b/c`);
    await expectText(page.locator('[data-testid=not-found] h1'), 'Halaman tidak ditemukan');
  });

  it("sends the old site's addresses of an imported article on to its page", async () => {
    const db = stack.service.database.db;
    const article = await db
      .selectFrom('articles')
      .select(['id', 'slug', 'title'])
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .offset(7)
      .limit(1)
      .executeTakeFirstOrThrow();
    // As the WordPress importer records them (src/content/old-paths.ts normalises both sides).
    const oldPaths = ['/2019/05/01/judul-lama-dari-situs-lama/', '/?p=4242', '/judul-lama-dari-situs-lama/'];
    await db
      .insertInto('article_old_paths')
      .values(oldPaths.map((old) => ({ path: normaliseArticlePath(old)!, article_id: article.id })))
      .onConflict((oc) => oc.column('path').doNothing())
      .execute();
    const page = await context.newPage();
    for (const old of oldPaths) {
      await page.goto(`${stack.frontendUrl}${old}`);
      await expectText(page.locator('[data-testid=article-title]'), article.title);
      expect(pathOf(page.url())).toMatch(new RegExp(`/${article.slug}$`));
    }
    // An address no article had stays a 404, and the front page is still the front page.
    await page.goto(`${stack.frontendUrl}/2019/05/01/tidak-pernah-ada/`);
    await expectText(page.locator('[data-testid=not-found] h1'), 'Halaman tidak ditemukan');
    await page.goto(`${stack.frontendUrl}/?utm_source=wa`);
    await page.locator('.headline h1').waitFor();
  });

  it('shows loading, then an error with "Coba lagi" when Kabar cannot be reached, and recovers', async () => {
    const page = await context.newPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let failing = true;
    await page.route(`${stack.kabarUrl}/graphql`, async (route) => {
      if (route.request().method() === 'OPTIONS') return route.continue();
      await held;
      return failing ? route.abort('connectionrefused') : route.continue();
    });
    await page.goto(stack.frontendUrl);
    await page.locator('.loading[role=status]').waitFor();
    release();
    await eventually(async () => expect(await page.getByRole('alert').textContent()).toContain('Server berita tidak dapat dihubungi'));
    failing = false;
    await page.getByRole('button', { name: 'Coba lagi' }).click();
    await page.locator('.headline h1').waitFor();
    await eventually(async () => expect(await page.getByRole('alert').count()).toBe(0));
  });
});

describe('GraphiQL at /graphql', () => {
  it('loads without the internet and runs the default query', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.kabarUrl}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor();
    const answer = page.waitForResponse(
      (r) => r.url() === `${stack.kabarUrl}/graphql` && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('HomePage'),
    );
    await page.locator('.graphiql-execute-button').click();
    const response = await answer;
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.latest.length).toBeGreaterThan(0);
    // The result pane shows the answer. Its editor wraps long lines and renders only what is in view,
    // so look for the first article's title, without whitespace.
    const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '');
    await eventually(async () =>
      expect(squeeze(await page.locator('.graphiql-response').textContent())).toContain(`"title":"${squeeze(body.data.latest[0].title)}"`),
    );
  });
});
