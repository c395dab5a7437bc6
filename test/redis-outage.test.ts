import { execFileSync, spawnSync } from 'node:child_process';
import { startService, type KabarService } from '../src/service';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { testConfig } from './helpers/client';

// Redis holds only caches: Kabar must start while it is down, answer from PostgreSQL meanwhile,
// and use it once it appears (issue 15: "Kabar cannot start while Redis is down").

const REDIS_PORT = 6393;
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer) console.warn('redis outage test: redis-server is not installed here; skipped');

let database: TestDatabase;
let service: KabarService | null = null;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await service?.stop();
  spawnSync('redis-cli', ['-p', String(REDIS_PORT), 'shutdown', 'nosave']);
  await database.drop();
});

async function latestTitles(): Promise<{ status: number; body: { data?: { latest: { title: string }[] }; errors?: unknown[] } }> {
  const res = await service!.app.fetch(
    new Request('http://kabar.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ latest(first: 3) { title } }' }),
    }),
  );
  return { status: res.status, body: (await res.json()) as never };
}

(hasRedisServer ? describe : describe.skip)('Redis away', () => {
  it('starts without Redis, answers from PostgreSQL, and connects when Redis appears', async () => {
    const logged: string[] = [];
    const config = testConfig({
      databaseUrl: database.connectionString,
      redisUrl: `redis://127.0.0.1:${REDIS_PORT}`,
      responseCache: true,
      seedDemo: false,
    });
    service = await startService(config, (message) => logged.push(message));
    for (let i = 0; i < 3; i += 1) {
      const answer = await latestTitles();
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.latest).toHaveLength(3);
    }
    execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(REDIS_PORT), '--save', '', '--appendonly', 'no']);
    const deadline = Date.now() + 10_000;
    while (!logged.some((line) => /redis: connected again/.test(line)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(logged.join('\n')).toMatch(/redis: connected again/);
    const answer = await latestTitles();
    expect(answer.body.data?.latest).toHaveLength(3);
    // The answer went into Redis: a key with Kabar's prefix exists now.
    const keys = execFileSync('redis-cli', ['-p', String(REDIS_PORT), '--scan', '--pattern', 'kabar:*'])
      .toString()
      .trim();
    expect(keys.length).toBeGreaterThan(0);
  });

  it('serves on without an error while Redis stops and comes back under load', async () => {
    // The service of the test above, connected to the Redis it started.
    const startRedis = () =>
      execFileSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(REDIS_PORT), '--save', '', '--appendonly', 'no']);
    const statuses = new Map<number, number>();
    let failures = 0;
    let running = true;
    const reader = async () => {
      while (running) {
        const answer = await latestTitles();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status !== 200 || answer.body.errors || answer.body.data?.latest.length !== 3) failures += 1;
      }
    };
    const readers = Array.from({ length: 6 }, reader);
    await new Promise((resolve) => setTimeout(resolve, 500));
    spawnSync('redis-cli', ['-p', String(REDIS_PORT), 'shutdown', 'nosave']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    startRedis();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    running = false;
    await Promise.all(readers);
    const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    console.log(`redis outage under load: ${total} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(total).toBeGreaterThan(100);
    expect(failures).toBe(0);
  }, 30_000);
});
