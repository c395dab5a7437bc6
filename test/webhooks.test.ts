import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { useTestApp } from './helpers/app';
import { signInAs, op, codeOf, type SignedIn } from './helpers/editorial';
import { TEST_BASE_URL, testConfig } from './helpers/client';
import { WebhookWorker } from '../src/events/webhook-worker';
import { fanOutChanges } from '../src/events/webhook-fanout';
import { isPrivateAddress, sendWebhook, verifySignature } from '../src/events/webhook-sender';
import { webhookDb } from '../src/events/webhook-tables';
import { ChangeFeed } from '../src/events/change-feed';
import { createWebhook } from '../src/editorial/webhooks';
import { editorialDb } from '../src/editorial/tables';
import type { WebhooksConfig } from '../src/config';

// Webhook delivery against a real HTTP receiver (node:http on a free port of 127.0.0.1): fan-out of
// committed change events, signed POSTs, retries with backoff, dead letters, redelivery, two
// workers on one database, and payloads that never carry a withdrawn article's content. Retries
// are made due by setting next_attempt_at in SQL, never by waiting for a backoff.

const { database, client } = useTestApp();

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Behaviour = number | 'hang';

/** Answers each path with a sequence of statuses (the last repeats); records every request. */
class Receiver {
  readonly received: Received[] = [];
  private readonly plans = new Map<string, Behaviour[]>();
  private readonly waiters: { path: string; count: number; resolve: () => void }[] = [];
  private readonly held: http.ServerResponse[] = [];
  private server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const waiter of [...this.waiters]) {
        if (waiter.path === path && this.at(path).length >= waiter.count) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      const plan = this.plans.get(path) ?? [200];
      const behaviour = plan.length > 1 ? plan.shift()! : plan[0]!;
      if (behaviour === 'hang') {
        this.held.push(response); // no answer until release() (or the sender's timeout)
        return;
      }
      response.writeHead(behaviour, { 'content-type': 'text/plain' }).end(behaviour < 300 ? 'ok' : 'receiver says no');
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Answers the requests held by 'hang' with 200. */
  release(): void {
    for (const response of this.held.splice(0)) if (!response.destroyed) response.writeHead(200).end('late');
  }

  plan(path: string, ...behaviours: Behaviour[]): void {
    this.plans.set(path, behaviours);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves once `count` requests have reached `path`. */
  waitFor(path: string, count: number): Promise<void> {
    if (this.at(path).length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ path, count, resolve }));
  }
}

const receiver = new Receiver();
let admin: SignedIn;
let editor: SignedIn;
let pathCounter = 0;
let articleOffset = 0;

beforeAll(async () => {
  await receiver.start();
  admin = await signInAs(client, database.db, 'admin');
  editor = await signInAs(client, database.db, 'editor');
});
afterAll(() => receiver.stop());
// Each test has webhooks of its own; earlier tests' webhooks must not take part in later runs.
afterEach(() => sql`update webhooks set disabled_at = now() where disabled_at is null`.execute(database.db));

function worker(overrides: Partial<WebhooksConfig> = {}, random = () => 0.5): WebhookWorker {
  return new WebhookWorker(database.db, {
    config: { ...testConfig().webhooks, ...overrides },
    baseUrl: TEST_BASE_URL,
    random,
    log: () => undefined,
  });
}

/** Registers a webhook through the API; returns its id, secret and the receiver path it posts to. */
async function register(events: string[], ...behaviours: Behaviour[]): Promise<{ id: string; secret: string; path: string }> {
  const path = `/hook-${++pathCounter}`;
  if (behaviours.length > 0) receiver.plan(path, ...behaviours);
  const res = await client.graphql(op('CreateWebhook'), { input: { url: receiver.url(path), events } }, admin.headers);
  expect(res.errors).toBeUndefined();
  return { id: res.data.createWebhook.webhook.id, secret: res.data.createWebhook.webhook.secret, path };
}

/** Public articles no other test has used. */
async function publicArticles(count: number): Promise<{ id: number; slug: string; title: string }[]> {
  const rows = await sql<{ id: number; slug: string; title: string }>`
    select id, slug, title from articles where status = 'published' and published_at <= now()
     order by id limit ${count} offset ${articleOffset}`.execute(database.db);
  articleOffset += count;
  return rows.rows;
}

async function retitle(id: number, title: string): Promise<void> {
  await sql`update articles set title = ${title}, version = version + 1 where id = ${id}`.execute(database.db);
}

/** Makes every waiting retry of this webhook due now (instead of waiting for its backoff). */
async function makeDue(webhookId: string): Promise<void> {
  await sql`update webhook_deliveries set next_attempt_at = now() - interval '1 second' where webhook_id = ${Number(webhookId)} and status = 'pending'`.execute(
    database.db,
  );
}

async function deliveriesOf(webhookId: string) {
  return webhookDb(database.db).selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', Number(webhookId)).orderBy('id').execute();
}

/** The receiver's own check, written as the README tells receivers to (not the module's). */
function signatureValid(secret: string, received: Received): boolean {
  const header = String(received.headers['x-kabar-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${received.body}`).digest('hex');
  return expected === match[2] && Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
}

describe('webhook delivery', () => {
  it('a receiver that fails three times then succeeds gets the event exactly once more, same delivery id, signed', async () => {
    const hook = await register(['article.updated'], 500, 500, 503, 200);
    const [article] = await publicArticles(1);
    await retitle(article!.id, 'Jembatan Suramadu ditutup sementara');
    const w = worker();

    const first = await w.runOnce();
    expect(first.fanOut.deliveries).toBe(1);
    expect(first).toMatchObject({ attempted: 1, succeeded: 0, failed: 1 });
    const [waiting] = await deliveriesOf(hook.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500 });
    // The first retry is due within 10 s of the failure (the jitter chose half of the bound).
    const due = await sql<{ seconds: number }>`select extract(epoch from next_attempt_at - now())::float8 as seconds
      from webhook_deliveries where id = ${waiting!.id}`.execute(database.db);
    expect(due.rows[0]!.seconds).toBeLessThanOrEqual(10);

    // Not due yet: nothing is sent.
    expect((await w.runOnce()).attempted).toBe(0);
    for (let i = 0; i < 3; i += 1) {
      await makeDue(hook.id);
      await w.runOnce();
    }
    // Nothing is left to send.
    await makeDue(hook.id);
    expect((await w.runOnce()).attempted).toBe(0);

    const got = receiver.at(hook.path);
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.headers['x-kabar-delivery'])).size).toBe(1);
    expect(got[0]!.headers['x-kabar-delivery']).toBe(waiting!.delivery_id);
    for (const r of got) {
      expect(signatureValid(hook.secret, r)).toBe(true);
      expect(verifySignature(hook.secret, r.body, String(r.headers['x-kabar-signature']))).toBe(true);
      expect(r.headers['user-agent']).toBe('Kabar-Webhooks/1');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body).toBe(got[0]!.body);
    }
    const body = JSON.parse(got[3]!.body);
    expect(body).toMatchObject({
      type: 'article.updated',
      id: String(waiting!.event_id),
      data: { article: { slug: article!.slug, public: true, title: 'Jembatan Suramadu ditutup sementara' } },
    });
    expect(new Date(body.occurredAt).toISOString()).toBe(body.occurredAt);
    expect(Object.keys(body)).toEqual(['type', 'id', 'occurredAt', 'data']);
    expect(body.data.article.url).toMatch(new RegExp(`^${TEST_BASE_URL}/read/\\d{4}/\\d{2}/\\d{2}/${article!.slug}$`));

    const [done] = await deliveriesOf(hook.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 4, last_status_code: 200, last_error: null });
    expect(done!.delivered_at).toBeInstanceOf(Date);
    const log = await client.graphql(
      `query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id status attempts attemptLog { attempt statusCode succeeded error } } } } }`,
      { id: hook.id },
      admin.headers,
    );
    expect(log.errors).toBeUndefined();
    expect(log.data.webhookDeliveries.edges).toHaveLength(1);
    expect(log.data.webhookDeliveries.edges[0].node).toMatchObject({ id: waiting!.delivery_id, status: 'SUCCEEDED', attempts: 4 });
    expect(
      log.data.webhookDeliveries.edges[0].node.attemptLog.map((a: { statusCode: number; succeeded: boolean }) => [a.statusCode, a.succeeded]),
    ).toEqual([
      [500, false],
      [500, false],
      [503, false],
      [200, true],
    ]);
  });

  it('a tampered body or a stale timestamp fails verification', async () => {
    const hook = await register(['article.updated'], 200);
    const [article] = await publicArticles(1);
    await retitle(article!.id, 'Harga beras turun');
    await worker().runOnce();
    const [r] = receiver.at(hook.path);
    const header = String(r!.headers['x-kabar-signature']);
    expect(header).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    expect(verifySignature(hook.secret, r!.body, header)).toBe(true);
    expect(verifySignature(hook.secret, r!.body.replace('beras', 'BERAS'), header)).toBe(false);
    expect(verifySignature('whsec_other', r!.body, header)).toBe(false);
    expect(verifySignature(hook.secret, r!.body, header, 300, Date.now() + 3_600_000)).toBe(false);
  });

  it('a timeout counts as a failed attempt and is retried', async () => {
    const hook = await register(['article.updated'], 'hang', 200);
    const [article] = await publicArticles(1);
    await retitle(article!.id, 'Gempa di Cianjur');
    const w = worker({ timeoutMs: 300 });
    expect(await w.runOnce()).toMatchObject({ attempted: 1, failed: 1 });
    const [failed] = await deliveriesOf(hook.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
    expect(failed!.last_error).toMatch(/timed out after 300 ms/);
    await makeDue(hook.id);
    expect(await w.runOnce()).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(receiver.at(hook.path)).toHaveLength(2);
  });

  it('is dead-lettered after the retry window; redelivery of all failed ones sends it again with the same id', async () => {
    const hook = await register(['article.updated'], 500);
    const [article] = await publicArticles(1);
    await retitle(article!.id, 'Banjir di Semarang');
    const w = worker();
    await w.runOnce();
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    // The window (24 h) started 25 hours ago: the next failure is the last.
    await sql`update webhook_deliveries set retry_from = now() - interval '25 hours', next_attempt_at = now() - interval '1 second'
      where webhook_id = ${Number(hook.id)}`.execute(database.db);
    await w.runOnce();
    const [dead] = await deliveriesOf(hook.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 2, last_status_code: 500 });
    // Dead letters are not retried.
    await sql`update webhook_deliveries set next_attempt_at = now() - interval '1 hour' where id = ${dead!.id}`.execute(database.db);
    expect((await w.runOnce()).attempted).toBe(0);
    const listed = await client.graphql(
      `query($id: ID!) { webhookDeliveries(webhookId: $id, status: DEAD) { edges { node { id lastError } } } }`,
      { id: hook.id },
      admin.headers,
    );
    expect(listed.data.webhookDeliveries.edges).toEqual([{ node: { id: dead!.delivery_id, lastError: 'HTTP 500: receiver says no' } }]);

    receiver.plan(hook.path, 200);
    const forbidden = await client.graphql(
      `mutation($id: ID!) { redeliverFailedWebhookDeliveries(webhookId: $id) }`,
      { id: hook.id },
      editor.headers,
    );
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    const redelivered = await client.graphql(
      `mutation($id: ID!) { redeliverFailedWebhookDeliveries(webhookId: $id) }`,
      { id: hook.id },
      admin.headers,
    );
    expect(redelivered.data.redeliverFailedWebhookDeliveries).toBe(1);
    expect(await w.runOnce()).toMatchObject({ attempted: 1, succeeded: 1 });
    const got = receiver.at(hook.path);
    expect(got).toHaveLength(3);
    expect(got.map((r) => r.headers['x-kabar-delivery'])).toEqual([dead!.delivery_id, dead!.delivery_id, dead!.delivery_id]);
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'succeeded', attempts: 3 });
  });

  it('with no retry window a failure is dead at once', async () => {
    const hook = await register(['article.updated'], 500);
    const [article] = await publicArticles(1);
    await retitle(article!.id, 'Kereta cepat tertunda');
    await worker({ retryWindowSeconds: 0 }).runOnce();
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('redeliverWebhookDelivery sends one delivery again with the same id', async () => {
    const hook = await register(['article.updated'], 200);
    const [article] = await publicArticles(1);
    await retitle(article!.id, 'Pemilu serentak');
    const w = worker();
    await w.runOnce();
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery!.status).toBe('succeeded');
    const res = await client.graphql(
      `mutation($id: ID!) { redeliverWebhookDelivery(id: $id) { id status attempts } }`,
      { id: delivery!.delivery_id },
      admin.headers,
    );
    expect(res.data.redeliverWebhookDelivery).toEqual({ id: delivery!.delivery_id, status: 'PENDING', attempts: 1 });
    await w.runOnce();
    const got = receiver.at(hook.path);
    expect(got.map((r) => r.headers['x-kabar-delivery'])).toEqual([delivery!.delivery_id, delivery!.delivery_id]);
    expect(got[1]!.body).toBe(got[0]!.body);
    const missing = await client.graphql(
      `mutation { redeliverWebhookDelivery(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      {},
      admin.headers,
    );
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });

  it('never sends the content of a withdrawn article, whenever it was withdrawn', async () => {
    const hook = await register(['*'], 200);
    const [early, late] = await publicArticles(2);
    // 1. Edited, then withdrawn before fan-out: both payloads say only id and slug.
    await retitle(early!.id, 'Judul yang tidak boleh bocor');
    await sql`update articles set status = 'archived' where id = ${early!.id}`.execute(database.db);
    // 2. Edited and fanned out while public; the first attempt fails; withdrawn before the retry.
    const failing = await register(['article.updated'], 500, 200);
    await retitle(late!.id, 'Isi yang ditarik karena putusan pengadilan');
    const w = worker();
    await w.runOnce();
    expect(receiver.at(failing.path)[0]!.body).toContain('Isi yang ditarik');
    await sql`update articles set status = 'archived' where id = ${late!.id}`.execute(database.db);
    await makeDue(failing.id);
    await w.runOnce();

    // Deliveries go out concurrently, in no promised order; event ids give the commit order.
    const bodies = receiver
      .at(hook.path)
      .map((r) => JSON.parse(r.body))
      .sort((x, y) => Number(x.id) - Number(y.id));
    const aboutEarly = bodies.filter((b) => b.data.article?.slug === early!.slug);
    expect(aboutEarly.map((b) => b.type)).toEqual(['article.updated', 'article.withdrawn']);
    for (const b of aboutEarly) expect(b.data.article).toEqual({ id: expect.any(String), slug: early!.slug, public: false });
    expect(JSON.stringify(bodies)).not.toContain('Judul yang tidak boleh bocor');
    const withdrawn = bodies.find((b) => b.type === 'article.withdrawn' && b.data.article.slug === late!.slug);
    expect(withdrawn.data.article).toEqual({ id: expect.any(String), slug: late!.slug, public: false });

    const retried = receiver.at(failing.path);
    expect(retried).toHaveLength(2);
    expect(retried[1]!.headers['x-kabar-delivery']).toBe(retried[0]!.headers['x-kabar-delivery']);
    expect(retried[1]!.body).not.toContain('Isi yang ditarik');
    expect(JSON.parse(retried[1]!.body).data.article).toEqual({ id: expect.any(String), slug: late!.slug, public: false });
    // The stored payload is redacted too (the delivery log and later redeliveries).
    const stored = await deliveriesOf(failing.id);
    expect(JSON.stringify(stored.map((d) => d.payload))).not.toContain('Isi yang ditarik');
  });

  it('a scheduled article is announced without its content, with the time it is due', async () => {
    const hook = await register(['article.scheduled'], 200);
    const [article] = await publicArticles(1);
    await sql`update articles set status = 'scheduled', published_at = now() + interval '1 day', title = 'Embargo sampai besok'
      where id = ${article!.id}`.execute(database.db);
    await worker().runOnce();
    const [r] = receiver.at(hook.path);
    expect(r!.body).not.toContain('Embargo');
    const body = JSON.parse(r!.body);
    expect(body.type).toBe('article.scheduled');
    expect(body.data.article).toEqual({ id: expect.any(String), slug: article!.slug, public: false, scheduledFor: expect.any(String) });
    expect(new Date(body.data.article.scheduledFor).getTime()).toBeGreaterThan(Date.now());
  });

  it('two workers on one database deliver each event once', async () => {
    const hook = await register(['article.updated'], 200);
    const articles = await publicArticles(12);
    await sql`update articles set title = title || ' (diperbarui)', version = version + 1
      where id = any(${articles.map((a) => a.id)}::int[])`.execute(database.db);
    const a = worker({ concurrency: 3 });
    const b = worker({ concurrency: 3 });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    // Whatever one left, a second round picks up; there must be nothing.
    const [again] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.fanOut.deliveries + rb.fanOut.deliveries).toBe(12);
    expect(ra.attempted + rb.attempted).toBe(12);
    expect(again.attempted).toBe(0);
    const got = receiver.at(hook.path);
    expect(got).toHaveLength(12);
    expect(new Set(got.map((r) => r.headers['x-kabar-delivery'])).size).toBe(12);
    expect(new Set(got.map((r) => JSON.parse(r.body).id)).size).toBe(12);
  });

  it('claims skip deliveries another transaction holds (FOR UPDATE SKIP LOCKED), and fan-out skips a held cursor', async () => {
    const hook = await register(['article.updated'], 200);
    const articles = await publicArticles(4);
    for (const [i, a] of articles.entries()) await retitle(a.id, `Berita ${i}`);
    const fanned = await fanOutChanges(webhookDb(database.db), { baseUrl: TEST_BASE_URL });
    expect(fanned.deliveries).toBe(4);
    const ids = (await deliveriesOf(hook.id)).map((d) => d.id);

    const other = new pg.Client({ connectionString: database.connectionString });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from webhook_deliveries where id = any($1) for update', [ids.slice(0, 2)]);
      await other.query('select * from webhook_cursor for update');
      // The cursor is held: this fan-out does nothing rather than wait.
      expect((await fanOutChanges(webhookDb(database.db), { baseUrl: TEST_BASE_URL })).ran).toBe(false);
      const w = worker();
      const claimed = await w.claim(10);
      expect(claimed.map((c) => c.id).sort()).toEqual(ids.slice(2).sort());
      for (const c of claimed) await w.attempt(c);
      expect(await w.claim(10)).toEqual([]);
      await other.query('commit');
      const rest = await w.claim(10);
      expect(rest.map((c) => c.id).sort()).toEqual(ids.slice(0, 2).sort());
      for (const c of rest) await w.attempt(c);
    } finally {
      await other.end();
    }
    expect(receiver.at(hook.path)).toHaveLength(4);
    expect((await deliveriesOf(hook.id)).every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
  });

  it('a delivery whose worker went away is claimed again after its lease, with the same id', async () => {
    const hook = await register(['article.updated'], 200);
    const [article] = await publicArticles(1);
    await retitle(article!.id, 'Kapal tenggelam di Selat Bali');
    await fanOutChanges(webhookDb(database.db), { baseUrl: TEST_BASE_URL });
    const w = worker();
    const [claimed] = await w.claim(1);
    expect(claimed).toBeDefined();
    // The claiming process "dies" here; its lease runs out.
    await sql`update webhook_deliveries set locked_until = now() - interval '1 second' where id = ${claimed!.id}`.execute(database.db);
    expect(await w.runOnce()).toMatchObject({ attempted: 1, succeeded: 1 });
    const [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(receiver.at(hook.path)[0]!.headers['x-kabar-delivery']).toBe(claimed!.deliveryId);
  });

  it('only wanted, enabled webhooks get deliveries, and only of events after their registration', async () => {
    const [article] = await publicArticles(1);
    await retitle(article!.id, 'Sebelum pendaftaran');
    const published = await register(['article.published'], 200);
    const updated = await register(['article.updated'], 200);
    const off = await register(['*'], 200);
    const disabled = await client.graphql(`mutation($id: ID!) { disableWebhook(id: $id) { id disabledAt } }`, { id: off.id }, admin.headers);
    expect(disabled.data.disableWebhook.disabledAt).not.toBeNull();
    await retitle(article!.id, 'Sesudah pendaftaran');
    await worker().runOnce();
    expect(receiver.at(published.path)).toHaveLength(0);
    expect(receiver.at(off.path)).toHaveLength(0);
    expect(receiver.at(updated.path).map((r) => JSON.parse(r.body).data.article.title)).toEqual(['Sesudah pendaftaran']);
    // Switched on again: events from now on.
    await client.graphql(`mutation($id: ID!) { enableWebhook(id: $id) { id } }`, { id: off.id }, admin.headers);
    await retitle(article!.id, 'Setelah dinyalakan lagi');
    await worker().runOnce();
    expect(receiver.at(off.path).map((r) => JSON.parse(r.body).data.article.title)).toEqual(['Setelah dinyalakan lagi']);
  });

  it('the change feed wakes a started worker', async () => {
    const hook = await register(['article.updated'], 200);
    const [article] = await publicArticles(1);
    const feed = new ChangeFeed(database.connectionString, { log: () => undefined, pollIntervalMs: 600_000 }).start();
    await feed.ready;
    // The timer alone would not run again within the test.
    const w = worker({ pollIntervalMs: 600_000 }).start(feed);
    try {
      await retitle(article!.id, 'Kabar dari feed');
      await receiver.waitFor(hook.path, 1);
      expect(JSON.parse(receiver.at(hook.path)[0]!.body).data.article.title).toBe('Kabar dari feed');
    } finally {
      await w.stop();
      await feed.close();
    }
  });

  it('a wake-up during a slow delivery fans out and sends new events without waiting for it', async () => {
    const slow = await register(['section.changed'], 'hang');
    const feed = new ChangeFeed(database.connectionString, { log: () => undefined, pollIntervalMs: 600_000 }).start();
    await feed.ready;
    const w = worker({ pollIntervalMs: 600_000, timeoutMs: 60_000 }).start(feed);
    try {
      await sql`update sections set description = 'Berita dari seluruh negeri' where slug = 'nasional'`.execute(database.db);
      await receiver.waitFor(slow.path, 1);
      const section = JSON.parse(receiver.at(slow.path)[0]!.body);
      expect(section.data).toEqual({ section: { id: expect.any(String), slug: 'nasional', name: expect.any(String) }, operation: 'update' });
      // The slow delivery is in flight (its endpoint has not answered) when the next event commits.
      const fast = await register(['article.updated'], 200);
      const [article] = await publicArticles(1);
      await retitle(article!.id, 'Tidak menunggu yang lambat');
      await receiver.waitFor(fast.path, 1);
      expect(JSON.parse(receiver.at(fast.path)[0]!.body).data.article.title).toBe('Tidak menunggu yang lambat');
    } finally {
      receiver.release();
      await w.stop();
      await feed.close();
    }
  }, 20_000);

  it('a hanging receiver holds at most its share of the slots; another webhook gets all its deliveries meanwhile', async () => {
    const hanging = await register(['article.updated'], 'hang');
    const healthy = await register(['article.updated'], 200);
    const articles = await publicArticles(6);
    for (const [i, article] of articles.entries()) await retitle(article.id, `Giliran ${i}`);
    const w = worker({ concurrency: 4, maxInFlightPerEndpoint: 2, timeoutMs: 60_000, pollIntervalMs: 600_000 });
    const running = w.runOnce();
    try {
      await receiver.waitFor(healthy.path, 6);
      expect(receiver.at(healthy.path)).toHaveLength(6);
      // The hanging receiver was sent two (its cap), not the four slots that fan-out order would give it.
      expect(receiver.at(hanging.path)).toHaveLength(2);
      const inFlight = (await deliveriesOf(hanging.id)).filter((d) => d.status === 'delivering');
      expect(inFlight).toHaveLength(2);
    } finally {
      // The receiver recovers: the held two are answered, the other four go out and succeed.
      receiver.plan(hanging.path, 200);
      receiver.release();
      await running;
    }
    expect((await deliveriesOf(hanging.id)).map((d) => d.status)).toEqual(Array(6).fill('succeeded'));
  }, 20_000);

  it('the new operations are for admins only', async () => {
    const hook = await register(['*'], 200);
    const cases = [
      ['mutation($id: ID!) { disableWebhook(id: $id) { id } }', { id: hook.id }],
      ['mutation($id: ID!) { enableWebhook(id: $id) { id } }', { id: hook.id }],
      ['mutation($id: ID!) { redeliverFailedWebhookDeliveries(webhookId: $id) }', { id: hook.id }],
      ['mutation { redeliverWebhookDelivery(id: "00000000-0000-4000-8000-000000000000") { id } }', {}],
      ['query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id } } } }', { id: hook.id }],
    ] as const;
    const writer = await signInAs(client, database.db, 'writer');
    for (const [query, variables] of cases) {
      expect([query, codeOf(await client.graphql(query, variables))]).toEqual([query, 'UNAUTHENTICATED']);
      for (const who of [writer, editor])
        expect([query, who.role, codeOf(await client.graphql(query, variables, who.headers))]).toEqual([query, who.role, 'FORBIDDEN']);
    }
  });

  it('webhookDeliveries pages with first/after and is for admins only', async () => {
    const hook = await register(['article.updated'], 200);
    const articles = await publicArticles(3);
    for (const a of articles) await retitle(a.id, `Halaman ${a.id}`);
    await worker().runOnce();
    const query = `query($id: ID!, $after: String) { webhookDeliveries(webhookId: $id, first: 2, after: $after) {
      edges { node { eventId } } pageInfo { hasNextPage endCursor } } }`;
    const first = await client.graphql(query, { id: hook.id }, admin.headers);
    expect(first.data.webhookDeliveries.edges).toHaveLength(2);
    expect(first.data.webhookDeliveries.pageInfo.hasNextPage).toBe(true);
    const second = await client.graphql(query, { id: hook.id, after: first.data.webhookDeliveries.pageInfo.endCursor }, admin.headers);
    expect(second.data.webhookDeliveries.edges).toHaveLength(1);
    expect(second.data.webhookDeliveries.pageInfo.hasNextPage).toBe(false);
    const eventIds = [...first.data.webhookDeliveries.edges, ...second.data.webhookDeliveries.edges].map((e: { node: { eventId: string } }) =>
      Number(e.node.eventId),
    );
    expect(eventIds).toEqual([...eventIds].sort((x, y) => y - x));
    expect(codeOf(await client.graphql(query, { id: hook.id }, editor.headers))).toBe('FORBIDDEN');
    expect(codeOf(await client.graphql(query, { id: '999999' }, admin.headers))).toBe('NOT_FOUND');
  });
});

describe('backoff', () => {
  it('full jitter below a bound that starts at 10 s and doubles, capped', () => {
    const high = worker({}, () => 0.999_999);
    expect(high.retryDelayMs(1)).toBeGreaterThan(9_990);
    expect(high.retryDelayMs(1)).toBeLessThan(10_000);
    expect(high.retryDelayMs(2)).toBeLessThan(20_000);
    expect(high.retryDelayMs(2)).toBeGreaterThan(19_990);
    expect(high.retryDelayMs(4)).toBeGreaterThan(79_900);
    expect(high.retryDelayMs(30)).toBeLessThan(3_600_000);
    expect(high.retryDelayMs(30)).toBeGreaterThan(3_590_000);
    expect(worker({}, () => 0).retryDelayMs(5)).toBe(0);
  });
});

describe('private addresses (SSRF)', () => {
  it('refuses literal and resolved private addresses when they are not allowed', async () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ]) {
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111'])
      expect([address, isPrivateAddress(address)]).toEqual([address, false]);
    const path = '/ssrf';
    const literal = await sendWebhook(receiver.url(path), '{}', {}, { timeoutMs: 1000, allowPrivateAddresses: false });
    expect(literal).toMatchObject({ ok: false, statusCode: null });
    expect(literal.error).toMatch(/refused: 127\.0\.0\.1 is a private address/);
    const named = await sendWebhook(
      receiver.url(path).replace('127.0.0.1', 'localhost'),
      '{}',
      {},
      { timeoutMs: 1000, allowPrivateAddresses: false },
    );
    expect(named.error).toMatch(/refused: localhost resolves to the private address 127\.0\.0\.1/);
    expect(receiver.at(path)).toHaveLength(0);
    const allowed = await sendWebhook(receiver.url(path), '{}', {}, { timeoutMs: 1000, allowPrivateAddresses: true });
    expect(allowed).toMatchObject({ ok: true, statusCode: 200, error: null });
  });

  it('refuses to register a private address in production', async () => {
    const db = editorialDb(database.db);
    await expect(createWebhook(db, { url: 'https://10.0.0.5/hook', events: ['*'] }, null, true)).rejects.toThrow(/private or loopback/);
    await expect(createWebhook(db, { url: 'https://localhost/hook', events: ['*'] }, null, true)).rejects.toThrow(/private or loopback/);
    await expect(createWebhook(db, { url: 'http://hooks.example.com/hook', events: ['*'] }, null, true)).rejects.toThrow(/https/);
    const ok = await createWebhook(db, { url: 'https://hooks.example.com/hook', events: ['live_entry.added', 'comment.published'] }, null, true);
    expect(ok.events).toEqual(['live_entry.added', 'comment.published']);
  });
});
