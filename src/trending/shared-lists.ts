import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Lists, TrendingEntry } from './trending';

// trending_lists (db/migrations/…_fleet.ts): the lists one process computed, for every process to
// serve. One row per window and section ("site" for the whole site); entries as a JSON array.

interface StoredRow {
  window_name: string;
  section_key: string;
  generated_at: Date;
  entries: TrendingEntry[];
}

/** Replaces the stored lists with `lists`, in one transaction (readers see the old or the new set). */
export async function storeSharedLists(db: Db, lists: Lists): Promise<void> {
  const rows = [...lists.byKey].map(([key, entries]) => {
    const [window, section] = key.split(':') as [string, string];
    return { window, section, entries: JSON.stringify(entries) };
  });
  await db.transaction().execute(async (trx) => {
    await sql`delete from trending_lists`.execute(trx);
    if (rows.length === 0) {
      // An empty set still says when it was computed.
      await sql`insert into trending_lists (window_name, section_key, generated_at, entries) values ('', '', ${lists.generatedAt}, '[]')`.execute(
        trx,
      );
      return;
    }
    await sql`
      insert into trending_lists (window_name, section_key, generated_at, entries)
      select r.window_name, r.section_key, ${lists.generatedAt}::timestamptz, r.entries::jsonb
        from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ window_name: r.window, section_key: r.section, entries: r.entries })))}::jsonb)
          as r(window_name text, section_key text, entries text)`.execute(trx);
  });
}

/** When the stored lists were computed (null: never). */
export async function newestSharedLists(db: Db): Promise<Date | null> {
  const result = await sql<{ generated_at: Date | null }>`select max(generated_at) as generated_at from trending_lists`.execute(db);
  return result.rows[0]?.generated_at ?? null;
}

export async function loadSharedLists(db: Db): Promise<Lists | null> {
  const result = await sql<StoredRow>`select window_name, section_key, generated_at, entries from trending_lists`.execute(db);
  if (result.rows.length === 0) return null;
  const byKey = new Map<string, TrendingEntry[]>();
  for (const row of result.rows) if (row.window_name !== '') byKey.set(`${row.window_name}:${row.section_key}`, row.entries);
  return { generatedAt: result.rows[0]!.generated_at, byKey };
}
