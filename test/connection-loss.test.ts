import pg from 'pg';
import { sql } from 'kysely';
import { createDatabase, type Db } from '../src/db/database';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient } from './helpers/client';

// A failover, a restart or an operator's pg_terminate_backend breaks connections that the pool has
// lent out. pg then emits 'error' on the client itself, and an 'error' event nobody listens to
// ends the process (issue 15: "the process died, 2 of 2 runs"). These tests break lent-out
// connections on purpose and check that the process, and the service, carry on.

let database: TestDatabase;
let admin: pg.Client;
let db: Db;
const logged: string[] = [];

/** Terminates every backend of this test's database except the admin connection; returns how many. */
async function terminateBackends(): Promise<number> {
  const result = await admin.query<{ terminated: boolean }>(
    `select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return result.rows.filter((row) => row.terminated).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await createTestDatabase();
  admin = new pg.Client({ connectionString: database.connectionString });
  await admin.connect();
  db = createDatabase({ connectionString: database.connectionString, poolSize: 4, log: (message) => logged.push(message) });
});
afterAll(async () => {
  await db.destroy();
  await admin.end();
  await database.drop();
});

describe('a connection that dies while checked out', () => {
  it('does not crash the process: the error is logged and the next statement gets a new connection', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      await db.connection().execute(async (connection) => {
        await sql`select 1`.execute(connection);
        // The backend dies between two statements of a checked-out connection: exactly the case
        // that has no pool listener.
        expect(await terminateBackends()).toBeGreaterThan(0);
        for (let i = 0; i < 50 && logged.length === 0; i += 1) await sleep(20);
        await expect(sql`select 1`.execute(connection)).rejects.toThrow();
      });
      expect(uncaught).toEqual([]);
      expect(logged.join('\n')).toMatch(/\[db\] connection lost: .*terminat/i);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('logs an outage once, not once per broken connection', async () => {
    const lines: string[] = [];
    const pooled = createDatabase({ connectionString: database.connectionString, poolSize: 4, log: (message) => lines.push(message) });
    try {
      // Four connections: three idle in the pool, one checked out, all terminated together.
      await Promise.all([1, 2, 3, 4].map(() => sql`select pg_sleep(0.05)`.execute(pooled)));
      await pooled.connection().execute(async (connection) => {
        await sql`select 1`.execute(connection);
        expect(await terminateBackends()).toBeGreaterThanOrEqual(4);
        await sleep(300);
      });
      expect(lines.filter((line) => /terminat/i.test(line))).toHaveLength(1);
    } finally {
      await pooled.destroy();
    }
  });

  it('keeps answering GraphQL while backends are terminated under load, and recovers at once', async () => {
    const client = createTestClient(db, { responseCache: false });
    const query = `{ latest(first: 5) { title section { name } } }`;
    let stop = false;
    const statuses: number[] = [];
    const readers = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const res = await client.request('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        statuses.push(res.status);
        await res.text();
      }
    });
    let terminated = 0;
    for (let round = 0; round < 5; round += 1) {
      await sleep(60);
      terminated += await terminateBackends();
    }
    stop = true;
    await Promise.all(readers);
    expect(terminated).toBeGreaterThan(0);
    expect(statuses.length).toBeGreaterThan(0);
    // After the last termination every request is answered from fresh connections.
    for (let i = 0; i < 10; i += 1) {
      const res = await client.graphql(query);
      expect(res.errors).toBeUndefined();
      expect(res.data.latest).toHaveLength(5);
    }
  });
});
