import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { importFiles } from '../src/import/importer';
import { prepareSearch, searchArticles } from '../src/search/search';
import { directReader } from '../src/db/prepared';
import type { Db } from '../src/db/database';
import { openScratchDatabase } from './scratch-db';
import { addFiller } from './lib/search-eval-filler';
import { QUERY_STYLES, STYLE_LABELS, queryFor, splitOf, titleFrequencies, type KnownItem, type QueryStyle } from './lib/search-eval-queries';

// Known-item search quality on the shared corpus of real articles (npm run eval:search).
//
// Imports ../shared/corpus/*.csv into a scratch database. For each size, the publication is either a
// subset of the corpus (sizes below it) or the whole corpus plus generated filler made of the
// corpus's own sentences (bench/lib/search-eval-filler.ts), so known items compete with many
// similar articles. Then, for every visible corpus article and every query style
// (bench/lib/search-eval-queries.ts), it searches as a reader would and records the article's
// rank in the first 10 hits: top-1, top-3 and MRR@10 per style.
//
// The corpus is split in two halves by a hash of each article's URL: ranking was tuned looking at
// the "tune" half only; the "holdout" half is the honest figure (--split both shows the two).
//
//   npm run eval:search [-- --sizes 1000,20000,100000 --styles first,rarest --sample 400
//                          --split holdout|tune|both --show-failures 5 --misses --corpus ../shared/corpus
//                          --keep NAME]
//   --misses: every query whose article is not first, with its rank and the first hit's title
//   --keep NAME: build into database kabar_search_eval_NAME and keep it; a later run with the same
//   NAME reuses it (migrated, corpus not imported again, filler grown or cut to the size), so
//   100,000 articles are built once, not per run
//   (uses a scratch database on DATABASE_URL's server, or an embedded PostgreSQL when it is unset)

interface StyleResult {
  size: number;
  style: QueryStyle;
  split: KnownItem['split'];
  queries: number;
  top1: number;
  top3: number;
  reciprocalRanks: number;
  latencies: number[];
  failures: { query: string; title: string; rank: number | null; first: string | null }[];
}

async function loadKnownItems(db: Db): Promise<(KnownItem & { url: string })[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'canonical_url', sql<string>`kabar_html_to_text(body_html)`.as('body_text')])
    .where('source', 'is distinct from', 'filler')
    .where('canonical_url', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, bodyText: r.body_text, url: r.canonical_url!, split: splitOf(r.canonical_url!) }));
}

/** Shows exactly `size` articles: a subset of the corpus when smaller, the corpus plus filler when larger. */
async function resize(db: Db, items: { id: number; url: string }[], size: number): Promise<number[]> {
  const order = [...items].sort((a, b) => (a.url < b.url ? -1 : 1));
  const shown = order.slice(0, Math.min(size, order.length)).map((i) => i.id);
  await db.updateTable('articles').set({ status: 'archived' }).where('source', 'is distinct from', 'filler').execute();
  await db
    .updateTable('articles')
    .set({ status: 'published' })
    .where('id', '=', sql<number>`any(${sql.val(shown)}::int[])`)
    .execute();
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from articles where source = 'filler'`.execute(db);
  const wanted = Math.max(0, size - shown.length);
  // A kept database (--keep) may hold more filler than this size needs: the later-numbered go.
  if (rows[0]!.n > wanted) await sql`delete from articles where source = 'filler' and substr(slug, 8)::int >= ${wanted}`.execute(db);
  else await addFiller(db, rows[0]!.n, wanted - rows[0]!.n);
  await sql`vacuum analyze articles`.execute(db);
  return shown;
}

async function evaluate(
  db: Db,
  size: number,
  style: QueryStyle,
  split: KnownItem['split'],
  items: KnownItem[],
  df: Map<string, number>,
  sample: number,
) {
  const result: StyleResult = { size, style, split, queries: 0, top1: 0, top3: 0, reciprocalRanks: 0, latencies: [], failures: [] };
  const reader = directReader(db);
  for (const item of items) {
    if (sample > 0 && result.queries >= sample) break;
    const query = queryFor(item, style, df);
    if (query === null) continue;
    result.queries += 1;
    const started = performance.now();
    const search = await prepareSearch(reader, query);
    const { records } = await searchArticles(reader, { search, filter: {}, limit: 10, after: null });
    result.latencies.push(performance.now() - started);
    const index = records.rows.slice(0, 10).findIndex((row) => row.article.id === item.id);
    if (index === 0) result.top1 += 1;
    if (index >= 0 && index < 3) result.top3 += 1;
    if (index >= 0) result.reciprocalRanks += 1 / (index + 1);
    if (index !== 0)
      result.failures.push({ query, title: item.title, rank: index >= 0 ? index + 1 : null, first: records.rows[0]?.article.title ?? null });
  }
  return result;
}

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      sizes: { type: 'string', default: '1000,20000' },
      styles: { type: 'string', default: QUERY_STYLES.join(',') },
      split: { type: 'string', default: 'holdout' },
      sample: { type: 'string', default: '0' },
      'show-failures': { type: 'string', default: '0' },
      misses: { type: 'boolean', default: false },
      keep: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const corpus = path.resolve(values.corpus ?? path.join(__dirname, '..', '..', 'shared', 'corpus'));
  const files = fs.existsSync(corpus)
    ? fs
        .readdirSync(corpus)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((f) => path.join(corpus, f))
    : [];
  if (files.length === 0) {
    console.error(`eval:search: no corpus CSV files in ${corpus}; pass --corpus <folder>`);
    process.exitCode = 2;
    return;
  }
  const sizes = values.sizes.split(',').map(Number);
  const styles = values.styles.split(',') as QueryStyle[];
  for (const style of styles) if (!QUERY_STYLES.includes(style)) throw new Error(`unknown style "${style}"; known: ${QUERY_STYLES.join(', ')}`);
  if (sizes.some((s) => !Number.isInteger(s) || s < 100) || [...sizes].sort((a, b) => a - b).join() !== sizes.join()) {
    throw new Error('--sizes must be ascending integers of at least 100');
  }
  const splits: KnownItem['split'][] = values.split === 'both' ? ['tune', 'holdout'] : [values.split as KnownItem['split']];
  const showFailures = values.misses ? Infinity : Number(values['show-failures']);
  const sample = Number(values.sample);
  const scratch = await openScratchDatabase('kabar_search_eval', { keep: values.keep });
  const results: StyleResult[] = [];
  try {
    const { rows: present } = await sql<{ n: number }>`select count(*)::int as n from articles where source is distinct from 'filler'`.execute(
      scratch.db,
    );
    if (values.keep !== undefined && present[0]!.n > 0) {
      console.log(`reusing kept database kabar_search_eval_${values.keep} (${present[0]!.n} corpus articles)`);
    } else {
      const summary = await importFiles(scratch.db, files);
      console.log(`imported ${summary.inserted} of ${summary.records} records from ${files.map((f) => path.basename(f)).join(', ')}`);
    }
    const known = await loadKnownItems(scratch.db);
    for (const size of sizes) {
      const started = Date.now();
      const shown = new Set(await resize(scratch.db, known, size));
      const { rows: titles } = await sql<{ title: string }>`select title from articles where status = 'published'`.execute(scratch.db);
      const df = titleFrequencies(titles.map((t) => t.title));
      console.log(`\n${size} articles (${shown.size} from the corpus), ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      for (const style of styles) {
        for (const split of splits) {
          const items = known.filter((k) => shown.has(k.id) && k.split === split);
          const r = await evaluate(scratch.db, size, style, split, items, df, sample);
          results.push(r);
          const sorted = [...r.latencies].sort((a, b) => a - b);
          console.log(
            `  ${STYLE_LABELS[style].padEnd(20)} ${split.padEnd(8)} n=${String(r.queries).padStart(4)}  top-1 ${pct(r.top1, r.queries).padStart(6)}  top-3 ${pct(r.top3, r.queries).padStart(6)}  MRR ${(r.reciprocalRanks / Math.max(1, r.queries)).toFixed(3)}  p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms`,
          );
          for (const f of r.failures.slice(0, showFailures)) {
            console.log(`      rank ${f.rank ?? '>10'}: "${f.query}"  ←  ${f.title}${f.first ? `   (first: ${f.first})` : ''}`);
          }
        }
      }
    }
    if (values.json) {
      const rows = results.map(({ latencies, failures, ...r }) => ({
        ...r,
        mrr: r.reciprocalRanks / Math.max(1, r.queries),
        p50: percentile(
          [...latencies].sort((a, b) => a - b),
          50,
        ),
        p99: percentile(
          [...latencies].sort((a, b) => a - b),
          99,
        ),
        failures: failures.length,
      }));
      fs.writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);
    }
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
