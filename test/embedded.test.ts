import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The newcomer's path, end to end: no DATABASE_URL, so the server starts its own PostgreSQL from
// npm, migrates, seeds the demo publication, serves it on a real port, stops cleanly on SIGTERM,
// and finds the same content after a restart. A real process and socket are the point here.

const ROOT = path.resolve(__dirname, '..');

interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startServer(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const childEnv = { ...process.env, ...env };
  // The newcomer has neither: no DATABASE_URL, and no Redis. (With the suite's REDIS_URL, the
  // fleet-wide view gate remembered this test's three readers from an earlier run within its
  // 30-minute window, and their views were rightly not counted again.)
  delete childEnv.DATABASE_URL;
  delete childEnv.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphiQL at (http:\/\/localhost:\d+)\/graphql/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
  });
}

function stopServer(server: RunningServer): Promise<number | null> {
  return new Promise((resolve) => {
    server.child.once('exit', (code) => resolve(code));
    server.child.kill('SIGTERM');
  });
}

async function graphql(url: string, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: any; errors?: unknown[] };
}

describe('embedded PostgreSQL (DATABASE_URL unset)', () => {
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kabar-embedded-'));
  // PostgreSQL runs as the unprivileged postgres user when we are root: it must reach the folder.
  fs.chmodSync(dataRoot, 0o755);
  afterAll(() => fs.rmSync(dataRoot, { recursive: true, force: true }));

  it('starts with demo content, writes buffered views on SIGTERM, and keeps its data across a restart', async () => {
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      KABAR_DATA_DIR: path.join(dataRoot, 'pgdata'),
      KABAR_EMBEDDED_PG_PORT: String(55000 + (process.pid % 5000)),
      // Views are only written by the flush on shutdown: SIGTERM must not stop PostgreSQL first.
      VIEW_FLUSH_INTERVAL_MS: '600000',
      RESPONSE_CACHE: 'false',
      // The test reads the server's log lines (NODE_ENV=test would make them silent).
      LOG_LEVEL: 'info',
      // The three views below come from three readers behind a (local) proxy: one reader's repeats
      // would count once.
      TRUST_PROXY: '127.0.0.1/32',
    };
    const MONTH = '{ trending(window: MONTH, first: 50) { items { views article { slug publishedAt } } } }';
    const viewsOf = (body: any, articleSlug: string) =>
      body.data.trending.items.find((item: any) => item.article.slug === articleSlug)?.views as number;
    const first = await startServer(env);
    let slug: string;
    let viewedSlug = '';
    let viewsBefore = 0;
    try {
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      const body = await graphql(first.url, '{ articles(first: 1) { totalCount edges { node { slug } } } }');
      expect(body.errors).toBeUndefined();
      expect(body.data.articles.totalCount).toBeGreaterThanOrEqual(300);
      slug = body.data.articles.edges[0].node.slug;
      // A trending article published within the week: the month window's edge cannot move its count.
      const trending = await graphql(first.url, MONTH);
      const recent = trending.data.trending.items.find((item: any) => Date.parse(item.article.publishedAt) > Date.now() - 7 * 86_400_000);
      viewedSlug = recent.article.slug;
      viewsBefore = recent.views;
      for (let i = 0; i < 3; i += 1) {
        const res = await fetch(`${first.url}/views`, {
          method: 'POST',
          headers: {
            'content-type': 'text/plain;charset=UTF-8',
            'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0',
            'x-forwarded-for': `198.51.100.${i + 1}`,
          },
          body: JSON.stringify({ slug: viewedSlug }),
        });
        expect(res.status).toBe(204);
      }
    } finally {
      expect(await stopServer(first)).toBe(0);
    }
    expect(first.output()).toMatch(/starting embedded PostgreSQL/);
    expect(fs.existsSync(path.join(dataRoot, 'pgdata', 'PG_VERSION'))).toBe(true);

    const second = await startServer(env);
    try {
      const body = await graphql(second.url, 'query($s: String!) { article(slug: $s) { slug } }', { s: slug });
      expect(body.data.article).toEqual({ slug });
      expect(second.output()).not.toMatch(/seeded demo publication/);
      expect(viewsOf(await graphql(second.url, MONTH), viewedSlug)).toBe(viewsBefore + 3);
    } finally {
      expect(await stopServer(second)).toBe(0);
    }
  }, 180_000);
});
