import type { ArticleStatus, StoredBlock } from '../db/types';
import type { WordPressMedia } from './wordpress/media';

export type ImportFormat = 'csv' | 'jsonl' | 'wxr' | 'wp-json';

/** Where a record came from, for reports: its ordinal in the file and, for text formats, its first line. */
export interface RecordPosition {
  file: string;
  record: number;
  line?: number;
}

export function describePosition(position: RecordPosition): string {
  return position.line !== undefined ? `${position.file}:${position.line} (record ${position.record})` : `${position.file} record ${position.record}`;
}

export interface SourceImage {
  url: string;
  caption?: string | null;
  credit?: string | null;
  width?: number | null;
  height?: number | null;
}

/**
 * A record as a parser extracted it, before any cleaning: every format maps onto these fields.
 * Strings are raw (may be "-", empty, HTML with entities…); the normaliser decides what they mean.
 */
export interface SourceArticle {
  url?: string | null;
  title?: string | null;
  /** True when the title is HTML (WordPress REST renders titles with entities). */
  titleIsHtml?: boolean;
  subtitle?: string | null;
  excerpt?: string | null;
  excerptIsHtml?: boolean;
  body?: string | null;
  /**
   * 'auto' decides between HTML and (scraped) plain text; 'wordpress' is post_content as stored
   * (blocks, or classic HTML without <p>, shortcodes); 'wordpress-rendered' is the REST API's
   * content.rendered (already expanded, still with WordPress's classes and providers' markup).
   */
  bodyFormat: 'auto' | 'html' | 'text' | 'wordpress' | 'wordpress-rendered';
  /** For WordPress bodies: the post's id and what the export says about the media it refers to. */
  wordpress?: { postId: string | null; media: WordPressMedia };
  /**
   * What identifies the record when it has no URL: the source site and its id there
   * ("wordpress:example.com:123"). A URL, when there is one, identifies the record instead.
   */
  sourceKey?: string | null;
  /** Addresses the record had on its old site (permalinks in other forms), full URLs or paths. */
  previousAddresses?: string[];
  /** Date (and possibly time) in the publisher's zone unless it names one. */
  date?: string | null;
  time?: string | null;
  /** A date known to be UTC (WordPress *_gmt fields); preferred over `date` when valid. */
  dateUtc?: string | null;
  modifiedUtc?: string | null;
  categories?: string[];
  tags?: string[];
  author?: { name: string; bio?: string | null; avatarUrl?: string | null } | null;
  /** The source system's status (WordPress: publish, future, draft…); absent means published. */
  status?: string | null;
  /** WordPress post type; only posts are articles. */
  postType?: string | null;
  slug?: string | null;
  source?: string | null;
  /** null: no image; undefined: not known (yet), leave whatever is stored. */
  heroImage?: SourceImage | null;
  /** WordPress attachment id of the featured image, when it could not be resolved yet. */
  pendingHeroId?: string | null;
}

export type SkipReason =
  | 'malformed-record'
  | 'not-an-article'
  | 'not-public'
  | 'missing-title'
  | 'missing-url'
  | 'invalid-url'
  | 'missing-date'
  | 'invalid-date'
  | 'empty-body'
  | 'broken-body'
  | 'duplicate-url'
  | 'database-error';

/** Imported, but worth an editor's look. */
export type FlagReason = 'generated-title' | 'malformed-content';

export interface FlaggedRecord {
  position: RecordPosition;
  reason: FlagReason;
  detail: string;
}

export type SourceItem =
  | { kind: 'article'; position: RecordPosition; article: SourceArticle }
  | { kind: 'skip'; position: RecordPosition; reason: SkipReason; detail: string };

/** An article in Kabar's shape, ready to write. */
export interface ImportArticle {
  /** Null for a record identified by its source key alone. */
  canonicalUrl: string | null;
  /** Identifies the article across imports: the canonical URL, else the source key. */
  importKey: string;
  /** Normalised old addresses (src/content/old-paths.ts) that should lead to this article. */
  oldPaths: string[];
  slugHint: string;
  title: string;
  subtitle: string | null;
  excerpt: string | null;
  bodyHtml: string;
  blocks: StoredBlock[];
  wordCount: number;
  status: ArticleStatus;
  publishedAt: Date;
  updatedAt: Date | null;
  section: { slug: string; name: string };
  author: { slug: string; name: string; bio: string | null; avatarUrl: string | null } | null;
  tags: { slug: string; name: string }[];
  source: string | null;
  heroImage: SourceImage | null | undefined;
  /** Hash of everything above: equal hashes mean re-importing changes nothing. */
  hash: string;
}

export interface ImportSummary {
  files: string[];
  /** Records read (rows, items, posts), including the skipped ones. */
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: Partial<Record<SkipReason, number>>;
  skippedTotal: number;
  /** Imported records that an editor should look at, by reason. */
  flagged: Partial<Record<FlagReason, number>>;
  /** Featured images attached after their post was written (WordPress exports list them later). */
  heroImagesAttached: number;
  elapsedMs: number;
  recordsPerSecond: number;
}

export interface SkippedRecord {
  position: RecordPosition;
  reason: SkipReason;
  detail: string;
}
