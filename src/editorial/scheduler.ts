import { sql } from 'kysely';
import { recordRevision } from './revisions';
import { writeAudit } from './audit';
import { editorialDb, type EditorialDb } from './tables';
import { startPeriodic, type PeriodicTask } from '../jobs/periodic';
import type { Db } from '../db/database';

// Scheduled publishing, driven by the database and never by traffic. Every Kabar process runs this
// every few seconds (and once at start-up, for whatever fell due while none was running). Due rows
// are claimed with FOR UPDATE SKIP LOCKED inside the transaction that publishes them: two processes
// never claim the same row, and a claimed row is published exactly once. The status update fires
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

/** The periodic job of every Kabar process (src/service.ts). */
export function startScheduledPublishing(db: Db, intervalMs: number, log: (message: string) => void): PeriodicTask {
  return startPeriodic('scheduler', intervalMs, async () => {
    const { published } = await publishDueArticles(editorialDb(db));
    if (published.length > 0) log(`[scheduler] published ${published.length} scheduled article(s): ${published.join(', ')}`);
  });
}
