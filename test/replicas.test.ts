import { useTestDatabase } from './helpers/app';
import { testConfig } from './helpers/client';
import { createApp } from '../src/http/app';
import { TrendingStore } from '../src/trending/trending';
import { ViewBuffer } from '../src/trending/view-buffer';
import { ViewRecorder } from '../src/trending/views';
import { createDatabase, type Db } from '../src/db/database';
import { parseLsn, ReadRouter, readsFromPrimary } from '../src/db/replicas';

// The replica router's rules without a replica (the cluster test, npm run test:cluster, has a real
// one): who reads from the primary, LSN order, and that a server which is not a replica, or does
// not answer, is skipped so reads go to the primary.

const database = useTestDatabase();
const pools: Db[] = [];
afterAll(async () => {
  await Promise.all(pools.map((db) => db.destroy().catch(() => undefined)));
});

const request = (headers: Record<string, string> = {}) => new Request('http://kabar.test/graphql', { method: 'POST', headers });

describe('readsFromPrimary', () => {
  it('sends staff, writes and a client right after its write to the primary, everyone else to a replica', () => {
    expect(readsFromPrimary(request(), '{ latest { slug } }', 'kabar_rw')).toBe(false);
    expect(readsFromPrimary(request({ authorization: 'Bearer abc' }), '{ latest { slug } }', 'kabar_rw')).toBe(true);
    expect(readsFromPrimary(request({ cookie: 'a=1; kabar_rw=1' }), '{ latest { slug } }', 'kabar_rw')).toBe(true);
    expect(readsFromPrimary(request(), 'mutation { recordView(slug: "x") }', 'kabar_rw')).toBe(true);
    expect(readsFromPrimary(undefined, undefined, 'kabar_rw')).toBe(true);
  });
});

describe('parseLsn', () => {
  it('orders LSNs as PostgreSQL does', () => {
    expect(parseLsn('0/3000000') < parseLsn('0/3000001')).toBe(true);
    expect(parseLsn('0/FFFFFFFF') < parseLsn('1/0')).toBe(true);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn(null)).toBe(-1n);
  });
});

describe('ReadRouter', () => {
  it('skips a server that is not a replica, and one that does not answer; reads fall back to the primary', async () => {
    const notReplica = createDatabase({ connectionString: database.connectionString, poolSize: 1 });
    const url = new URL(database.connectionString);
    url.port = '1';
    const down = createDatabase({ connectionString: url.toString(), poolSize: 1, connectTimeoutMs: 500, log: () => undefined });
    pools.push(notReplica, down);
    const logged: string[] = [];
    const router = new ReadRouter(
      database.db,
      [
        { url: 'postgres://not-a-replica', db: notReplica },
        { url: 'postgres://down', db: down },
      ],
      { maxLagSeconds: 5, probeIntervalMs: 60_000, log: (m) => logged.push(m) },
    );
    await router.probe();
    expect(router.publicReads()).toBe(database.db);
    const status = router.status();
    expect(status.replicas.map((r) => r.healthy)).toEqual([false, false]);
    expect(status.replicas[0]!.error).toMatch(/not a replica/);
    expect(status.primaryReads).toBe(1);
    expect(logged.some((m) => m.includes('skipped'))).toBe(true);
  });

  it('sets the read-your-writes cookie on the answer to a mutation when replicas are configured', async () => {
    const config = testConfig();
    const views = new ViewRecorder(database.db, new ViewBuffer(database.db, { flushIntervalMs: 60_000 }));
    const trending = new TrendingStore(database.db, { refreshIntervalMs: 60_000 });
    const replicas = new ReadRouter(database.db, [], { maxLagSeconds: 5, probeIntervalMs: 60_000 });
    const post = (app: ReturnType<typeof createApp>, query: string) =>
      Promise.resolve(
        app.fetch(
          new Request('http://kabar.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          }),
        ),
      );
    const MUTATION = 'mutation { signIn(email: "nobody@example.com", password: "wrong-password-1") { token } }';
    const withReplicas = createApp({ db: database.db, config, views, trending, replicas });
    expect((await post(withReplicas, MUTATION)).headers.get('set-cookie')).toMatch(
      /^kabar_rw=1; Max-Age=5; Path=\/; HttpOnly; SameSite=Lax(; Secure)?$/,
    );
    expect((await post(withReplicas, '{ sections { slug } }')).headers.get('set-cookie')).toBeNull();
    const without = createApp({ db: database.db, config, views, trending });
    expect((await post(without, MUTATION)).headers.get('set-cookie')).toBeNull();
  });
});
