// Memory a hostile client can make Kabar hold (issue 15): 10,000 GETs that differ only in an alias
// name, then 10,000 that differ only in a junk URL parameter, against the app in this process with
// the response cache on. Prints the resident set size before and after each, and the time per
// request. Needs a migrated, seeded database:
//
//   DATABASE_URL=postgres://…/kabar npm run bench:memory
//
// (On main before the hardening: RSS 255 MB → 3.3 GB for the aliases, 145 → 255 MB for the junk.)

import { createDatabase } from '../src/db/database';
import { createApp } from '../src/http/app';
import { loadConfig } from '../src/config';
import { ViewBuffer } from '../src/trending/view-buffer';
import { ViewRecorder } from '../src/trending/views';
import { TrendingStore } from '../src/trending/trending';

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to a migrated and seeded database');
  const db = createDatabase({ connectionString: process.env.DATABASE_URL!, poolSize: 10 });
  const config = { ...loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://kabar.test' }), responseCache: true };
  const app = createApp({
    db,
    config,
    views: new ViewRecorder(db, new ViewBuffer(db, { flushIntervalMs: 60_000 })),
    trending: new TrendingStore(db, { refreshIntervalMs: 600_000 }),
  });
  const mb = () => Math.round(process.memoryUsage().rss / 1e6);
  const get = async (path: string) => {
    const r = await app.fetch(new Request(`http://kabar.test${path}`));
    await r.arrayBuffer();
    return r.status;
  };
  for (let i = 0; i < 200; i += 1) await get(`/graphql?query=${encodeURIComponent('{ latest(first: 10) { title url section { name } } }')}`);
  global.gc?.();
  const before = mb();
  const started = Date.now();
  const statuses = new Map<number, number>();
  for (let i = 0; i < 10_000; i += 1) {
    const s = await get(`/graphql?query=${encodeURIComponent(`{ a${i}: latest(first: 10) { title url section { name } } }`)}`);
    statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }
  const aliasMs = Date.now() - started;
  global.gc?.();
  const afterAlias = mb();
  const s2 = Date.now();
  for (let i = 0; i < 10_000; i += 1)
    await get(`/graphql?query=${encodeURIComponent('{ latest(first: 10) { title url section { name } } }')}&junk=${i}`);
  const junkMs = Date.now() - s2;
  global.gc?.();
  const afterJunk = mb();
  console.log(
    JSON.stringify({
      rssBefore: before,
      rssAfter10kAliases: afterAlias,
      msPerAliasRequest: aliasMs / 10_000,
      rssAfter10kJunk: afterJunk,
      msPerJunkRequest: junkMs / 10_000,
      statuses: Object.fromEntries(statuses),
    }),
  );
  await db.destroy();
  process.exit(0);
}
void main();
