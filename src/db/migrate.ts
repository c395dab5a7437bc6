import { Migrator, type MigrationResultSet } from 'kysely';
import { staticMigrationProvider } from '../../db/migrations';
import type { Db } from './database';

export class MigrationError extends Error {}

/**
 * Applies pending migrations. Kysely's Migrator takes a PostgreSQL advisory lock for the whole run,
 * so concurrent starts (two replicas, or the server and `npm run db:migrate`) apply each once.
 * Migrations are forward-only: there is deliberately no "down" command.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: staticMigrationProvider,
    migrationTableName: 'kabar_migrations',
    migrationLockTableName: 'kabar_migrations_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return result;
}
