import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { importFiles } from '../src/import/importer';
import { openScratchDatabase } from './scratch-db';

// Import throughput and memory at scale (npm run bench:import). Writes a CSV of --rows rows (the
// shared corpus over and over, each copy with its own URL, so every row is a new article) and
// imports it into a scratch database, sampling the process's memory while it runs: a streaming
// import's peak stays flat however large the file is.
//
//   npm run bench:import [-- --rows 100000]   (node --expose-gc, to report the heap retained at the end)

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, corpus: { type: 'string' } } });
  const rows = Number(values.rows);
  const corpus = path.resolve(values.corpus ?? path.join(__dirname, '..', '..', 'shared', 'corpus'));
  const csvFiles = fs.existsSync(corpus)
    ? fs
        .readdirSync(corpus)
        .filter((f) => f.endsWith('.csv'))
        .sort()
    : [];
  if (csvFiles.length === 0) {
    console.error(`bench:import: no corpus CSV files in ${corpus}; pass --corpus <folder>`);
    process.exitCode = 1;
    return;
  }
  const sources = csvFiles.flatMap((f) => parse(fs.readFileSync(path.join(corpus, f)), { columns: true }) as Record<string, string>[]);
  const columns = ['title', 'source', 'date', 'time', 'category', 'sub-category', 'content', 'url'];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kabar-import-bench-')), 'articles.csv');
  const out = fs.createWriteStream(file);
  out.write(`${columns.join(',')}\n`);
  for (let i = 0; i < rows; i += 1) {
    const row = sources[i % sources.length]!;
    const copy = Math.floor(i / sources.length);
    const values = columns.map((c) => (c === 'url' ? `${row.url}${copy ? `-salinan-${copy}` : ''}` : (row[c] ?? '')));
    if (!out.write(`${values.map(csvField).join(',')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  console.log(`wrote ${rows} rows (${(fs.statSync(file).size / 1e6).toFixed(0)} MB) to ${file}`);

  const scratch = await openScratchDatabase('kabar_import_bench');
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    let retained: number | null = null;
    const summary = await importFiles(scratch.db, [file], {
      // What the import still holds at its very end (after a full collection): what grows with the file.
      onProgress: (p) => {
        if (gc && p.bytesRead === p.bytesTotal) {
          gc();
          retained = process.memoryUsage().heapUsed - heapBefore;
        }
      },
    });
    clearInterval(sampler);
    console.log(
      `imported ${summary.inserted}, skipped ${summary.skippedTotal} of ${summary.records} records in ${(summary.elapsedMs / 1000).toFixed(1)} s: ` +
        `${summary.recordsPerSecond} records/s`,
    );
    console.log(
      `memory: ${(baseline / 1e6).toFixed(0)} MB before, peak ${(peakRss / 1e6).toFixed(0)} MB (resident set) while importing a ${(fs.statSync(file).size / 1e6).toFixed(0)} MB file` +
        (retained !== null
          ? `; heap still in use at the end, after garbage collection: ${((retained as number) / 1e6).toFixed(1)} MB`
          : ' (run with node --expose-gc for the retained heap)'),
    );
  } finally {
    clearInterval(sampler);
    await scratch.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
