import type { BrowserContext, Page } from 'playwright-core';
import { createStaff } from '../../src/editorial/staff';
import { editorialDb } from '../../src/editorial/tables';
import { callApi, eventually, localBrowserContext } from './browser-helpers';
import { startStack, type Stack } from './harness';
import { readOperation } from '../helpers/operations';

// Live updates in the example frontend (issue 13), in Chromium against a running Kabar: Terbaru
// announces an article published after the page loaded ("1 artikel baru") and shows it on click; a
// live article shows a new entry behind "1 pembaruan baru"; an editor starts a live blog and sends
// an entry from the newsroom's composer, and a reader's open page announces it.

let stack: Stack;
const outside: string[] = [];
const contexts: BrowserContext[] = [];
const EDITOR = { email: 'live.editor@redaksi.test', name: 'Rina Editor', password: '' };
let token: string;

beforeAll(async () => {
  stack = await startStack();
  const db = editorialDb(stack.service.database.db);
  EDITOR.password = (await createStaff(db, { email: EDITOR.email, name: EDITOR.name, role: 'editor' }, null)).password;
  const signIn = await callApi(stack, readOperation('editorial/SignIn'), { email: EDITOR.email, password: EDITOR.password });
  token = signIn.signIn.token;
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await stack?.stop();
  expect(outside).toEqual([]);
});

async function newPage(): Promise<Page> {
  const context = await localBrowserContext(stack, outside);
  contexts.push(context);
  return context.newPage();
}

async function publish(title: string): Promise<{ id: string; slug: string; url: string }> {
  const created = await callApi(
    stack,
    readOperation('editorial/CreateArticle'),
    { input: { title, section: 'nasional', bodyHtml: '<p>Isi berita.</p>' } },
    token,
  );
  const { id, version } = created.createArticle.article;
  const published = await callApi(stack, readOperation('editorial/PublishArticle'), { id, expectedVersion: version }, token);
  return { id, slug: published.publishArticle.article.slug, url: published.publishArticle.article.url };
}

async function startLive(articleId: string): Promise<void> {
  await callApi(stack, 'mutation ($id: ID!) { setArticleLive(articleId: $id, live: true) { isLive } }', { id: articleId }, token);
}

async function addEntry(articleId: string, html: string): Promise<void> {
  await callApi(stack, readOperation('live/AddLiveEntry'), { articleId, input: { html } }, token);
}

it('Terbaru announces a new article and inserts it on click', async () => {
  const page = await newPage();
  await page.goto(stack.frontendUrl);
  await page.getByTestId('terbaru').waitFor();
  // The page's stream is open once the subscriber count says so.
  await eventually(() => expect(stack.service.live.subscriberCount).toBeGreaterThan(0));
  const article = await publish('Gempa magnitudo 5,2 guncang pesisir selatan');
  const button = page.getByTestId('artikel-baru');
  await eventually(async () => expect(await button.textContent()).toBe('1 artikel baru'));
  await button.click();
  await eventually(async () => expect(await page.getByTestId('terbaru-baru').first().textContent()).toContain('Gempa magnitudo 5,2'));
  expect(await page.getByTestId('artikel-baru').count()).toBe(0);
  const href = await page
    .getByTestId('terbaru-baru')
    .first()
    .getByRole('link', { name: /Gempa magnitudo/ })
    .getAttribute('href');
  expect(href).toBe(new URL(article.url).pathname);
  await page.close();
});

it('a live article shows new entries at the top behind "N pembaruan baru"', async () => {
  const article = await publish('Laporan langsung: banjir Jakarta');
  await startLive(article.id);
  await addEntry(article.id, '<p>Pukul 07.00 WIB: air mulai naik.</p>');
  const page = await newPage();
  const before = stack.service.live.subscriberCount;
  await page.goto(`${stack.frontendUrl}${new URL(article.url).pathname}`);
  await page.getByTestId('live-blog').waitFor();
  expect(await page.getByTestId('live-entry').count()).toBe(1);
  await eventually(() => expect(stack.service.live.subscriberCount).toBeGreaterThan(before));
  await addEntry(article.id, '<p>Pukul 08.30 WIB: 300 warga mengungsi.</p>');
  const button = page.getByTestId('pembaruan-baru');
  await eventually(async () => expect(await button.textContent()).toBe('1 pembaruan baru'));
  // Waiting entries do not move the text being read.
  expect(await page.getByTestId('live-entry').count()).toBe(1);
  await button.click();
  await eventually(async () => expect(await page.getByTestId('live-entry').count()).toBe(2));
  expect(await page.getByTestId('live-entry').first().textContent()).toContain('300 warga mengungsi');
  await page.close();
});

it("the newsroom's composer starts a live blog and sends an entry that a reader's page announces", async () => {
  const article = await publish('Pemilu: penghitungan suara');
  const editorPage = await newPage();
  await editorPage.goto(`${stack.frontendUrl}/redaksi`);
  await editorPage.getByLabel('E-mail').fill(EDITOR.email);
  await editorPage.getByLabel('Kata sandi').fill(EDITOR.password);
  await editorPage.getByRole('button', { name: 'Masuk' }).click();
  await editorPage.getByTestId('staff-name').waitFor();
  await editorPage.goto(`${stack.frontendUrl}/redaksi/artikel/${encodeURIComponent(article.id)}`);
  const composer = editorPage.getByTestId('live-composer');
  await composer.getByRole('button', { name: 'Mulai laporan langsung' }).click();
  await eventually(async () => expect(await composer.getByTestId('live-state').textContent()).toContain('Sedang live'));

  const reader = await newPage();
  const before = stack.service.live.subscriberCount;
  await reader.goto(`${stack.frontendUrl}${new URL(article.url).pathname}`);
  await reader.getByTestId('live-blog').waitFor();
  await eventually(() => expect(stack.service.live.subscriberCount).toBeGreaterThan(before));

  await composer.getByLabel('Isi pembaruan').fill('TPS 12 selesai menghitung: partisipasi 81 persen.');
  await composer.getByLabel('Peristiwa penting').check();
  await composer.getByRole('button', { name: 'Kirim pembaruan' }).click();
  await eventually(async () => expect(await composer.getByTestId('live-notice').textContent()).toBe('Pembaruan terkirim.'));
  const button = reader.getByTestId('pembaruan-baru');
  await eventually(async () => expect(await button.textContent()).toBe('1 pembaruan baru'));
  await button.click();
  const entry = reader.getByTestId('live-entry').first();
  await eventually(async () => expect(await entry.textContent()).toContain('partisipasi 81 persen'));
  expect(await entry.textContent()).toContain('Penting');
});
