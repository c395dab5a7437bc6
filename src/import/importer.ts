import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import { DEFAULT_COLUMNS, ImportFileError, type ColumnMapping } from './sources/columns';
import { readCsv } from './sources/csv';
import { readJsonLines } from './sources/jsonl';
import { readWxr, type AttachmentIndex } from './sources/wxr';
import { readWpRest } from './sources/wp-rest';
import { normaliseArticle } from './normalise';
import { createSectionMapper, type SectionMapper } from './sections';
import { ArticleWriter, type WriteItem } from './writer';
import type { FlaggedRecord, ImportFormat, ImportSummary, RecordPosition, SkippedRecord, SkipReason, SourceItem } from './types';
import { WIB_OFFSET_MINUTES } from '../common/time';

// Articles per transaction: large enough to amortise each commit, small enough to keep
// transactions, and the locks they hold, short.
export const DEFAULT_IMPORT_BATCH_SIZE = 200;

// Reads files record by record (never a whole file), normalises each record, skips and reports the
// bad ones, and writes the rest in batches. Every record ends up counted exactly once: inserted,
// updated, unchanged or skipped with a reason.

export { ImportFileError };

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number;
  records: number;
}

export interface ImportOptions {
  /** Detected from the file extension when omitted (.csv, .jsonl/.ndjson, .xml, .json). */
  format?: ImportFormat;
  columns?: ColumnMapping;
  sections?: SectionMapper;
  /** Minutes east of UTC for dates without a zone; WIB (420) by default. */
  defaultOffsetMinutes?: number;
  /** Publisher name for every article, instead of the records' own. */
  source?: string | null;
  batchSize?: number;
  /** Parse and normalise only; write nothing. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  onSkip?: (skipped: SkippedRecord) => void;
  /** Imported records an editor should look at (a title made from the body, malformed content). */
  onFlag?: (flagged: FlaggedRecord) => void;
}

export function detectFormat(file: string): ImportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.xml' || ext === '.wxr') return 'wxr';
  if (ext === '.json') return 'wp-json';
  throw new ImportFileError(`${file}: cannot tell the format from "${ext || 'no extension'}"; pass --format csv|jsonl|wxr|wp-json`);
}

function sourceItems(
  file: string,
  format: ImportFormat,
  columns: ColumnMapping,
  attachments: AttachmentIndex,
  onBytes: (n: number) => void,
): AsyncGenerator<SourceItem> {
  switch (format) {
    case 'csv':
      return readCsv(file, columns, { onBytes });
    case 'jsonl':
      return readJsonLines(file, columns, { onBytes });
    case 'wxr':
      return readWxr(file, attachments, { onBytes });
    case 'wp-json':
      return readWpRest(file);
  }
}

export async function importFiles(db: Db, files: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  const sections = options.sections ?? createSectionMapper();
  const columns = options.columns ?? DEFAULT_COLUMNS;
  const writer = new ArticleWriter(db);
  const attachments: AttachmentIndex = new Map();
  // Import key (canonical URL, or source site and id) → where it was first seen: all that is kept per record.
  const seen = new Map<string, RecordPosition>();
  const pendingHeroes: { importKey: string; attachmentId: string }[] = [];
  const summary: ImportSummary = {
    files: [...files],
    records: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: {},
    skippedTotal: 0,
    flagged: {},
    heroImagesAttached: 0,
    elapsedMs: 0,
    recordsPerSecond: 0,
  };

  for (const file of files) {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ImportFileError(`${file}: no such file`);
  }
  const formats = files.map((file) => options.format ?? detectFormat(file));

  const skip = (position: RecordPosition, reason: SkipReason, detail: string) => {
    summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
    summary.skippedTotal += 1;
    options.onSkip?.({ position, reason, detail });
  };

  let batch: WriteItem[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    if (options.dryRun) return;
    const outcome = await writer.write(items);
    summary.inserted += outcome.inserted.length;
    summary.updated += outcome.updated.length;
    summary.unchanged += outcome.unchanged.length;
    for (const { item, message } of outcome.failed) skip(item.position, 'database-error', message);
  };

  for (const [fileIndex, file] of files.entries()) {
    const bytesTotal = fs.statSync(file).size;
    let bytesRead = 0;
    const report = () => options.onProgress?.({ file, fileIndex, fileCount: files.length, bytesRead, bytesTotal, records: summary.records });
    for await (const item of sourceItems(file, formats[fileIndex]!, columns, attachments, (n) => (bytesRead = n))) {
      summary.records += 1;
      if (item.kind === 'skip') {
        skip(item.position, item.reason, item.detail);
      } else {
        const result = normaliseArticle(item.article, {
          sections,
          defaultOffsetMinutes: options.defaultOffsetMinutes ?? WIB_OFFSET_MINUTES,
          source: options.source,
        });
        if (!result.ok) {
          // Attachments and pages are part of every WordPress export; they are counted, not reported.
          if (result.reason === 'not-an-article') {
            summary.skipped['not-an-article'] = (summary.skipped['not-an-article'] ?? 0) + 1;
            summary.skippedTotal += 1;
          } else {
            skip(item.position, result.reason, result.detail);
          }
        } else {
          const key = result.article.importKey;
          const first = seen.get(key);
          if (first) {
            skip(
              item.position,
              'duplicate-url',
              `same ${result.article.canonicalUrl ? 'canonical URL' : 'source site and id'} as ${first.file}${first.line !== undefined ? `:${first.line}` : ` record ${first.record}`}`,
            );
          } else {
            seen.set(key, item.position);
            for (const flag of result.flags) {
              summary.flagged[flag.reason] = (summary.flagged[flag.reason] ?? 0) + 1;
              options.onFlag?.({ position: item.position, ...flag });
            }
            batch.push({ position: item.position, article: result.article });
            if (result.pendingHeroId) pendingHeroes.push({ importKey: key, attachmentId: result.pendingHeroId });
            if (batch.length >= batchSize) await flush();
          }
        }
      }
      if (summary.records % 50 === 0) report();
    }
    await flush();
    bytesRead = bytesTotal;
    report();
  }

  if (!options.dryRun && pendingHeroes.length > 0) {
    const images = pendingHeroes.flatMap(({ importKey, attachmentId }) => {
      const image = attachments.get(attachmentId);
      return image ? [{ importKey, url: image.url, caption: image.caption ?? null }] : [];
    });
    summary.heroImagesAttached = await writer.attachHeroImages(images);
  }

  summary.elapsedMs = Date.now() - started;
  summary.recordsPerSecond = summary.elapsedMs > 0 ? Math.round((summary.records * 1000) / summary.elapsedMs) : summary.records;
  return summary;
}
