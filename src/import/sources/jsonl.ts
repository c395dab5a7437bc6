import fs from 'node:fs';
import readline from 'node:readline';
import { recordToSource, type ColumnMapping } from './columns';
import type { FileReadOptions } from './csv';
import type { SourceItem } from '../types';

/** One JSON object per line, streamed; a line that is not a JSON object is reported and skipped. */
export async function* readJsonLines(file: string, mapping: ColumnMapping, options: FileReadOptions = {}): AsyncGenerator<SourceItem> {
  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  if (options.onBytes) stream.on('data', () => options.onBytes!(stream.bytesRead));
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let record = 0;
  for await (const text of lines) {
    line += 1;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (!trimmed) continue;
    record += 1;
    const position = { file, record, line };
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      yield { kind: 'skip', position, reason: 'malformed-record', detail: `not JSON: ${(error as Error).message}` };
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      yield { kind: 'skip', position, reason: 'malformed-record', detail: 'not a JSON object' };
      continue;
    }
    yield { kind: 'article', position, article: recordToSource(parsed as Record<string, unknown>, mapping) };
  }
}
