import { startEmbeddedPostgres } from '../src/db/embedded';
import pg from 'pg';
(async () => {
  const t = Date.now();
  const e = await startEmbeddedPostgres({ dataDir: '/work/main/.kabar/try', port: 54330, database: 'kabar', log: (m) => console.log('LOG', m.slice(0, 100)) });
  console.log('started', Date.now() - t);
  const c = new pg.Client(e.connectionString); await c.connect();
  console.log((await c.query('select version()')).rows[0]); await c.end();
  await e.stop(); console.log('stopped');
})();
