import fs from 'node:fs';
import path from 'node:path';
import RssParser from 'rss-parser';
import type { BrowserContext, Page } from 'playwright-core';
import { createStaff } from '../../src/editorial/staff';
import { editorialDb } from '../../src/editorial/tables';
import { callApi, eventually, localBrowserContext } from './browser-helpers';
import { ARTIFACTS_DIR, startStack, type Stack } from './harness';

// The newsroom screen of the example frontend (/redaksi) in Chromium against a running Kabar:
// a writer signs in, writes a draft (TipTap body, autosave), saves, previews it in a new tab; an
// editor in a second browser context finds it in the list, schedules it a minute ahead in WIB, and
// it appears on the public home page and in the site RSS when the scheduler publishes it; then the
// editor takes it down. Another test has two contexts edit one draft: the second sees the conflict
// message with the other's version, reloads, and an earlier revision is restored.

let stack: Stack;
const outside: string[] = [];
const contexts: BrowserContext[] = [];

const WRITER = { email: 'rina@redaksi.test', name: 'Rina Wartawan', password: '' };
const EDITOR = { email: 'dewi@redaksi.test', name: 'Dewi Lestari', password: '' };

beforeAll(async () => {
  const started = Date.now();
  // The scheduler looks for due articles every second here (5 s by default).
  stack = await startStack({ SCHEDULER_INTERVAL_MS: '1000' });
  const db = editorialDb(stack.service.database.db);
  WRITER.password = (await createStaff(db, { email: WRITER.email, name: WRITER.name, role: 'writer' }, null)).password;
  EDITOR.password = (await createStaff(db, { email: EDITOR.email, name: EDITOR.name, role: 'editor' }, null)).password;
  console.log(`Kabar, the example build, Chromium and two staff accounts ready in ${Date.now() - started} ms`);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

beforeEach(() => {
  outside.length = 0;
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  expect(outside).toEqual([]);
});

/** A staff member's own browser (its own sessionStorage); nothing may leave the two local servers. */
async function newContext(): Promise<BrowserContext> {
  const context = await localBrowserContext(stack, outside);
  contexts.push(context);
  return context;
}

const api = <T = any>(query: string, variables: Record<string, unknown> = {}, token?: string) => callApi<T>(stack, query, variables, token);

/** Into test-artifacts/ (docs/screenshots/ has copies picked from there). `fullPage: false` for long lists. */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage });
}

async function signIn(page: Page, who: { email: string; password: string; name: string }): Promise<void> {
  await page.goto(`${stack.frontendUrl}/redaksi`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Kata sandi').fill(who.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await eventually(async () => expect(await page.getByTestId('staff-name').textContent()).toContain(who.name));
}

function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => window.sessionStorage.getItem('kabar.redaksi.token') ?? '');
}

/** The article's global id from the editor's address. */
function articleIdOf(page: Page): string {
  const m = /\/redaksi\/artikel\/([^/]+)$/.exec(new URL(page.url()).pathname);
  expect(m).not.toBeNull();
  return decodeURIComponent(m![1]!);
}

/** An instant as the WIB wall-clock value a datetime-local input takes, worked out by hand (UTC+7, no DST). */
function wibInputValue(date: Date): string {
  const wib = new Date(date.getTime() + 7 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wib.getUTCFullYear()}-${pad(wib.getUTCMonth() + 1)}-${pad(wib.getUTCDate())}T${pad(wib.getUTCHours())}:${pad(wib.getUTCMinutes())}`;
}

async function rssTitles(): Promise<string[]> {
  const res = await fetch(`${stack.kabarUrl}/feeds/rss.xml`);
  expect(res.status).toBe(200);
  const feed = await new RssParser().parseString(await res.text());
  return feed.items.map((item) => item.title ?? '');
}

// Without heroImage: EditorialArticle.heroImage fails to resolve on the editorial branch as of this
// writing (it answers an Image without the block's type tag); the hero image is checked in the preview.
const EDITORIAL = `query($id: ID!) { editorArticle(id: $id) {
  title subtitle bodyHtml status version publishedAt section { slug } tags { name }
} }`;

describe('newsroom', () => {
  it('shows a wrong password plainly, signs in, and signs out', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${stack.frontendUrl}/redaksi`);
    await page.getByLabel('E-mail').fill(WRITER.email);
    await page.getByLabel('Kata sandi').fill('salah-sekali');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await eventually(async () => expect(await page.getByRole('alert').textContent()).toContain('E-mail atau kata sandi salah'));

    await signIn(page, WRITER);
    expect(await tokenOf(page)).toMatch(/^kbs_/);
    // The token survives a reload of the tab (sessionStorage).
    await page.reload();
    await page.getByTestId('staff-name').waitFor();
    const token = await tokenOf(page);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('button', { name: 'Masuk' }).waitFor();
    expect(await tokenOf(page)).toBe('');
    // Signing out revoked the token at Kabar too.
    expect((await api('{ me { id } }', {}, token)).me).toBeNull();
  });

  it('walks the whole flow: write, autosave, save, preview, schedule in WIB, appear on the home page and in RSS, take down', async () => {
    const { sections, latest } = await api(`{ sections { slug name } latest(first: 10) { heroImage { url width height } } }`);
    const section = sections[0];
    const hero = latest.find((a: any) => a.heroImage?.url)?.heroImage;
    expect(hero).toBeTruthy();
    const title = `Banjir rob rendam pesisir utara Jakarta ${Date.now().toString(36)}`;

    // The writer writes a new draft.
    const writerPage = await (await newContext()).newPage();
    await signIn(writerPage, WRITER);
    await writerPage.getByRole('link', { name: 'Tulis artikel baru' }).click();
    await writerPage.getByLabel('Judul', { exact: true }).fill(title);
    await writerPage.getByLabel('Subjudul', { exact: true }).fill('Warga Muara Angke mengungsi ke masjid');
    await writerPage.locator('select[name=section]').selectOption(section.slug);
    await writerPage.locator('input[name=tags]').fill('banjir rob, Jakarta Utara');
    await writerPage.locator('input[name=heroUrl]').fill(hero.url);
    await writerPage.locator('input[name=heroWidth]').fill(String(hero.width ?? 1200));
    await writerPage.locator('input[name=heroHeight]').fill(String(hero.height ?? 675));
    await writerPage.locator('input[name=heroCaption]').fill('Air laut menggenangi permukiman di Muara Angke.');
    await writerPage.locator('input[name=heroCredit]').fill('Kabar/Rina');
    const body = writerPage.getByTestId('body-editor');
    await body.click();
    await writerPage.keyboard.type('Air laut naik ');
    await writerPage.keyboard.press('Control+b');
    await writerPage.keyboard.type('setinggi 50 sentimeter');
    await writerPage.keyboard.press('Control+b');
    await writerPage.keyboard.type(' dan merendam ratusan rumah warga.');
    await writerPage.keyboard.press('Enter');
    await writerPage.keyboard.type('Badan Penanggulangan Bencana Daerah mendirikan dapur umum.');

    // Autosave: a few seconds after the last keystroke the draft is created, without a click.
    await eventually(async () => expect(await writerPage.getByTestId('save-state').textContent()).toContain('Disimpan otomatis'), 30_000);
    const id = articleIdOf(writerPage);
    const writerToken = await tokenOf(writerPage);
    // (A slow machine may have paused between keystrokes long enough for an earlier autosave: wait for the last.)
    let saved: any;
    await eventually(async () => {
      saved = (await api(EDITORIAL, { id }, writerToken)).editorArticle;
      expect(saved.bodyHtml).toContain('dapur umum.');
    }, 30_000);
    expect(saved).toMatchObject({
      title,
      subtitle: 'Warga Muara Angke mengungsi ke masjid',
      status: 'DRAFT',
      section: { slug: section.slug },
      tags: [{ name: 'banjir rob' }, { name: 'Jakarta Utara' }],
    });
    // TipTap's HTML is what Kabar keeps: paragraphs and inline markup pass the sanitiser unchanged.
    expect(saved.bodyHtml).toBe(
      '<p>Air laut naik <strong>setinggi 50 sentimeter</strong> dan merendam ratusan rumah warga.</p><p>Badan Penanggulangan Bencana Daerah mendirikan dapur umum.</p>',
    );

    // "Simpan" saves at once.
    await writerPage.getByLabel('Subjudul', { exact: true }).fill('Ratusan warga Muara Angke mengungsi ke masjid');
    await writerPage.getByRole('button', { name: 'Simpan', exact: true }).click();
    await eventually(async () => expect(await writerPage.getByTestId('save-state').textContent()).toContain('Tersimpan'));
    saved = (await api(EDITORIAL, { id }, writerToken)).editorArticle;
    expect(saved.subtitle).toBe('Ratusan warga Muara Angke mengungsi ke masjid');
    // A writer gets no publishing controls.
    expect(await writerPage.getByRole('button', { name: 'Jadwalkan' }).count()).toBe(0);
    await screenshot(writerPage, 'newsroom-editor-writer');

    // Preview in a new tab: the draft, rendered like the public article page.
    const [previewTab] = await Promise.all([
      writerPage.context().waitForEvent('page'),
      writerPage.getByRole('button', { name: 'Pratinjau' }).click(),
    ]);
    await eventually(async () => expect((await previewTab.getByTestId('article-title').textContent())?.trim()).toBe(title), 30_000);
    expect(new URL(previewTab.url()).pathname).toMatch(/^\/pratinjau\/kbp_/);
    expect(await previewTab.getByTestId('preview-banner').textContent()).toContain('Draf');
    expect(await previewTab.getByTestId('article-body').textContent()).toContain('setinggi 50 sentimeter');
    expect(await previewTab.locator('.subtitle').textContent()).toBe('Ratusan warga Muara Angke mengungsi ke masjid');
    expect(await previewTab.locator('figure.hero img').getAttribute('src')).toBe(hero.url);
    expect(await previewTab.locator('figure.hero figcaption').textContent()).toContain(
      'Air laut menggenangi permukiman di Muara Angke. (Kabar/Rina)',
    );
    await screenshot(previewTab, 'newsroom-preview');
    // Not public yet.
    expect((await api(`{ latest(first: 20) { title } }`)).latest.map((a: any) => a.title)).not.toContain(title);

    // The editor, in a second browser context, finds it in the list with the filters.
    const editorPage = await (await newContext()).newPage();
    await signIn(editorPage, EDITOR);
    await editorPage.locator('select[name=status]').selectOption('DRAFT');
    await editorPage.getByLabel('Cari judul').fill(title.slice(0, 30));
    const row = editorPage.getByTestId('article-row').filter({ hasText: title });
    await eventually(async () => expect(await editorPage.getByTestId('article-row').count()).toBe(1));
    expect(await row.getByTestId('status-badge').textContent()).toBe('Draf');
    expect(await row.textContent()).toContain(WRITER.name);
    await editorPage.locator('select[name=status]').selectOption('');
    await editorPage.getByLabel('Cari judul').fill('');
    await eventually(async () => expect(await editorPage.getByTestId('article-row').count()).toBeGreaterThan(5));
    await screenshot(editorPage, 'newsroom-list', false);
    await editorPage.locator('select[name=status]').selectOption('DRAFT');
    await editorPage.getByRole('link', { name: title }).click();
    await eventually(async () => expect(await editorPage.getByLabel('Judul', { exact: true }).inputValue()).toBe(title));

    // Schedule it for the next whole minute at least a minute ahead, picked in WIB.
    const due = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
    await editorPage.getByLabel('Waktu terbit (WIB)').fill(wibInputValue(due));
    await editorPage.getByRole('button', { name: 'Jadwalkan' }).click();
    await eventually(async () => expect(await editorPage.getByTestId('status-badge').first().textContent()).toBe('Terjadwal'));
    saved = (await api(EDITORIAL, { id }, writerToken)).editorArticle;
    expect(saved.status).toBe('SCHEDULED');
    // The WIB wall-clock time became the right instant.
    expect(new Date(saved.publishedAt).toISOString()).toBe(due.toISOString());
    expect(await editorPage.getByTestId('revisions').textContent()).toContain('Dijadwalkan');
    await screenshot(editorPage, 'newsroom-editor');

    // Not public before it is due.
    const home = await (await newContext()).newPage();
    await home.goto(stack.frontendUrl);
    await home.locator('.headline h1').waitFor();
    expect(await home.locator('.headline h1').textContent()).not.toBe(title);
    expect(await rssTitles()).not.toContain(title);

    // When due, the scheduler publishes it: the home page's headline and the site RSS.
    await eventually(
      async () => expect((await api(`{ latest(first: 1) { title } }`)).latest[0].title).toBe(title),
      due.getTime() - Date.now() + 60_000,
    );
    await home.reload();
    await eventually(async () => expect((await home.locator('.headline h1').textContent())?.trim()).toBe(title));
    expect(await rssTitles()).toContain(title);
    await editorPage.reload();
    await eventually(async () => expect(await editorPage.getByTestId('status-badge').first().textContent()).toBe('Terbit'));
    expect(await editorPage.getByTestId('revisions').textContent()).toContain('Terbit terjadwal');

    // Take it down: gone from the home page and the RSS at once.
    await editorPage.getByRole('button', { name: 'Tarik' }).click();
    await eventually(async () => expect(await editorPage.getByTestId('status-badge').first().textContent()).toBe('Diarsipkan'));
    expect((await api(`{ latest(first: 20) { title } }`)).latest.map((a: any) => a.title)).not.toContain(title);
    expect(await rssTitles()).not.toContain(title);
    await home.reload();
    await home.locator('.headline h1').waitFor();
    expect(await home.locator('.headline h1').textContent()).not.toBe(title);
  }, 300_000);

  it('lets an editor publish a draft at once, and a writer cannot change it afterwards', async () => {
    const { sections } = await api(`{ sections { slug } }`);
    const writerToken = (
      await api(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: WRITER.email, p: WRITER.password })
    ).signIn.token;
    const title = `Kereta cepat tambah jadwal akhir pekan ${Date.now().toString(36)}`;
    const { id } = (
      await api(
        `mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`,
        { input: { title, section: sections[0].slug, bodyHtml: '<p>Operator menambah empat perjalanan setiap Sabtu dan Minggu.</p>' } },
        writerToken,
      )
    ).createArticle.article;

    const editorPage = await (await newContext()).newPage();
    await signIn(editorPage, EDITOR);
    await editorPage.goto(`${stack.frontendUrl}/redaksi/artikel/${encodeURIComponent(id)}`);
    await eventually(async () => expect(await editorPage.getByLabel('Judul', { exact: true }).inputValue()).toBe(title));
    await editorPage.getByRole('button', { name: 'Terbitkan sekarang' }).click();
    await eventually(async () => expect(await editorPage.getByTestId('status-badge').first().textContent()).toBe('Terbit'));
    expect((await api(`{ latest(first: 1) { title } }`)).latest[0].title).toBe(title);
    // "Lihat di situs" opens the public article page of the example.
    const href = await editorPage.getByRole('link', { name: 'Lihat di situs' }).getAttribute('href');
    expect(href).toMatch(/^\/read\/\d{4}\/\d{2}\/\d{2}\/kereta-cepat-tambah-jadwal-akhir-pekan-/);

    // The writer may no longer edit it (own drafts only): the save is refused with a plain message.
    const writerPage = await (await newContext()).newPage();
    await signIn(writerPage, WRITER);
    await writerPage.goto(`${stack.frontendUrl}/redaksi/artikel/${encodeURIComponent(id)}`);
    await eventually(async () => expect(await writerPage.getByLabel('Judul', { exact: true }).inputValue()).toBe(title));
    await writerPage.getByLabel('Subjudul', { exact: true }).fill('Tiket dijual mulai hari ini');
    await writerPage.getByRole('button', { name: 'Simpan', exact: true }).click();
    await eventually(async () => expect(await writerPage.getByTestId('save-state').textContent()).toContain('Peran Anda tidak boleh melakukan ini'));
  }, 120_000);

  it('tells the second of two editors that someone else saved first, reloads, and restores an earlier revision', async () => {
    const { sections } = await api(`{ sections { slug } }`);
    const writerToken = (
      await api(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: WRITER.email, p: WRITER.password })
    ).signIn.token;
    const title = `Harga cabai rawit melonjak jelang Natal ${Date.now().toString(36)}`;
    const created = (
      await api(
        `mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { id version } } }`,
        { input: { title, section: sections[0].slug, bodyHtml: '<p>Harga cabai rawit di Pasar Induk Kramat Jati naik dua kali lipat.</p>' } },
        writerToken,
      )
    ).createArticle.article;

    const writerPage = await (await newContext()).newPage();
    await signIn(writerPage, WRITER);
    await writerPage.goto(`${stack.frontendUrl}/redaksi/artikel/${encodeURIComponent(created.id)}`);
    await eventually(async () => expect(await writerPage.getByLabel('Judul', { exact: true }).inputValue()).toBe(title));
    const editorPage = await (await newContext()).newPage();
    await signIn(editorPage, EDITOR);
    await editorPage.goto(`${stack.frontendUrl}/redaksi/artikel/${encodeURIComponent(created.id)}`);
    await eventually(async () => expect(await editorPage.getByLabel('Judul', { exact: true }).inputValue()).toBe(title));

    // The editor saves first.
    const editorsTitle = `${title} (disunting)`;
    await editorPage.getByLabel('Judul', { exact: true }).fill(editorsTitle);
    await editorPage.getByRole('button', { name: 'Simpan', exact: true }).click();
    await eventually(async () => expect(await editorPage.getByTestId('save-state').textContent()).toContain('Tersimpan'));
    expect(await editorPage.getByTestId('version').textContent()).toBe('versi 2');

    // The writer's save is based on version 1: refused, with the editor's version and name.
    await writerPage.getByLabel('Subjudul', { exact: true }).fill('Pedagang mengeluh');
    await writerPage.getByRole('button', { name: 'Simpan', exact: true }).click();
    const conflict = writerPage.getByTestId('conflict');
    await eventually(async () => expect(await conflict.textContent()).toContain(`Versi Anda sudah kedaluwarsa: ${EDITOR.name} menyimpan versi 2`));
    await screenshot(writerPage, 'newsroom-conflict');
    // Nothing of the writer's reached Kabar, and autosave stays off while the conflict stands.
    expect((await api(EDITORIAL, { id: created.id }, writerToken)).editorArticle).toMatchObject({ title: editorsTitle, subtitle: null, version: 2 });

    // "Muat ulang versi terbaru" takes the editor's version.
    await writerPage.getByRole('button', { name: 'Muat ulang versi terbaru' }).click();
    await eventually(async () => expect(await writerPage.getByLabel('Judul', { exact: true }).inputValue()).toBe(editorsTitle));
    expect(await conflict.count()).toBe(0);
    expect(await writerPage.getByLabel('Subjudul', { exact: true }).inputValue()).toBe('');
    expect(await writerPage.getByTestId('version').textContent()).toBe('versi 2');

    // Riwayat revisi: the editor brings back version 1 as version 3.
    await editorPage.reload();
    const first = editorPage.locator('[data-testid=revision][data-version="1"]');
    await first.waitFor();
    await first.getByRole('button', { name: 'Pulihkan' }).click();
    await eventually(async () => expect(await editorPage.getByLabel('Judul', { exact: true }).inputValue()).toBe(title));
    expect(await editorPage.getByTestId('version').textContent()).toBe('versi 3');
    expect(await editorPage.getByTestId('revisions').textContent()).toContain('Dipulihkan');
    expect((await api(EDITORIAL, { id: created.id }, writerToken)).editorArticle).toMatchObject({ title, version: 3 });
    await screenshot(editorPage, 'newsroom-revisions');
  }, 180_000);
});
