import fs from 'node:fs';
import { parse, type CsvError, type Info } from 'csv-parse';
import { checkColumns, recordToSource, type ColumnMapping } from './columns';
import type { SourceItem } from '../types';

export interface FileReadOptions {
  /** Called as bytes are read, for progress reporting. */
  onBytes?: (bytesRead: number) => void;
}

/**
 * Rows of a CSV file with a header (RFC 4180: quoted fields, newlines inside quotes), one at a time:
 * the file is streamed, never held in memory. A malformed row is reported and skipped; parsing goes
 * on with the next one.
 */
export async function* readCsv(file: string, mapping: ColumnMapping, options: FileReadOptions = {}): AsyncGenerator<SourceItem> {
  const stream = fs.createReadStream(file);
  if (options.onBytes) stream.on('data', () => options.onBytes!(stream.bytesRead));
  const skipped: CsvError[] = [];
  let headerError: Error | null = null;
  const parser = stream.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        // Thrown from here it would reach us wrapped as a parser error; kept and thrown below instead.
        try {
          checkColumns(names, mapping, file);
        } catch (error) {
          headerError = error as Error;
        }
        return names;
      },
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (error: CsvError) => skipped.push(error));
  stream.on('error', (error) => parser.destroy(error));

  let record = 0;
  let previousEnd = 1; // the header line
  let previousEmpty = 0;
  const flushSkipped = function* (): Generator<SourceItem> {
    for (const error of skipped.splice(0)) {
      record += 1;
      const line = Number((error as unknown as { lines?: number }).lines) || undefined;
      if (line) previousEnd = line;
      yield { kind: 'skip', position: { file, record, line }, reason: 'malformed-record', detail: error.message };
    }
  };
  for await (const { record: row, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info & { error?: CsvError } }>) {
    if (headerError) break;
    yield* flushSkipped();
    record += 1;
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    const position = { file, record, line };
    if (info.error) {
      yield { kind: 'skip', position, reason: 'malformed-record', detail: `${info.error.message} (${info.error.code})` };
      continue;
    }
    yield { kind: 'article', position, article: recordToSource(row, mapping) };
  }
  if (headerError) {
    stream.destroy();
    throw headerError;
  }
  yield* flushSkipped();
}
