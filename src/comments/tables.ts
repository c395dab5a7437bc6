import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { EditorialDatabase } from '../editorial/tables';
import type { Db } from '../db/database';

// Row types of db/migrations/2026-12-02T10-00-00_comments.ts, kept beside the code that uses them
// (as src/editorial/tables.ts does for the writing side).

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type CommentStatus = 'pending' | 'published' | 'rejected';

/** Why the policy or a moderator held, refused or hid a comment (shown to moderators). */
export type CommentReason =
  'BANNED_AUTHOR' | 'HONEYPOT' | 'DUPLICATE' | 'BANNED_WORD' | 'SUSPECT_WORD' | 'LINKS' | 'FIRST_COMMENT' | 'REPORTED' | 'MODERATOR';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  body: string;
  body_hash: string;
  status: CommentStatus;
  reasons: ColumnType<CommentReason[], CommentReason[] | undefined, CommentReason[]>;
  client: string | null;
  report_count: ColumnType<number, number | undefined, number>;
  created_at: DefaultTimestamp;
  moderated_at: NullableTimestamp;
  moderated_by: number | null;
}

export interface CommentThreadsTable {
  article_id: number;
  published_count: ColumnType<number, number | undefined, number>;
  closed_at: NullableTimestamp;
}

export interface CommentClosedSectionsTable {
  section_id: number;
  closed_at: DefaultTimestamp;
}

export interface CommentReportsTable {
  id: Generated<string>;
  comment_id: number;
  client: string;
  reason: string;
  note: string | null;
  received_at: DefaultTimestamp;
  resolved_at: NullableTimestamp;
}

export interface CommentAuthorsTable {
  email: string;
  approved_at: NullableTimestamp;
  banned_at: NullableTimestamp;
}

export interface CommentClientBansTable {
  client: string;
  banned_until: ColumnType<Date, Date | string, Date | string>;
}

export interface CommentWordsTable {
  word: string;
  level: 'banned' | 'suspect';
  literal: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: DefaultTimestamp;
}

export interface CommentTables {
  comments: CommentsTable;
  comment_threads: CommentThreadsTable;
  comment_closed_sections: CommentClosedSectionsTable;
  comment_reports: CommentReportsTable;
  comment_authors: CommentAuthorsTable;
  comment_client_bans: CommentClientBansTable;
  comment_words: CommentWordsTable;
}

export type CommentsDatabase = EditorialDatabase & CommentTables;
export type CommentsDb = Kysely<CommentsDatabase>;
export type CommentRow = Selectable<CommentsTable>;

/** The same connection pool, typed with the comment tables. */
export function commentsDb(db: Db | Kysely<EditorialDatabase>): CommentsDb {
  return db as unknown as CommentsDb;
}
