import fs from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { DEFAULT_IMPORT_BATCH_SIZE, importFiles, ImportFileError, type ImportProgress } from '../import/importer';
import { parseColumnMapping } from '../import/sources/columns';
import { createSectionMapper } from '../import/sections';
import { parseZone } from '../import/dates';
import { WIB_OFFSET_MINUTES } from '../common/time';
import { describePosition, type ImportFormat, type ImportSummary, type SkippedRecord, type FlaggedRecord } from '../import/types';

// npm run import -- <file>... [options]
// Exit codes: 0 when at least one record is in the database afterwards (inserted, updated or
// already there), 1 when nothing could be imported, 2 for usage or file errors.

const MAX_BATCH_SIZE = 5000;

const USAGE = `Usage: npm run import -- <file>... [options]

Imports articles from CSV, JSON Lines, a WordPress export (WXR .xml) or WordPress REST API pages
(.json saved from /wp-json/wp/v2/posts?_embed). Re-running the same file changes nothing: the
canonical URL identifies an article.

  --format F           csv | jsonl | wxr | wp-json (default: from the file extension)
  --map F=C,...        CSV/JSONL columns for fields (defaults fit title,source,date,time,category,
                       sub-category,content,url); fields: title subtitle excerpt body url date time
                       category subCategory tags author image slug source status
  --section-map FILE   JSON object: category → section slug (or {"slug", "name"}), on top of the
                       built-in aliases (Bisnis → ekonomi, Super Skor → olahraga, …)
  --default-section S  section for records without a category (default: berita)
  --timezone Z         zone of dates that name none: WIB, WITA, WIT, UTC or +07:00 (default: WIB)
  --source NAME        publisher name for every article (default: the records' own, else the URL's host)
  --batch-size N       articles per transaction, 1 to ${MAX_BATCH_SIZE} (default ${DEFAULT_IMPORT_BATCH_SIZE})
  --dry-run            read and check everything, write nothing
  --quiet              no per-record messages for skipped records
  --help               show this help`;

class UsageError extends Error {}

interface ImportArguments {
  files: string[];
  format?: ImportFormat;
  map?: string;
  sectionMap?: string;
  defaultSection?: string;
  offsetMinutes: number;
  source?: string;
  batchSize: number;
  dryRun: boolean;
  quiet: boolean;
  help: boolean;
}

export function parseImportArguments(argv: string[]): ImportArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        map: { type: 'string' },
        'section-map': { type: 'string' },
        'default-section': { type: 'string' },
        timezone: { type: 'string' },
        source: { type: 'string' },
        'batch-size': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help)
    return { files: [], offsetMinutes: WIB_OFFSET_MINUTES, batchSize: DEFAULT_IMPORT_BATCH_SIZE, dryRun: false, quiet: false, help: true };
  if (positionals.length === 0) throw new UsageError('name at least one file to import');
  const format = values.format;
  if (format !== undefined && !['csv', 'jsonl', 'wxr', 'wp-json'].includes(format)) {
    throw new UsageError(`--format must be csv, jsonl, wxr or wp-json; got "${format}"`);
  }
  const offsetMinutes = values.timezone === undefined ? WIB_OFFSET_MINUTES : parseZone(values.timezone);
  if (offsetMinutes === null) throw new UsageError(`--timezone must be WIB, WITA, WIT, UTC or an offset such as +07:00; got "${values.timezone}"`);
  const batchSize = values['batch-size'] === undefined ? DEFAULT_IMPORT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new UsageError(`--batch-size must be a whole number from 1 to ${MAX_BATCH_SIZE}; got "${values['batch-size']}"`);
  }
  return {
    files: positionals,
    format: format as ImportFormat | undefined,
    map: values.map,
    sectionMap: values['section-map'],
    defaultSection: values['default-section'],
    offsetMinutes,
    source: values.source,
    batchSize,
    dryRun: values['dry-run'] ?? false,
    quiet: values.quiet ?? false,
    help: false,
  };
}

function readSectionMap(file: string | undefined): Record<string, string | { slug: string; name?: string }> | undefined {
  if (!file) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--section-map ${file}: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`--section-map ${file}: expected a JSON object such as {"Berita Sumut": "regional"}`);
  }
  for (const [key, value] of Object.entries(parsed)) {
    const ok = typeof value === 'string' || (value && typeof value === 'object' && typeof (value as { slug?: unknown }).slug === 'string');
    if (!ok) throw new UsageError(`--section-map ${file}: "${key}" must map to a section slug or {"slug": …, "name": …}`);
  }
  return parsed as Record<string, string | { slug: string; name?: string }>;
}

export function formatSummary(summary: ImportSummary, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'dry run, nothing written: ' : ''}${summary.records} records in ${(summary.elapsedMs / 1000).toFixed(1)} s (${summary.recordsPerSecond} records/s)`,
  ];
  if (dryRun) lines.push(`  valid       ${summary.records - summary.skippedTotal}`);
  else {
    lines.push(`  imported    ${summary.inserted}`, `  updated     ${summary.updated}`, `  unchanged   ${summary.unchanged}`);
  }
  lines.push(`  skipped     ${summary.skippedTotal}`);
  for (const [reason, count] of Object.entries(summary.skipped).sort((a, b) => b[1]! - a[1]!)) lines.push(`    ${reason.padEnd(16)} ${count}`);
  const flagged = Object.entries(summary.flagged).sort((a, b) => b[1]! - a[1]!);
  if (flagged.length > 0) lines.push(`  to look at (imported, flagged)`);
  for (const [reason, count] of flagged) lines.push(`    ${reason.padEnd(16)} ${count}`);
  if (summary.heroImagesAttached > 0) lines.push(`  featured images attached after their posts: ${summary.heroImagesAttached}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let args: ImportArguments;
  let sectionMap: ReturnType<typeof readSectionMap>;
  let columns;
  try {
    args = parseImportArguments(process.argv.slice(2));
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    sectionMap = readSectionMap(args.sectionMap);
    columns = parseColumnMapping(args.map);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ImportFileError) {
      console.error(`import: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }

  const database = await openDatabase(loadConfig(), { log: (m) => console.error(m) });
  const showBar = process.stdout.isTTY === true;
  const bars = showBar
    ? new cliProgress.MultiBar(
        {
          format: ' {bar} {percentage}% | {file} | {records} records | {rate} records/s',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let bar: cliProgress.SingleBar | null = null;
  let barFile = '';
  const started = Date.now();
  const onProgress = (p: ImportProgress) => {
    if (!bars) return;
    if (p.file !== barFile) {
      bar?.stop();
      barFile = p.file;
      bar = bars.create(Math.max(1, p.bytesTotal), 0, { file: p.file, records: 0, rate: 0 });
    }
    const seconds = (Date.now() - started) / 1000;
    bar!.update(p.bytesRead, { records: p.records, rate: seconds > 0 ? Math.round(p.records / seconds) : 0 });
  };
  const onSkip = (s: SkippedRecord) => {
    if (args.quiet) return;
    const line = `skipped ${describePosition(s.position)}: ${s.reason}: ${s.detail}`;
    // Erase the progress bar's line first, or a shorter message leaves the end of the bar behind.
    if (bars) bars.log(`\x1b[2K${line}\n`);
    else console.error(line);
  };
  const onFlag = (f: FlaggedRecord) => {
    if (args.quiet) return;
    const line = `flagged ${describePosition(f.position)}: ${f.reason}: ${f.detail}`;
    if (bars) bars.log(`\x1b[2K${line}\n`);
    else console.error(line);
  };
  try {
    await migrateToLatest(database.db);
    const summary = await importFiles(database.db, args.files, {
      onFlag,
      format: args.format,
      columns,
      sections: createSectionMapper({ aliases: sectionMap, defaultSection: args.defaultSection }),
      defaultOffsetMinutes: args.offsetMinutes,
      source: args.source ?? null,
      batchSize: args.batchSize,
      dryRun: args.dryRun,
      onProgress,
      onSkip,
    });
    bars?.stop();
    console.log(formatSummary(summary, args.dryRun));
    const present = args.dryRun ? summary.records - summary.skippedTotal : summary.inserted + summary.updated + summary.unchanged;
    if (present === 0) {
      console.error('import: nothing could be imported');
      return 1;
    }
    return 0;
  } catch (error) {
    bars?.stop();
    if (error instanceof ImportFileError) {
      console.error(`import: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
