import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/types';
import type { Db } from '../db/database';

// Row types of the writing side (db/migrations/2026-12-01T22-00-00_editorial.ts). They stay here,
// beside the code that writes them, and are added to the shared Database type with withTables()
// so that the read path's types.ts does not need to know about staff or revisions.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type StaffRole = 'writer' | 'moderator' | 'editor' | 'admin';

export interface StaffTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: StaffRole;
  author_id: number;
  password_hash: string;
  disabled_at: NullableTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface StaffSessionsTable {
  id: Generated<number>;
  token_hash: string;
  staff_id: number;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface SignInThrottleTable {
  key: string;
  failures: ColumnType<number, number | undefined, number>;
  first_failure_at: DefaultTimestamp;
  locked_until: NullableTimestamp;
}

/** The full editable content of an article at one version, as a revision keeps it. */
export interface RevisionContent {
  title: string;
  subtitle: string | null;
  excerpt: string | null;
  dateline: string | null;
  slug: string;
  sectionId: number;
  bodyHtml: string;
  tags: string[];
  heroImage: { url: string; width: number | null; height: number | null; caption: string | null; credit: string | null } | null;
  status: string;
  publishedAt: string | null;
}

export type RevisionKind = 'create' | 'save' | 'publish' | 'schedule' | 'unpublish' | 'restore' | 'scheduled-publish';

export interface ArticleRevisionsTable {
  id: Generated<string>;
  article_id: number;
  version: number;
  first_version: number;
  staff_id: number | null;
  kind: RevisionKind;
  content: ColumnType<RevisionContent, string, string>;
  created_at: DefaultTimestamp;
  saved_at: DefaultTimestamp;
}

export interface PreviewLinksTable {
  id: Generated<number>;
  token_hash: string;
  article_id: number;
  staff_id: number | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  occurred_at: DefaultTimestamp;
  staff_id: number | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  events: string[];
  secret: string;
  staff_id: number | null;
  created_at: DefaultTimestamp;
  disabled_at: NullableTimestamp;
  /** The newest change event when it was registered: it receives the events after it (webhook_deliveries migration). */
  after_event_id: ColumnType<number, number | undefined, number>;
}

/** Columns the editorial migration adds to articles. */
export interface ArticleEditorialColumns {
  version: ColumnType<number, number | undefined, number>;
  first_published_at: NullableTimestamp;
}

export interface EditorialTables {
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  sign_in_throttle: SignInThrottleTable;
  article_revisions: ArticleRevisionsTable;
  preview_links: PreviewLinksTable;
  audit_log: AuditLogTable;
  webhooks: WebhooksTable;
  articles: Database['articles'] & ArticleEditorialColumns;
}

export type EditorialDatabase = Omit<Database, 'articles'> & EditorialTables;
export type EditorialDb = Kysely<EditorialDatabase>;

export type StaffRow = Selectable<StaffTable>;
export type RevisionRow = Selectable<ArticleRevisionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type WebhookRow = Selectable<WebhooksTable>;

/** The same connection pool, typed with the writing side's tables. */
export function editorialDb(db: Db | EditorialDb): EditorialDb {
  return db as unknown as EditorialDb;
}
