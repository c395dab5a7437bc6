import { sql } from 'kysely';
import { useTestApp } from './helpers/app';
import { signInAs, codeOf, type SignedIn } from './helpers/editorial';
import { approveAuthor, commentOp, newestArticles, post, readerEmail } from './helpers/comments';
import type { TestClient } from './helpers/client';

// Readers' comments end to end through the contract's operations: posting and the policy's
// branches, replies and paging, reports, moderation and bans, closing, hostile bodies.

const { database, client } = useTestApp({
  config: {
    comments: {
      maxChars: 3000,
      maxLinks: 2,
      holdFirstComment: true,
      closeAfterDays: 0,
      reportThreshold: 2,
      rateWindowSeconds: 600,
      perClient: 100_000,
      perEmail: 100,
      reportsPerClient: 100_000,
      clientBanDays: 7,
      duplicateHours: 24,
    },
  },
});

let moderator: SignedIn;
let article: { id: string; slug: string };

beforeAll(async () => {
  moderator = await signInAs(client, database.db, 'moderator');
  article = (await newestArticles(client, 1))[0]!;
});

async function moderate(ids: string[], action: string, who: SignedIn = moderator) {
  return client.graphql(commentOp('ModerateComments'), { ids, action }, who.headers);
}

async function comments(slug: string, after?: string, c: TestClient = client) {
  const res = await c.graphql(commentOp('ArticleComments'), { slug, after });
  expect(res.errors).toBeUndefined();
  return res.data.article;
}

/** An article of its own for a test that counts or pages. */
async function freshArticle(index: number) {
  return (await newestArticles(client, index + 1))[index]!;
}

describe('posting', () => {
  it('holds a first comment, publishes the next one from the same e-mail once a moderator approved one', async () => {
    const email = readerEmail();
    const first = await post(client, { articleId: article.id, body: 'Semoga banjirnya cepat surut.', authorEmail: email });
    expect(first.errors).toBeUndefined();
    expect(first.data.postComment).toMatchObject({ status: 'PENDING', message: expect.stringContaining('menunggu moderasi') });
    const queue = await client.graphql(commentOp('ModerationQueue'), { queue: 'PENDING' }, moderator.headers);
    const held = queue.data.moderationQueue.edges.find((e: any) => e.node.id === first.data.postComment.comment.id);
    expect(held.node).toMatchObject({ status: 'PENDING', reasons: ['FIRST_COMMENT'], authorEmail: email, reportCount: 0 });
    expect(held.node.article.title).toEqual(expect.any(String));

    const approved = await moderate([first.data.postComment.comment.id], 'APPROVE');
    expect(approved.data.moderateComments.comments).toEqual([{ id: first.data.postComment.comment.id, status: 'PUBLISHED' }]);
    const second = await post(client, { articleId: article.id, body: 'Terima kasih untuk para relawan.', authorEmail: email });
    expect(second.data.postComment.status).toBe('PUBLISHED');
    const page = await comments(article.slug);
    const ids = page.comments.edges.map((e: any) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([first.data.postComment.comment.id, second.data.postComment.comment.id]));
  });

  it('refuses a disguised bad word, holds a suspect one and more than two links, and lets a Babinsa visit through', async () => {
    const email = readerEmail();
    await approveAuthor(database.db, email);
    const bad = await post(client, { articleId: article.id, body: 'Dasar 4nj1ng kalian semua', authorEmail: email });
    expect(bad.data.postComment).toEqual({ status: 'REJECTED', message: expect.stringContaining('tidak pantas'), comment: null });
    const suspect = await post(client, { articleId: article.id, body: 'Pejabatnya bodoh sekali', authorEmail: email });
    expect(suspect.data.postComment.status).toBe('PENDING');
    const links = await post(client, {
      articleId: article.id,
      body: 'Lihat https://a.example/1 dan https://b.example/2 serta www.c.example',
      authorEmail: email,
    });
    expect(links.data.postComment.status).toBe('PENDING');
    const babinsa = await post(client, {
      articleId: article.id,
      body: 'Babinsa datang ke pantai, warga santai dan ikut asuransi.',
      authorEmail: email,
    });
    expect(babinsa.data.postComment.status).toBe('PUBLISHED');
    const rows = await sql<{
      body: string;
      status: string;
      reasons: string[];
    }>`select body, status, reasons from comments where author_email = ${email} order by id`.execute(database.db);
    expect(rows.rows.map((r) => [r.status, r.reasons])).toEqual([
      ['rejected', ['BANNED_WORD']],
      ['pending', ['SUSPECT_WORD']],
      ['pending', ['LINKS']],
      ['published', []],
    ]);
  });

  it('records every reason that held a comment, in the order of the steps', async () => {
    const res = await post(client, { articleId: article.id, body: 'Dasar bodoh, baca https://a.example https://b.example https://c.example' });
    const id = res.data.postComment.comment.id;
    const queue = await client.graphql(commentOp('ModerationQueue'), { queue: 'PENDING' }, moderator.headers);
    expect(queue.data.moderationQueue.edges.find((e: any) => e.node.id === id).node.reasons).toEqual(['SUSPECT_WORD', 'LINKS', 'FIRST_COMMENT']);
  });

  it('refuses the spam trap and duplicates', async () => {
    const email = readerEmail();
    await approveAuthor(database.db, email);
    const trap = await post(client, { articleId: article.id, body: 'Promo murah', website: 'https://spam.example', authorEmail: email });
    expect(trap.data.postComment.status).toBe('REJECTED');
    const once = await post(client, { articleId: article.id, body: 'Jalan di desa kami rusak parah.', authorEmail: email });
    const again = await post(client, { articleId: article.id, body: 'jalan di desa  kami RUSAK parah.', authorEmail: email });
    expect([once.data.postComment.status, again.data.postComment.status]).toEqual(['PUBLISHED', 'REJECTED']);
  });

  it('escapes HTML, keeps paragraphs and makes links clickable without passing ranking', async () => {
    const email = readerEmail();
    await approveAuthor(database.db, email);
    const body = '<script>alert(1)</script> & "kutipan"\n\nParagraf kedua\nbaris baru https://kabar.test/a?b=1&c=2.';
    const res = await post(client, { articleId: article.id, body, authorEmail: email });
    const page = await comments(article.slug);
    const node = page.comments.edges.find((e: any) => e.node.id === res.data.postComment.comment.id).node;
    expect(node.html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutipan&quot;</p><p>Paragraf kedua<br>baris baru ' +
        '<a href="https://kabar.test/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://kabar.test/a?b=1&amp;c=2</a>.</p>',
    );
  });

  it.each([
    ['a 1 MB body', 'x'.repeat(1_000_000 - 1000), /at most 3000/],
    ['control characters', 'halo\u0007dunia', /control character U\+0007/],
    ['an empty body', ' \n\t ', /is empty/],
  ])('answers %s with a clear error and stores nothing', async (_what, body, message) => {
    const before = await sql<{ n: string }>`select count(*) as n from comments`.execute(database.db);
    const res = await post(client, { articleId: article.id, body });
    if (res.errors) {
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors[0]!.message).toMatch(message);
    } else {
      expect(res.status).toBe(413);
    }
    const after = await sql<{ n: string }>`select count(*) as n from comments`.execute(database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('removes bidirectional overrides, which could reorder the page around the comment', async () => {
    const email = readerEmail();
    await approveAuthor(database.db, email);
    const res = await post(client, { articleId: article.id, body: 'harga \u202Eanaik\u202C turun \u200Fok', authorEmail: email });
    const row = await sql<{ body: string }>`select body from comments where author_email = ${email}`.execute(database.db);
    expect(res.data.postComment.status).toBe('PUBLISHED');
    expect(row.rows[0]!.body).toBe('harga anaik turun \u200Fok');
  });

  it('says what is wrong with a bad e-mail, name or article', async () => {
    expect((await post(client, { articleId: article.id, body: 'ok', authorEmail: 'bukan-email' })).errors?.[0]?.message).toMatch(/authorEmail/);
    expect((await post(client, { articleId: article.id, body: 'ok', authorName: ' ' })).errors?.[0]?.message).toMatch(/authorName/);
    const missing = await post(client, { articleId: Buffer.from('Article:999999').toString('base64'), body: 'ok' });
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });
});

describe('replies and paging', () => {
  it('pages 45 comments 20 at a time with their replies, oldest or newest first, one level deep', async () => {
    const target = await freshArticle(3);
    const email = readerEmail();
    await approveAuthor(database.db, email);
    const ids: string[] = [];
    for (let i = 0; i < 45; i += 1) {
      const res = await post(client, { articleId: target.id, body: `Komentar nomor ${i}`, authorEmail: email });
      ids.push(res.data.postComment.comment.id);
    }
    const reply = await post(client, { articleId: target.id, parentId: ids[0], body: 'Balasan pertama', authorEmail: email });
    expect(reply.data.postComment.status).toBe('PUBLISHED');
    const nested = await post(client, {
      articleId: target.id,
      parentId: reply.data.postComment.comment.id,
      body: 'Balasan dari balasan',
      authorEmail: email,
    });
    expect(nested.errors?.[0]?.message).toMatch(/one level deep/);

    const seen: string[] = [];
    let after: string | undefined;
    let first = true;
    for (;;) {
      const page = await comments(target.slug, after);
      if (first) {
        expect(page.commentCount).toBe(46);
        expect(page.comments.totalCount).toBe(45);
        expect(page.comments.edges[0].node.replies).toEqual({
          totalCount: 1,
          edges: [{ node: expect.objectContaining({ html: '<p>Balasan pertama</p>' }) }],
        });
        first = false;
      }
      seen.push(...page.comments.edges.map((e: any) => e.node.id));
      if (!page.comments.pageInfo.hasNextPage) break;
      after = page.comments.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    const newest = await client.graphql(
      `query($slug: String!) { article(slug: $slug) { comments(first: 3, order: NEWEST_FIRST) { edges { node { id } } } } }`,
      {
        slug: target.slug,
      },
    );
    expect(newest.data.article.comments.edges.map((e: any) => e.node.id)).toEqual(ids.slice(-3).reverse());
  });

  it('refuses a cursor it did not issue, and paging backwards', async () => {
    const bad = await client.graphql(commentOp('ArticleComments'), { slug: article.slug, after: 'bm9wZQ' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const back = await client.graphql(`query($slug: String!) { article(slug: $slug) { comments(last: 3) { totalCount } } }`, { slug: article.slug });
    expect(back.errors?.[0]?.message).toMatch(/forward only/);
  });
});
