import { sql } from 'kysely';
import { recordRevision } from './revisions';
import { writeAudit } from './audit';
import { editorialDb, type EditorialDb } from './tables';
import { startFleetJob, type FleetJob, type JobRunObserver } from '../jobs/fleet';
import type { Db } from '../db/database';

// Scheduled publishing, driven by the database and never by traffic. It runs as a fleet job
// (src/jobs/fleet.ts): one process per interval, whichever claims the run, and every process once
// at start-up, for whatever fell due while none was running. Due rows are also claimed with FOR
// UPDATE SKIP LOCKED inside the transaction that publishes them: two runs that meet (a start-up run
// beside the fleet's run) never claim the same row, and a claimed row is published exactly once. The status update fires
// the content trigger, so every process's response cache and feeds learn of it at commit.

export interface ScheduledRun {
  published: number[];
}

export async function publishDueArticles(db: EditorialDb, batchSize = 50): Promise<ScheduledRun> {
  const published: number[] = [];
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('published_at', '<=', sql<Date>`now()`)
        .orderBy('published_at')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      const rows = await trx
        .updateTable('articles')
        .set({ status: 'published', version: sql`version + 1`, updated_at: sql`now()`, first_published_at: sql`coalesce(first_published_at, now())` })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returningAll()
        .execute();
      for (const article of rows) {
        await recordRevision(trx, article, null, 'scheduled-publish');
        await writeAudit(trx, {
          staffId: null,
          action: 'article.published',
          entityType: 'article',
          entityId: article.id,
          details: { version: article.version, scheduled: true },
        });
      }
      return rows.map((r) => r.id);
    });
    published.push(...batch);
    if (batch.length < batchSize) return { published };
  }
}

/** Publishes what is due now, whether or not another process is running the job (start-up). */
export async function publishDueNow(db: Db, log: (message: string) => void): Promise<void> {
  const { published } = await publishDueArticles(editorialDb(db));
  if (published.length > 0) log(`[scheduler] published ${published.length} scheduled article(s): ${published.join(', ')}`);
}

/** The fleet's scheduled-publishing job (src/service.ts). */
export function startScheduledPublishing(
  db: Db,
  intervalMs: number,
  log: (message: string) => void,
  onRun?: JobRunObserver,
  warn: (message: string) => void = log,
): FleetJob {
  return startFleetJob(db, 'scheduler', intervalMs, () => publishDueNow(db, log), { onRun, log: warn });
}
