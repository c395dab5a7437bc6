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
// no statement_timeout startup parameter, jobs under transaction-level locks. Debian's pgbouncer is
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
});
