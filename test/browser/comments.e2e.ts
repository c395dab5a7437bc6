import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { createStaff } from '../../src/editorial/staff';
import { editorialDb } from '../../src/editorial/tables';
import { callApi, eventually, localBrowserContext, readerUserAgent } from './browser-helpers';
import { startStack, type Stack } from './harness';

// Reader comments in the example frontend (issue 12), in Chromium against a running Kabar with the
// demo publication: a reader posts under an article and is told it waits for moderation; a moderator
// signs in, finds it in /redaksi/komentar and approves it; it shows on the article; the same reader's
// next comment appears at once; a disguised swear word (4nj1ng) is refused with the message shown,
// while a comment about a Babinsa visit is not. Then replies, reports and the bulk actions.
// Screenshots go to KABAR_SCREENS_DIR (default: <tmp>/kabar-screens), outside the repository.

let stack: Stack;
const outside: string[] = [];
const contexts: BrowserContext[] = [];
const SCREENS_DIR = process.env.KABAR_SCREENS_DIR ?? path.join(os.tmpdir(), 'kabar-screens');

const MODERATOR = { email: 'sari@redaksi.test', name: 'Sari Moderator', password: '' };
const EDITOR = { email: 'dewi@redaksi.test', name: 'Dewi Lestari', password: '' };
/** An article that takes comments (the newest published ones do). */
let article: { id: string; slug: string; url: string; commentCount: number };
/** A second one, for the tests that leave comments held or reported. */
let other: { id: string; slug: string; url: string; commentCount: number };
/** A third, for paging. */
let third: { id: string; slug: string; url: string; commentCount: number };
/** A fourth, whose comments an editor closes. */
let fourth: { id: string; slug: string; url: string; commentCount: number };

beforeAll(async () => {
  const started = Date.now();
  // Every comment here comes from one address (the browser and the test's own requests alike): a
  // higher per-client limit than a real reader gets, so the tests do not depend on their order, and a
  // higher per-e-mail one for the paging test's 25 comments from one reader; and "Blokir penulis"
  // bans by e-mail only, since banning the client would ban every later test's comments.
  stack = await startStack({ COMMENT_RATE_PER_CLIENT: '100', COMMENT_RATE_PER_EMAIL: '100', COMMENT_CLIENT_BAN_DAYS: '0' });
  const db = editorialDb(stack.service.database.db);
  MODERATOR.password = (await createStaff(db, { email: MODERATOR.email, name: MODERATOR.name, role: 'moderator' }, null)).password;
  EDITOR.password = (await createStaff(db, { email: EDITOR.email, name: EDITOR.name, role: 'editor' }, null)).password;
  const { latest } = await api<{ latest: { id: string; slug: string; url: string; commentCount: number; commentsOpen: boolean }[] }>(
    '{ latest(first: 20) { id slug url commentCount commentsOpen } }',
  );
  const open = latest.filter((a) => a.commentsOpen);
  expect(open.length).toBeGreaterThanOrEqual(4);
  [article, other, third, fourth] = [open[0]!, open[1]!, open[2]!, open[3]!];
  console.log(`Kabar, the example build, Chromium and a moderator ready in ${Date.now() - started} ms`);
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

async function newContext(): Promise<BrowserContext> {
  const context = await localBrowserContext(stack, outside, { userAgent: readerUserAgent(stack) });
  contexts.push(context);
  return context;
}

const api = <T = any>(query: string, variables: Record<string, unknown> = {}, token?: string) => callApi<T>(stack, query, variables, token);

async function screenshot(target: Page | Locator, name: string): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  await target.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`) });
}

function articleAddress(a: { url: string }): string {
  return `${stack.frontendUrl}${new URL(a.url).pathname}`;
}

async function openArticle(page: Page, a: { url: string }): Promise<Locator> {
  await page.goto(articleAddress(a));
  const section = page.getByTestId('komentar');
  await section.getByTestId('comment-form').waitFor();
  return section;
}

/** Fills the main post form of the Komentar section and sends it; answers the status shown. */
async function post(section: Locator, who: { name: string; email: string }, body: string): Promise<{ status: string; message: string }> {
  const form = section.getByRole('form', { name: 'Tulis komentar' });
  await form.getByLabel('Nama').fill(who.name);
  await form.getByLabel('E-mail').fill(who.email);
  await form.getByLabel('Komentar').fill(body);
  await form.getByRole('button', { name: 'Kirim komentar' }).click();
  const result = form.getByTestId('comment-result');
  await result.waitFor();
  return { status: (await result.getAttribute('data-status')) ?? '', message: (await result.textContent()) ?? '' };
}

/** The texts of the published comments (and replies) the page shows. */
async function shownTexts(section: Locator): Promise<string[]> {
  return section.locator('.comment-text').allTextContents();
}

async function signIn(page: Page): Promise<string> {
  await page.goto(`${stack.frontendUrl}/redaksi`);
  await page.getByLabel('E-mail').fill(MODERATOR.email);
  await page.getByLabel('Kata sandi').fill(MODERATOR.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await eventually(async () => expect(await page.getByTestId('staff-name').textContent()).toContain(MODERATOR.name));
  return page.evaluate(() => window.sessionStorage.getItem('kabar.redaksi.token') ?? '');
}

function queueRow(page: Page, text: string): Locator {
  return page.getByTestId('queue-row').filter({ hasText: text });
}

const STATUS = `query($queue: CommentQueue!) { moderationQueue(queue: $queue, first: 100) { edges { node { id status body reportCount } } } }`;

describe('comments', () => {
  it('holds a first comment ("menunggu moderasi"), a moderator approves it in /redaksi/komentar, and the reader’s next comment appears at once', async () => {
    const reader = { name: 'Budi Santoso', email: `budi.${Date.now()}@contoh.id` };
    const first = `Semoga jalan di kampung kami segera diperbaiki juga. (${Date.now()})`;
    const readerPage = await (await newContext()).newPage();
    const section = await openArticle(readerPage, article);
    const countBefore = Number(/\d+/.exec((await section.getByTestId('comment-count').textContent()) ?? '')?.[0]);
    expect(countBefore).toBe(article.commentCount);

    const held = await post(section, reader, first);
    expect(held.status).toBe('PENDING');
    expect(held.message).toContain('menunggu moderasi');
    // Held: not on the article yet, not even after a reload.
    await readerPage.reload();
    await section.getByTestId('comment-form').waitFor();
    expect(await shownTexts(section)).not.toContain(first);

    // The moderator: the newsroom navigation leads to Komentar; the comment is in Menunggu with its reason.
    const modPage = await (await newContext()).newPage();
    const token = await signIn(modPage);
    await modPage.getByRole('navigation', { name: 'Menu redaksi' }).getByRole('link', { name: 'Komentar' }).click();
    await modPage.getByRole('heading', { name: 'Moderasi komentar' }).waitFor();
    expect(new URL(modPage.url()).pathname).toBe('/redaksi/komentar');
    const row = queueRow(modPage, first);
    await row.waitFor();
    expect(await row.getByTestId('queue-reason').getAttribute('data-reason')).toBe('FIRST_COMMENT');
    expect(await row.textContent()).toContain(reader.email);
    await modPage.getByTestId('moderation-stats').waitFor();
    await screenshot(modPage, 'moderation-queue');

    await row.getByRole('checkbox').check();
    expect(await modPage.getByTestId('selected-count').textContent()).toMatch(/^1 dipilih/);
    await modPage.getByRole('button', { name: 'Setujui' }).click();
    await eventually(async () => expect(await modPage.getByTestId('moderation-message').textContent()).toBe('1 komentar disetujui.'));
    await eventually(async () => expect(await queueRow(modPage, first).count()).toBe(0));
    const pending = await api(STATUS, { queue: 'PENDING' }, token);
    expect(pending.moderationQueue.edges.map((e: any) => e.node.body)).not.toContain(first);

    // On the article now, and counted.
    await readerPage.reload();
    await section.getByTestId('comment-form').waitFor();
    await eventually(async () => expect(await shownTexts(section)).toContain(first));
    expect(await section.getByTestId('comment-count').textContent()).toBe(`(${countBefore + 1})`);

    // The same e-mail again: published at once, and listed without a reload.
    const second = `Terima kasih atas liputannya, sangat membantu warga. (${Date.now()})`;
    const published = await post(section, reader, second);
    expect(published.status).toBe('PUBLISHED');
    expect(published.message).toContain('sudah tayang');
    await eventually(async () => expect(await shownTexts(section)).toContain(second));
    expect(await section.getByTestId('comment-count').textContent()).toBe(`(${countBefore + 2})`);

    // A comment about a Babinsa visit is not refused (it contains "babi" only inside a word).
    const babinsa = `Kemarin Babinsa datang ke pantai Babakan untuk kerja bakti bersama warga. (${Date.now()})`;
    const visit = await post(section, reader, babinsa);
    expect(visit.status).toBe('PUBLISHED');
    await eventually(async () => expect(await shownTexts(section)).toContain(babinsa));
    await screenshot(section, 'article-komentar');
  });

  it('refuses a disguised swear word with the message shown, and keeps the text for rewriting', async () => {
    const page = await (await newContext()).newPage();
    const section = await openArticle(page, other);
    const body = `Dasar 4nj1ng, beritanya bohong semua! (${Date.now()})`;
    const refused = await post(section, { name: 'Anonim', email: `anonim.${Date.now()}@contoh.id` }, body);
    expect(refused.status).toBe('REJECTED');
    expect(refused.message).toContain('ditolak');
    expect(await section.getByRole('alert').textContent()).toContain('kata yang tidak pantas');
    expect(await section.getByRole('form', { name: 'Tulis komentar' }).getByLabel('Komentar').inputValue()).toBe(body);
    await page.reload();
    await section.getByTestId('comment-form').waitFor();
    expect(await shownTexts(section)).not.toContain(body);

    // A new reader's comment about a Babinsa visit is held as a first comment, not refused.
    const babinsa = `Kunjungan Babinsa ke sekolah kami sangat berkesan bagi anak-anak. (${Date.now()})`;
    const held = await post(section, { name: 'Wati', email: `wati.${Date.now()}@contoh.id` }, babinsa);
    expect(held.status).toBe('PENDING');
    const token = (
      await api<{ signIn: { token: string } }>('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: MODERATOR.email,
        p: MODERATOR.password,
      })
    ).signIn.token;
    const rejected = await api(STATUS, { queue: 'REJECTED' }, token);
    const pending = await api(STATUS, { queue: 'PENDING' }, token);
    expect(rejected.moderationQueue.edges.map((e: any) => e.node.body)).toContain(body);
    expect(pending.moderationQueue.edges.map((e: any) => e.node.body)).toContain(babinsa);
  });

  it('posts a reply under a comment, reports a comment, and the moderator sees the report', async () => {
    const reader = { name: 'Rudi', email: `rudi.${Date.now()}@contoh.id` };
    const modPage = await (await newContext()).newPage();
    const token = await signIn(modPage);
    // A published comment to answer: the reader's first, approved through the API.
    const parentText = `Apakah ada jadwal perbaikan berikutnya? (${Date.now()})`;
    const posted = await api('mutation($input: PostCommentInput!) { postComment(input: $input) { status comment { id } } }', {
      input: { articleId: article.id, authorName: reader.name, authorEmail: reader.email, body: parentText },
    });
    expect(posted.postComment.status).toBe('PENDING');
    await api(
      'mutation($ids: [ID!]!) { moderateComments(ids: $ids, action: APPROVE) { comments { status } } }',
      { ids: [posted.postComment.comment.id] },
      token,
    );

    const page = await (await newContext()).newPage();
    const section = await openArticle(page, article);
    // Oldest first with "Muat lebih banyak": keep loading until the comment shows.
    await eventually(async () => {
      const more = section.getByRole('button', { name: 'Muat lebih banyak' });
      if (await more.count()) await more.click();
      expect(await shownTexts(section)).toContain(parentText);
    });
    const item = section.getByTestId('comment').filter({ hasText: parentText });
    await item.getByRole('button', { name: 'Balas' }).click();
    const replyForm = item.getByRole('form', { name: `Balas komentar ${reader.name}` });
    await replyForm.getByLabel('Nama').fill(reader.name);
    await replyForm.getByLabel('E-mail').fill(reader.email);
    const replyText = `Saya tambahkan: warga RT 03 juga menunggu. (${Date.now()})`;
    await replyForm.getByLabel('Komentar').fill(replyText);
    await replyForm.getByRole('button', { name: 'Kirim balasan' }).click();
    // Approved author: the reply is published and listed under its comment.
    await eventually(async () => {
      const more = section.getByRole('button', { name: 'Muat lebih banyak' });
      if (await more.count()) await more.click();
      expect(await section.getByTestId('comment').filter({ hasText: parentText }).getByTestId('comment-reply').allTextContents()).toEqual([
        expect.stringContaining(replyText),
      ]);
    });

    // Another reader reports the reply.
    const reply = section.getByTestId('comment-reply').filter({ hasText: replyText });
    await reply.getByRole('button', { name: 'Laporkan' }).click();
    await reply.getByLabel('Alasan').selectOption('SPAM');
    await reply.getByRole('button', { name: 'Kirim laporan' }).click();
    await eventually(async () => expect(await reply.getByTestId('report-result').textContent()).toContain('sudah kami terima'));
    await screenshot(section, 'article-komentar-replies');

    // The moderator's Dilaporkan tab lists it with one report; the stats count an open report.
    await modPage.goto(`${stack.frontendUrl}/redaksi/komentar`);
    await modPage.getByRole('tab', { name: 'Dilaporkan' }).click();
    const row = queueRow(modPage, replyText);
    await row.waitFor();
    expect(await row.getByTestId('queue-reports').textContent()).toBe('1');
    expect(Number(await modPage.getByTestId('stat-open-reports').textContent())).toBeGreaterThanOrEqual(1);
    expect(await modPage.getByTestId('stat-oldest-open').textContent()).not.toBe('–');
  });

  it('selects all held comments on the page and rejects or bans in bulk', async () => {
    const bodies = [1, 2, 3].map((n) => `Komentar uji moderasi massal nomor ${n}. (${Date.now()})`);
    const emails = [0, 1, 2].map((i) => `massal${i}.${Date.now()}@contoh.id`);
    for (const [i, body] of bodies.entries()) {
      const res = await api('mutation($input: PostCommentInput!) { postComment(input: $input) { status } }', {
        input: { articleId: other.id, authorName: `Pembaca ${i}`, authorEmail: emails[i], body },
      });
      expect(res.postComment.status).toBe('PENDING');
    }
    const page = await (await newContext()).newPage();
    const token = await signIn(page);
    await page.goto(`${stack.frontendUrl}/redaksi/komentar`);
    for (const body of bodies) await queueRow(page, body).waitFor();

    // "Pilih semua" selects every row shown, and unselects them again.
    const rows = await page.getByTestId('queue-row').count();
    await page.getByRole('checkbox', { name: 'Pilih semua' }).check();
    expect(await page.getByTestId('selected-count').textContent()).toMatch(new RegExp(`^${rows} dipilih`));
    await screenshot(page, 'moderation-select-all');
    await page.getByRole('checkbox', { name: 'Pilih semua' }).uncheck();
    expect(await page.getByTestId('selected-count').textContent()).toMatch(/^0 dipilih/);

    // Two rejected at once, the third's author banned.
    for (const body of bodies.slice(0, 2)) await queueRow(page, body).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Tolak', exact: true }).click();
    await eventually(async () => expect(await page.getByTestId('moderation-message').textContent()).toBe('2 komentar ditolak.'));
    page.once('dialog', (dialog) => void dialog.accept());
    await queueRow(page, bodies[2]!).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Blokir penulis' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('moderation-message').textContent()).toContain('1 komentar ditolak dan penulisnya diblokir'),
    );

    const rejected = await api(STATUS, { queue: 'REJECTED' }, token);
    const rejectedBodies = rejected.moderationQueue.edges.map((e: any) => e.node.body);
    for (const body of bodies) expect(rejectedBodies).toContain(body);
    await page.getByRole('tab', { name: 'Ditolak' }).click();
    for (const body of bodies) await queueRow(page, body).waitFor();
    // The banned author's next comment is refused; the merely rejected ones may still comment.
    const again = (i: number) =>
      api('mutation($input: PostCommentInput!) { postComment(input: $input) { status } }', {
        input: { articleId: other.id, authorName: `Pembaca ${i}`, authorEmail: emails[i], body: `Saya coba berkomentar lagi dengan sopan. (${i})` },
      });
    expect((await again(2)).postComment.status).toBe('REJECTED');
    expect((await again(0)).postComment.status).toBe('PENDING');
  });

  it('lists comments oldest first, 20 at a time, with "Muat lebih banyak"', async () => {
    const token = (
      await api<{ signIn: { token: string } }>('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: MODERATOR.email,
        p: MODERATOR.password,
      })
    ).signIn.token;
    const reader = { authorName: 'Pembaca Setia', authorEmail: `setia.${Date.now()}@contoh.id` };
    const send = (body: string) =>
      api('mutation($input: PostCommentInput!) { postComment(input: $input) { status comment { id } } }', {
        input: { articleId: third.id, ...reader, body },
      });
    const bodies = Array.from({ length: 25 }, (_, i) => `Tanggapan ke-${i + 1} tentang berita ini.`);
    const first = await send(bodies[0]!);
    expect(first.postComment.status).toBe('PENDING');
    await api(
      'mutation($ids: [ID!]!) { moderateComments(ids: $ids, action: APPROVE) { comments { status } } }',
      { ids: [first.postComment.comment.id] },
      token,
    );
    for (const body of bodies.slice(1)) expect((await send(body)).postComment.status).toBe('PUBLISHED');

    const page = await (await newContext()).newPage();
    const section = await openArticle(page, third);
    await eventually(async () => expect(await section.getByTestId('comment').count()).toBe(20));
    expect(await section.getByTestId('comment-count').textContent()).toBe(`(${third.commentCount + 25})`);
    expect(await shownTexts(section)).toEqual(bodies.slice(0, 20));
    await section.getByRole('button', { name: 'Muat lebih banyak' }).click();
    await eventually(async () => expect(await section.getByTestId('comment').count()).toBe(25));
    expect(await shownTexts(section)).toEqual(bodies);
    expect(await section.getByRole('button', { name: 'Muat lebih banyak' }).count()).toBe(0);
  });

  it('shows a notice instead of the form when comments are closed', async () => {
    const token = (
      await api<{ signIn: { token: string } }>('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: EDITOR.email,
        p: EDITOR.password,
      })
    ).signIn.token;
    const page = await (await newContext()).newPage();
    await openArticle(page, fourth);
    expect(await page.getByTestId('comments-closed').count()).toBe(0);

    expect((await api('mutation($id: ID!) { setCommentsClosed(article: $id, closed: true) }', { id: fourth.id }, token)).setCommentsClosed).toBe(
      true,
    );
    await page.reload();
    const section = page.getByTestId('komentar');
    await eventually(async () =>
      expect(await section.getByTestId('comments-closed').textContent()).toBe('Komentar untuk artikel ini sudah ditutup.'),
    );
    expect(await section.getByTestId('comment-form').count()).toBe(0);
    expect(await section.getByTestId('comment-count').textContent()).toBe(`(${fourth.commentCount})`);
  });

  it('carries the spam trap: hidden from people, and a bot that fills it in is refused', async () => {
    const page = await (await newContext()).newPage();
    const section = await openArticle(page, other);
    const form = section.getByRole('form', { name: 'Tulis komentar' });
    const trap = form.locator('input[name="website"]');
    // Off the page (CSS), out of the tab order, hidden from screen readers.
    const box = await trap.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(0);
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await form.locator('.comment-trap').getAttribute('aria-hidden')).toBe('true');

    await form.getByLabel('Nama').fill('Promo Murah');
    await form.getByLabel('E-mail').fill(`promo.${Date.now()}@contoh.id`);
    await form.getByLabel('Komentar').fill(`Artikel yang bagus sekali, terima kasih. (${Date.now()})`);
    await trap.fill('https://promo.example/murah', { force: true });
    await form.getByRole('button', { name: 'Kirim komentar' }).click();
    const result = form.getByTestId('comment-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('REJECTED');
  });
});
