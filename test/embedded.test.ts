import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { startService } from '../src/service';

// The newcomer's path: no DATABASE_URL, so Kabar starts its own PostgreSQL from npm, migrates,
// seeds the demo publication, and keeps the data in a folder across restarts.
describe('embedded PostgreSQL (DATABASE_URL unset)', () => {
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kabar-embedded-'));
  // PostgreSQL runs as the unprivileged postgres user when we are root: it must reach the folder.
  fs.chmodSync(dataRoot, 0o755);
  afterAll(() => fs.rmSync(dataRoot, { recursive: true, force: true }));

  it('starts, seeds demo content, serves it, and keeps it across a restart', async () => {
    const env = { KABAR_DATA_DIR: path.join(dataRoot, 'pgdata'), KABAR_EMBEDDED_PG_PORT: String(55000 + (process.pid % 5000)) };
    const config = loadConfig(env);
    expect(config.databaseUrl).toBeNull();

    const first = await startService(config, () => undefined);
    let slug: string;
    try {
      expect(first.database.embedded).toBe(true);
      const res = await first.app.fetch('http://kabar.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ articles(first: 1) { totalCount edges { node { slug } } } }' }),
      });
      const body = await res.json();
      expect(body.data.articles.totalCount).toBeGreaterThanOrEqual(300);
      slug = body.data.articles.edges[0].node.slug;
    } finally {
      await first.stop();
    }

    const second = await startService(config, () => undefined);
    try {
      const res = await second.app.fetch('http://kabar.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($s: String!) { article(slug: $s) { slug } }', variables: { s: slug } }),
      });
      expect((await res.json()).data.article).toEqual({ slug });
    } finally {
      await second.stop();
    }
  }, 120_000);
});
