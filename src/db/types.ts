import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Row types matching db/migrations. Keep in step with every migration.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'archived';

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string | null;
  parent_id: number | null;
  position: Generated<number>;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string | null;
  avatar_url: string | null;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

/** One body block as stored in articles.blocks (ad slots are added at read time). */
export type StoredBlock =
  | { type: 'paragraph'; html: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'image'; url: string; width: number | null; height: number | null; caption: string | null; credit: string | null }
  | { type: 'quote'; text: string; attribution: string | null }
  | { type: 'embed'; provider: string; url: string; html: string }
  | { type: 'gallery'; images: GalleryImage[]; caption: string | null };

/** One image of a gallery block, in the gallery's order. */
export interface GalleryImage {
  url: string;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  section_id: number;
  author_id: number | null;
  status: ColumnType<ArticleStatus, ArticleStatus | undefined, ArticleStatus>;
  title: string;
  subtitle: string | null;
  excerpt: string | null;
  body_html: ColumnType<string, string | undefined, string>;
  blocks: ColumnType<StoredBlock[], string | undefined, string>;
  word_count: ColumnType<number, number | undefined, number>;
  dateline: string | null;
  hero_image_url: string | null;
  hero_image_caption: string | null;
  hero_image_credit: string | null;
  hero_image_width: number | null;
  hero_image_height: number | null;
  language: ColumnType<string, string | undefined, string>;
  canonical_url: string | null;
  source: string | null;
  published_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** When article_related was last computed for this article; null: never. */
  related_computed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Generated from title, subtitle, excerpt and body (see the search migration); never written. */
  search_vector: ColumnType<string, never, never>;
  /** Generated from the title alone, every word kept (see the search ranking migration); never written. */
  title_vector: ColumnType<string, never, never>;
  /** Hash of the normalised source record of an imported article (src/import); null otherwise. */
  import_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * What identifies an imported article across imports: its canonical URL, or, for a source post
   * without one, the source site and the post's id there ("wordpress:example.com:123"); null otherwise.
   */
  import_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Addresses an article had before it was imported (old permalinks), normalised (src/content/old-paths.ts). */
export interface ArticleOldPathsTable {
  path: string;
  article_id: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: ColumnType<number, number | undefined, number>;
  /** Copy of articles.published_at, maintained by triggers (see the related migration). */
  published_at: ColumnType<Date | null, never, never>;
}

export interface ArticleRelatedTable {
  article_id: number;
  rank: number;
  related_article_id: number;
  score: number;
}

export interface ArticlePicksTable {
  article_id: number;
  related_article_id: number;
  position: ColumnType<number, number | undefined, number>;
}

export interface ArticleViewsHourlyTable {
  article_id: number;
  hour: Timestamp;
  // int8 is parsed to a JS number in src/db/database.ts (view counts stay far below 2^53)
  views: ColumnType<number, number | string, number | string>;
}

export interface PartnerKeysTable {
  id: Generated<number>;
  name: string;
  /** SHA-256 of the key, hex; the key itself is never stored. */
  key_hash: string;
  key_prefix: string;
  created_at: DefaultTimestamp;
  revoked_at: Timestamp | null;
  /** Points of query cost per rate-limit window; null: RATE_LIMIT_PARTNER_POINTS. */
  rate_limit_points: number | null;
}

/** A lower-case word or phrase and another that means the same; both directions are rows. */
export interface SearchSynonymsTable {
  phrase: string;
  synonym: string;
}

/** One committed change readers can notice (db/migrations/…_change_log.ts); ids are in commit order. */
export interface ChangeEventsTable {
  id: ColumnType<number, never, never>;
  type: string;
  article_id: number | null;
  section_id: number | null;
  entity_id: number | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  occurred_at: ColumnType<Date, never, never>;
  xid: ColumnType<string, never, never>;
}

export interface Database {
  sections: SectionsTable;
  authors: AuthorsTable;
  tags: TagsTable;
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  article_old_paths: ArticleOldPathsTable;
  article_picks: ArticlePicksTable;
  article_related: ArticleRelatedTable;
  article_views_hourly: ArticleViewsHourlyTable;
  partner_keys: PartnerKeysTable;
  search_synonyms: SearchSynonymsTable;
  change_events: ChangeEventsTable;
}

export type SectionRow = Selectable<SectionsTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type TagRow = Selectable<TagsTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
