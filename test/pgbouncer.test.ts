import { sql } from 'kysely';
import { useTestDatabase } from './helpers/app';
import { createTestClient } from './helpers/client';
import { readOperation } from './helpers/operations';
import { findProgram, startPgBouncer, type PgBouncer } from './helpers/servers';
import { loadConfig } from '../src/config';
import { openDatabase, type OpenDatabase } from '../src/db/connect';
import { createDatabase } from '../src/db/database';
import { readJobSchedule, startFleetJob } from '../src/jobs/fleet';

// Kabar behind a real PgBouncer in transaction mode (PGBOUNCER=true): named prepared statements off,
// no statement_timeout startup parameter, fleet jobs claimed once, and PgBouncer restarted under load. Debian's pgbouncer is
// installed by .ci/run; without it this file says so and skips.

const PGBOUNCER = findProgram('pgbouncer', ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer']);
if (!PGBOUNCER) console.warn('pgbouncer is not installed (apt-get install pgbouncer): test/pgbouncer.test.ts is skipped');
const describeWithBouncer = PGBOUNCER ? describe : describe.skip;

const database = useTestDatabase();
const ARTICLE_PAGE = readOperation('ArticlePage');
let bouncer: PgBouncer;
let viaBouncer: OpenDatabase;
let name: string;

describeWithBouncer('behind PgBouncer in transaction mode', () => {
  beforeAll(async () => {
    bouncer = await startPgBouncer(PGBOUNCER!, database.connectionString, { poolSize: 2 });
    name = new URL(database.connectionString).pathname.slice(1);
    const config = loadConfig({ DATABASE_URL: bouncer.url(name), PGBOUNCER: 'true', DB_POOL_SIZE: '8' });
    viaBouncer = await openDatabase(config);
  });

  afterAll(async () => {
    await viaBouncer?.close();
    await bouncer?.stop();
  });

  it('serves article pages from 8 client connections over 2 server connections', async () => {
    const client = createTestClient(viaBouncer.db, { fleet: loadConfig({ PGBOUNCER: 'true' }).fleet });
    const slugs = (await database.db.selectFrom('articles').select('slug').where('status', '=', 'published').limit(24).execute()).map((r) => r.slug);
    const answers = await Promise.all(slugs.map((slug) => client.graphql(ARTICLE_PAGE, { slug })));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.article).not.toBeNull();
    }
  });

  it('named prepared statements, the default without PGBOUNCER, break there', async () => {
    const prepared = createDatabase({ connectionString: bouncer.url(name), poolSize: 8, preparedStatements: true, log: () => undefined });
    try {
      const runs = Array.from({ length: 40 }, (_, i) =>
        sql`select ${i}::int as n, pg_sleep(0.005)`.execute(prepared).then(
          () => null,
          (error: Error) => error.message,
        ),
      );
      const failures = (await Promise.all(runs)).filter(Boolean);
      // A statement prepared on one server connection is run on another: "prepared statement … does not exist".
      expect(failures.some((message) => /prepared statement .* (does not exist|already exists)/.test(message!))).toBe(true);
    } finally {
      await prepared.destroy();
    }
  });

  it('refuses the statement_timeout startup parameter, which PGBOUNCER=true therefore does not send', async () => {
    const withTimeout = createDatabase({ connectionString: bouncer.url(name), poolSize: 1, statementTimeoutMs: 1000, log: () => undefined });
    try {
      await expect(sql`select 1`.execute(withTimeout)).rejects.toThrow(/unsupported startup parameter/);
    } finally {
      await withTimeout.destroy();
    }
  });

  it('runs a fleet job once when three processes claim it together', async () => {
    let runs = 0;
    const jobs = [1, 2, 3].map((i) =>
      startFleetJob(viaBouncer.db, 'bouncer-job', 60_000, async () => void (runs += 1), { processId: `p${i}`, pollMs: 60_000 }),
    );
    await Promise.all(jobs.map((job) => job.runNow()));
    await Promise.all(jobs.map((job) => job.stop()));
    expect(runs).toBe(1);
    expect((await readJobSchedule(database.db)).find((r) => r.job === 'bouncer-job')).toMatchObject({ runs: 1 });
  });

  // Last in this file: it restarts the PgBouncer the others use.
  it('PgBouncer restarted under load: no crash, only 503s while it is away, every reader served within 5 s of its return', async () => {
    const client = createTestClient(viaBouncer.db, { fleet: loadConfig({ PGBOUNCER: 'true' }).fleet, responseCache: false });
    const slugs = (await database.db.selectFrom('articles').select('slug').where('status', '=', 'published').limit(12).execute()).map((r) => r.slug);
    const page = (slug: string) => `/graphql?query=${encodeURIComponent(ARTICLE_PAGE)}&variables=${encodeURIComponent(JSON.stringify({ slug }))}`;
    let phase: 'before' | 'away' | 'back' = 'before';
    let backAt = 0;
    const outcomes: Array<{ phase: string; status: number; at: number; code?: string; notFound: boolean }> = [];
    let running = true;
    const reader = async (offset: number) => {
      for (let i = offset; running; i += 1) {
        const res = await client.request(page(slugs[i % slugs.length]!), { headers: { accept: 'application/graphql-response+json' } });
        const body = JSON.parse(await res.text());
        outcomes.push({
          phase,
          status: res.status,
          at: Date.now(),
          code: body.errors?.[0]?.extensions?.code,
          notFound: res.status === 200 && body.data?.article === null,
        });
      }
    };
    const readers = Array.from({ length: 6 }, (_, i) => reader(i * 2));
    await new Promise((resolve) => setTimeout(resolve, 800));
    phase = 'away';
    await bouncer.restart(1500);
    phase = 'back';
    backAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    running = false;
    await Promise.all(readers);

    const counts = (which: string) => outcomes.filter((o) => o.phase === which);
    expect(counts('before').every((o) => o.status === 200)).toBe(true);
    // The restart was seen: requests failed while PgBouncer was away…
    const refused = outcomes.filter((o) => o.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    // …and every one of them as a clear 503, never a 500 or "200 with article: null".
    expect(refused.every((o) => o.status === 503 && o.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(outcomes.filter((o) => o.notFound)).toHaveLength(0);
    // Recovery: from 5 s after its return, every reader is served (pool connections cut by the
    // restart are dropped, not handed out again).
    const late = outcomes.filter((o) => o.at > backAt + 5000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((o) => o.status === 200)).toBe(true);
    const firstServed = outcomes.find((o) => o.phase === 'back' && o.status === 200);
    console.log(
      `PgBouncer restart under load: ${outcomes.length} requests (${counts('before').length} before, ${counts('away').length} while away, ` +
        `${counts('back').length} after); ${refused.length} × 503; first answer ${firstServed ? firstServed.at - backAt : '—'} ms after its return`,
    );
  }, 30_000);
});
