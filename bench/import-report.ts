import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { importFiles } from '../src/import/importer';
import type { SkippedRecord } from '../src/import/types';
import { openScratchDatabase } from './scratch-db';

// What an import keeps (npm run bench:import-report -- <file>…): imports the files into a scratch
// database twice and prints posts imported, blocks by type and records skipped by reason, as a
// markdown table, so that a change to the importer can be compared before and after on the same
// export.

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length === 0) {
    console.error('import-report: name at least one file to import');
    process.exitCode = 2;
    return;
  }
  const scratch = await openScratchDatabase('kabar_import_report');
  try {
    const skipped: SkippedRecord[] = [];
    const first = await importFiles(scratch.db, positionals, { onSkip: (s) => skipped.push(s) });
    const second = await importFiles(scratch.db, positionals);
    const { rows: blocks } = await sql<{ type: string; n: string }>`
      select b->>'type' as type, count(*) as n from articles, jsonb_array_elements(blocks) b group by 1 order by 2 desc, 1`.execute(scratch.db);
    const { rows: articles } = await sql<{ status: string; n: string }>`select status, count(*) as n from articles group by 1 order by 1`.execute(
      scratch.db,
    );
    const lines = [
      `| files | ${positionals.join(', ')} |`,
      '|---|---|',
      `| records read | ${first.records} |`,
      `| articles imported | ${first.inserted} (${articles.map((a) => `${a.status} ${a.n}`).join(', ')}) |`,
      ...blocks.map((b) => `| blocks: ${b.type} | ${b.n} |`),
      ...Object.entries(first.skipped)
        .sort((a, b) => b[1]! - a[1]!)
        .map(([reason, n]) => `| skipped: ${reason} | ${n} |`),
      ...Object.entries((first as { flagged?: Record<string, number> }).flagged ?? {}).map(([flag, n]) => `| flagged: ${flag} | ${n} |`),
      `| second import | ${second.inserted} inserted, ${second.updated} updated, ${second.unchanged} unchanged |`,
    ];
    console.log(lines.join('\n'));
    for (const s of skipped) console.log(`skipped ${s.position.file} record ${s.position.record}: ${s.reason}: ${s.detail}`);
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
