import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { EditorialDatabase } from '../editorial/tables';
import type { Db } from '../db/database';

// Row types of db/migrations/2026-12-07T11-00-00_live_blogs.ts, kept beside the code that uses them
// (as src/comments/tables.ts does).

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface LiveBlogsTable {
  article_id: number;
  live: ColumnType<boolean, boolean | undefined, boolean>;
  changed_at: DefaultTimestamp;
  changed_by: number | null;
}

export interface LiveEntriesTable {
  id: Generated<number>;
  article_id: number;
  staff_id: number | null;
  title: string | null;
  html: string;
  pinned: ColumnType<boolean, boolean | undefined, boolean>;
  key_event: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  deleted_at: NullableTimestamp;
}

export interface LiveTables {
  live_blogs: LiveBlogsTable;
  live_entries: LiveEntriesTable;
}

export type LiveDatabase = EditorialDatabase & LiveTables;
export type LiveDb = Kysely<LiveDatabase>;
export type LiveEntryRow = Selectable<LiveEntriesTable>;

/** A live entry as readers see it (no staff id, never a deleted one). */
export interface PublicLiveEntry {
  id: number;
  article_id: number;
  title: string | null;
  html: string;
  pinned: boolean;
  key_event: boolean;
  created_at: Date;
  updated_at: Date;
}

/** The same connection pool, typed with the live tables. */
export function liveDb(db: Db | Kysely<EditorialDatabase>): LiveDb {
  return db as unknown as LiveDb;
}
