import { sql } from 'kysely';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { getNamedType, isInterfaceType, isObjectType, type GraphQLNamedType } from 'graphql';
import { useTestApp } from './helpers/app';
import { createTestClient, type TestClient } from './helpers/client';
import { signInAs, codeOf, type SignedIn } from './helpers/editorial';
import { approveAuthor, commentOp, newestArticles, post, readerEmail } from './helpers/comments';
import { ContentGeneration, watchContentChanges } from '../src/cache/generation';
import { isPrivateField } from '../src/editorial/private-fields';
import { schema } from '../src/schema';
import { testConfig } from './helpers/client';

// Moderation (roles, queues, bulk actions, bans, reports and their handling times), the limits that
// protect comments (rate limits, closing), what comments cost the read path, and what never leaks.

const settings = { ...testConfig().comments, closeAfterDays: 0, reportThreshold: 2, perClient: 100_000, perEmail: 100, reportsPerClient: 100_000 };
const { database, client } = useTestApp({ config: { comments: settings } });

let moderator: SignedIn;
let article: { id: string; slug: string };

beforeAll(async () => {
  moderator = await signInAs(client, database.db, 'moderator');
  article = (await newestArticles(client, 1))[0]!;
});

/** A request as if it came over a socket from `address` (rate limits and reports are per client). */
function fromAddress(c: TestClient, address: string) {
  return async (query: string, variables: Record<string, unknown>) => {
    const response = await c.app.fetch(
      new Request('http://kabar.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      }),
      { req: { socket: { remoteAddress: address } } },
    );
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };
}

async function publishedComment(body = `Komentar ${Math.random()}`): Promise<{ id: string; email: string }> {
  const email = readerEmail();
  await approveAuthor(database.db, email);
  const res = await post(client, { articleId: article.id, body, authorEmail: email });
  expect(res.data.postComment.status).toBe('PUBLISHED');
  return { id: res.data.postComment.comment.id, email };
}

describe('who may moderate', () => {
  it.each([
    ['no token', null, 'UNAUTHENTICATED'],
    ['a writer', 'writer', 'FORBIDDEN'],
    ['a moderator', 'moderator', null],
    ['an editor', 'editor', null],
    ['an admin', 'admin', null],
  ] as const)('%s: queue and bulk action', async (_who, role, code) => {
    const headers = role ? (await signInAs(client, database.db, role)).headers : {};
    const { id } = await publishedComment();
    const queue = await client.graphql(commentOp('ModerationQueue'), { queue: 'PENDING' }, headers);
    const action = await client.graphql(commentOp('ModerateComments'), { ids: [id], action: 'APPROVE' }, headers);
    expect([codeOf(queue) ?? null, codeOf(action) ?? null]).toEqual([code, code]);
  });
});

describe('reports', () => {
  it('counts one report per client, hides a comment at the threshold, and shows handling times', async () => {
    const { id } = await publishedComment();
    const a = fromAddress(client, '203.0.113.10');
    const b = fromAddress(client, '203.0.113.11');
    const report = commentOp('ReportComment');
    expect((await a(report, { id, reason: 'ABUSIVE' })).data.reportComment).toEqual({ received: true });
    expect((await a(report, { id, reason: 'SPAM' })).data.reportComment).toEqual({ received: true });
    let row = await sql<{
      status: string;
      report_count: number;
    }>`select status, report_count from comments where id = ${Number(Buffer.from(id, 'base64').toString().split(':')[1])}`.execute(database.db);
    expect(row.rows[0]).toEqual({ status: 'published', report_count: 1 });
    const reported = await client.graphql(commentOp('ModerationQueue'), { queue: 'REPORTED' }, moderator.headers);
    expect(reported.data.moderationQueue.edges.map((e: any) => e.node.id)).toContain(id);

    await b(report, { id, reason: 'HATE', note: 'ujaran kebencian' });
    row = await sql<{
      status: string;
      report_count: number;
    }>`select status, report_count from comments where id = ${Number(Buffer.from(id, 'base64').toString().split(':')[1])}`.execute(database.db);
    expect(row.rows[0]).toEqual({ status: 'pending', report_count: 2 });
    const page = await client.graphql(commentOp('ArticleComments'), { slug: article.slug });
    expect(page.data.article.comments.edges.map((e: any) => e.node.id)).not.toContain(id);
    const pending = await client.graphql(commentOp('ModerationQueue'), { queue: 'PENDING' }, moderator.headers);
    expect(pending.data.moderationQueue.edges.find((e: any) => e.node.id === id).node).toMatchObject({ reasons: ['REPORTED'], reportCount: 2 });

    const stats = `{ moderationStats { openReports oldestOpenReportAgeSeconds reportsLast30Days resolvedWithin4Hours resolvedWithin24Hours } }`;
    const before = (await client.graphql(stats, {}, moderator.headers)).data.moderationStats;
    expect(before.openReports).toBeGreaterThanOrEqual(2);
    expect(before.oldestOpenReportAgeSeconds).toBeGreaterThanOrEqual(0);
    // One older report, resolved after 5 hours: within 24 h, not within 4 h.
    await sql`insert into comment_reports (comment_id, client, reason, received_at, resolved_at)
      select c.id, 'old-report', 'SPAM', now() - interval '2 days', now() - interval '2 days' + interval '5 hours' from comments c limit 1`.execute(
      database.db,
    );
    await client.graphql(commentOp('ModerateComments'), { ids: [id], action: 'REJECT' }, moderator.headers);
    const after = (await client.graphql(stats, {}, moderator.headers)).data.moderationStats;
    expect(after.openReports).toBe(before.openReports - 2);
    // Three reports are due or resolved: two resolved at once, one after 5 hours.
    expect(after.resolvedWithin4Hours).toBeCloseTo(2 / 3);
    expect(after.resolvedWithin24Hours).toBe(1);
  });

  it('limits reports per client with RATE_LIMITED and a retry time', async () => {
    const limited = createTestClient(database.db, { comments: { ...settings, reportsPerClient: 2 } });
    const send = fromAddress(limited, '198.51.100.7');
    const codes = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await send(commentOp('ReportComment'), { id: (await publishedComment()).id, reason: 'SPAM' });
      codes.push(res.errors?.[0]?.extensions ?? 'ok');
    }
    expect(codes).toEqual(['ok', 'ok', { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }]);
  });
});

describe('rate limits, bans and closing', () => {
  it('limits comments per e-mail and per client, telling when to try again', async () => {
    const limited = createTestClient(database.db, { comments: { ...settings, perEmail: 2, perClient: 3 } });
    const email = readerEmail();
    const byEmail = [];
    for (let i = 0; i < 3; i += 1) {
      // From different addresses, so that only the e-mail's limit applies.
      const res = await fromAddress(limited, `192.0.2.${10 + i}`)(commentOp('PostComment'), {
        input: { articleId: article.id, authorName: 'Sari', authorEmail: email, body: `Komentar ${i}` },
      });
      byEmail.push(res.errors?.[0]?.extensions?.code ?? 'ok');
    }
    expect(byEmail).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    const send = fromAddress(limited, '192.0.2.44');
    const byClient = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await send(commentOp('PostComment'), {
        input: { articleId: article.id, authorName: 'Sari', authorEmail: readerEmail(), body: `Pesan ${i}` },
      });
      byClient.push(res.errors?.[0]?.extensions ?? 'ok');
    }
    expect(byClient).toEqual(['ok', 'ok', 'ok', { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }]);
    expect((byClient[3] as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((byClient[3] as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(settings.rateWindowSeconds);
  });

  it('BAN_AUTHOR refuses the comment and the author’s future ones, by e-mail and by client', async () => {
    const send = fromAddress(client, '192.0.2.99');
    const email = readerEmail();
    const first = await send(commentOp('PostComment'), {
      input: { articleId: article.id, authorName: 'Troll', authorEmail: email, body: 'Spam spam' },
    });
    const banned = await client.graphql(
      commentOp('ModerateComments'),
      { ids: [first.data.postComment.comment.id], action: 'BAN_AUTHOR' },
      moderator.headers,
    );
    expect(banned.data.moderateComments.comments[0].status).toBe('REJECTED');
    const sameEmail = await post(client, { articleId: article.id, body: 'Saya kembali', authorEmail: email });
    const sameClient = await send(commentOp('PostComment'), {
      input: { articleId: article.id, authorName: 'Lain', authorEmail: readerEmail(), body: 'Akun baru' },
    });
    expect([sameEmail.data.postComment.status, sameClient.data.postComment.status]).toEqual(['REJECTED', 'REJECTED']);
    const audit = await sql<{
      action: string;
    }>`select action from audit_log where entity_type = 'comment' and entity_id = ${String(Buffer.from(first.data.postComment.comment.id, 'base64').toString().split(':')[1])}`.execute(
      database.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['comment.author-banned']);
  });

  it('closes comments per article, per section and after N days', async () => {
    const editor = await signInAs(client, database.db, 'editor');
    const [, second] = await newestArticles(client, 2);
    const close = `mutation($article: ID, $section: String, $closed: Boolean!) { setCommentsClosed(article: $article, section: $section, closed: $closed) }`;
    expect((await client.graphql(close, { article: second!.id, closed: true }, editor.headers)).data.setCommentsClosed).toBe(true);
    expect(codeOf(await post(client, { articleId: second!.id, body: 'Tutup?' }))).toBe('COMMENTS_CLOSED');
    await client.graphql(close, { article: second!.id, closed: false }, editor.headers);
    expect(codeOf(await post(client, { articleId: second!.id, body: 'Buka lagi' }))).toBeUndefined();

    const sectionOf = await client.graphql(`query($slug: String!) { article(slug: $slug) { section { slug } commentsOpen } }`, {
      slug: second!.slug,
    });
    await client.graphql(close, { section: sectionOf.data.article.section.slug, closed: true }, editor.headers);
    const closedNow = await client.graphql(`query($slug: String!) { article(slug: $slug) { commentsOpen } }`, { slug: second!.slug });
    expect([sectionOf.data.article.commentsOpen, closedNow.data.article.commentsOpen]).toEqual([true, false]);
    await client.graphql(close, { section: sectionOf.data.article.section.slug, closed: false }, editor.headers);

    const oldArticle = await database.db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .orderBy('published_at', 'asc')
      .executeTakeFirstOrThrow();
    const aged = createTestClient(database.db, { comments: { ...settings, closeAfterDays: 7 } });
    const res = await post(aged, { articleId: encodeGlobalID('Article', oldArticle.id), body: 'Masih bisa?' });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'COMMENTS_CLOSED' }, message: expect.stringMatching(/7 days/) });
  });
});

describe('bulk moderation', () => {
  it('approves 10,000 comments in a constant number of statements, with an audit entry for each', async () => {
    const [, , , , target] = await newestArticles(client, 5);
    const articleId = Number(Buffer.from(target!.id, 'base64').toString().split(':')[1]);
    const inserted = await sql<{ id: number }>`insert into comments (article_id, author_name, author_email, body, body_hash, status, reasons, client)
      select ${articleId}, 'Pembaca ' || n, 'massal' || n || '@contoh.id', 'Komentar massal ' || n, md5(n::text), 'pending', '{FIRST_COMMENT}', 'bulk'
      from generate_series(1, 10000) n returning id`.execute(database.db);
    const ids = inserted.rows.map((r) => encodeGlobalID('Comment', r.id));
    database.resetStatements();
    const res = await client.graphql(commentOp('ModerateComments'), { ids, action: 'APPROVE' }, moderator.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data.moderateComments.comments).toHaveLength(10_000);
    expect(res.data.moderateComments.comments.every((c: any) => c.status === 'PUBLISHED')).toBe(true);
    expect(database.statements.length).toBeLessThanOrEqual(12);
    const counts = await client.graphql(`query($slug: String!) { article(slug: $slug) { commentCount comments(first: 1) { totalCount } } }`, {
      slug: target!.slug,
    });
    expect(counts.data.article).toEqual({ commentCount: 10_000, comments: { totalCount: 10_000 } });
    const audit = await sql<{
      n: string;
    }>`select count(*) as n from audit_log where action = 'comment.approved' and entity_id = any(${inserted.rows.map((r) => String(r.id))}::text[])`.execute(
      database.db,
    );
    expect(Number(audit.rows[0]!.n)).toBe(10_000);
  });

  it('changes nothing when an id is unknown, and says which', async () => {
    const { id } = await publishedComment();
    const res = await client.graphql(
      commentOp('ModerateComments'),
      { ids: [id, encodeGlobalID('Comment', 999_999)], action: 'REJECT' },
      moderator.headers,
    );
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(res.errors![0]!.message).toMatch(/999999/);
    const page = await client.graphql(commentOp('ArticleComments'), { slug: article.slug });
    expect(page.data.article.comments.totalCount).toBeGreaterThan(0);
  });
});

describe('what comments cost and what they never show', () => {
  it('reads the comment counts of a whole list in one batched statement, however long the list', async () => {
    const statementsFor = async (query: string) => {
      database.resetStatements();
      const res = await client.graphql(query);
      expect(res.errors).toBeUndefined();
      return { count: database.statements.length, articles: res.data.latest as { commentCount?: number }[] };
    };
    const baseline = (await statementsFor(`{ latest(first: 20) { id title section { name } } }`)).count;
    const five = await statementsFor(`{ latest(first: 5) { id title section { name } commentCount } }`);
    const twenty = await statementsFor(`{ latest(first: 20) { id title section { name } commentCount } }`);
    expect(twenty.articles).toHaveLength(20);
    expect(twenty.articles.some((a) => (a.commentCount ?? 0) > 0)).toBe(true);
    // The counts are read after the list (they need its ids): one more statement, never one per article.
    expect(twenty.count).toBe(baseline + 1);
    expect(five.count).toBe(twenty.count);
  });

  it('answers a page of 20 comments, each with replies, in a constant number of statements', async () => {
    const target = (await newestArticles(client, 7))[6]!;
    const email = readerEmail();
    await approveAuthor(database.db, email);
    for (let i = 0; i < 25; i += 1) {
      const parent = await post(client, { articleId: target.id, body: `Komentar ${i}`, authorEmail: email });
      await post(client, { articleId: target.id, parentId: parent.data.postComment.comment.id, body: `Balasan ${i}`, authorEmail: email });
    }
    database.resetStatements();
    const res = await client.graphql(commentOp('ArticleComments'), { slug: target.slug });
    expect(res.data.article.comments.edges).toHaveLength(20);
    for (const edge of res.data.article.comments.edges) expect(edge.node.replies.totalCount).toBe(1);
    expect(database.statements.length).toBeLessThanOrEqual(4);
  });

  it('has no public field that could show an e-mail address', () => {
    const leaks: string[] = [];
    const seen = new Set<string>();
    // Staff fields (marked private, behind authScopes) are where moderators see e-mails; everything else is public.
    function walk(type: GraphQLNamedType): void {
      if (seen.has(type.name) || !(isObjectType(type) || isInterfaceType(type))) return;
      seen.add(type.name);
      for (const field of Object.values(type.getFields())) {
        if (isPrivateField(field)) continue;
        // ShareLinks.email is the article's mailto: share link, not anybody's address.
        if (/e-?mail/i.test(field.name) && `${type.name}.${field.name}` !== 'ShareLinks.email') leaks.push(`${type.name}.${field.name}`);
        walk(getNamedType(field.type));
      }
    }
    walk(schema.getQueryType()!);
    walk(schema.getMutationType()!);
    expect(leaks).toEqual([]);
  });

  it('shows no e-mail in any public answer about comments', async () => {
    const { email } = await publishedComment('Komentar dengan surel rahasia');
    const page = await client.graphql(commentOp('ArticleComments'), { slug: article.slug });
    expect(JSON.stringify(page)).not.toContain(email);
  });
});

describe('the response cache', () => {
  it('keeps other cached pages when a comment is posted or moderated, and shows a published comment at once', async () => {
    const generation = new ContentGeneration();
    const watcher = watchContentChanges(database.connectionString, generation, { log: () => undefined });
    await watcher.ready;
    try {
      const cached = createTestClient(database.db, { responseCache: true, comments: settings }, { generation });
      const before = generation.current;
      const email = readerEmail();
      await approveAuthor(database.db, email);
      const get = () =>
        cached.request(
          `/graphql?query=${encodeURIComponent(commentOp('ArticleComments'))}&variables=${encodeURIComponent(JSON.stringify({ slug: article.slug }))}`,
        );
      const first = await get();
      expect(first.headers.get('cache-control')).toBe('no-store');
      const res = await post(cached, { articleId: article.id, body: 'Tayang seketika', authorEmail: email });
      const shown = (await (await get()).json()) as any;
      expect(shown.data.article.comments.totalCount).toBe(((await first.json()) as any).data.article.comments.totalCount + 1);
      await cached.graphql(commentOp('ModerateComments'), { ids: [res.data.postComment.comment.id], action: 'REJECT' }, moderator.headers);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(generation.current).toBe(before);
    } finally {
      await watcher.close();
    }
  });
});
