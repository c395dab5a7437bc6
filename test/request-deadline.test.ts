import pg from 'pg';
import { useTestDatabase } from './helpers/app';
import { createTestClient } from './helpers/client';

// A client that gives up cancels its SQL, and no request's SQL outlives the deadline (issue 15).
// A statement is made to wait by a lock another connection holds on the articles table; what the
// test watches is PostgreSQL's own view of it (pg_stat_activity).

const database = useTestDatabase({ poolSize: 3 });

const QUERY = '{ latest(first: 3) { title } }';

async function lockArticles(): Promise<{ waiting(): Promise<number>; release(): Promise<void> }> {
  const locker = new pg.Client({ connectionString: database.connectionString });
  // Watched from outside the locking transaction: inside one, pg_stat_activity is a snapshot taken
  // at its first read.
  const watcher = new pg.Client({ connectionString: database.connectionString });
  await Promise.all([locker.connect(), watcher.connect()]);
  await locker.query('begin');
  await locker.query('lock table articles in access exclusive mode');
  const lockerPid = (locker as unknown as { processID: number }).processID;
  return {
    async waiting() {
      const { rows } = await watcher.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and pid not in (pg_backend_pid(), $1) and wait_event_type = 'Lock' and state = 'active'`,
        [lockerPid],
      );
      return rows[0]!.n;
    },
    async release() {
      await locker.query('rollback').catch(() => undefined);
      await Promise.all([locker.end(), watcher.end()]);
    },
  };
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

function post(signal?: AbortSignal): Request {
  return new Request('http://kabar.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: QUERY }),
    signal,
  });
}

it('cancels the statements of a request whose client went away, and the pool serves on', async () => {
  const client = createTestClient(database.db, { requestDeadlineMs: 0 });
  const lock = await lockArticles();
  try {
    const controller = new AbortController();
    const answer = Promise.resolve(client.app.fetch(post(controller.signal)))
      .then((response) => response.text())
      .catch((error: unknown) => String(error));
    expect(await until(async () => (await lock.waiting()) >= 1, 5_000)).toBe(true);
    controller.abort();
    // The waiting statement is gone while the lock is still held: PostgreSQL cancelled it.
    expect(await until(async () => (await lock.waiting()) === 0, 3_000)).toBe(true);
    await answer;
  } finally {
    await lock.release();
  }
  // Cancelled connections are closed rather than reused; the next requests get fresh ones.
  for (let i = 0; i < 5; i += 1) {
    const answer = await client.graphql(QUERY);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.latest).toHaveLength(3);
  }
});

it('cancels what a request runs once the deadline has passed, and says so with 503 TIMEOUT', async () => {
  const client = createTestClient(database.db, { requestDeadlineMs: 300 });
  const lock = await lockArticles();
  try {
    const started = Date.now();
    const response = await client.app.fetch(post());
    expect(response.status).toBe(503);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await lock.waiting()).toBe(0);
  } finally {
    await lock.release();
  }
  const after = await client.graphql(QUERY);
  expect(after.data.latest).toHaveLength(3);
});
