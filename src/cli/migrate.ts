import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';

// `npm run db:migrate`: applies pending migrations and exits non-zero on failure.
async function main(): Promise<void> {
  const database = await openDatabase(loadConfig(), { log: console.log });
  try {
    const result = await migrateToLatest(database.db);
    for (const r of result.results ?? []) console.log(`${r.status.toLowerCase()}: ${r.migrationName}`);
    if (!result.results?.length) console.log('database is up to date');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
