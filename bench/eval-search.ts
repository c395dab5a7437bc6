import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { importFiles } from '../src/import/importer';
import { analyseQueryUnits, prepareSearch, searchArticles } from '../src/search/search';
import { directReader } from '../src/db/prepared';
import type { Db } from '../src/db/database';
import { openScratchDatabase } from './scratch-db';

// Known-item search quality on the shared corpus of real articles (npm run eval:search).
//
// Imports ../shared/corpus/*.csv into a fresh database, then, for every imported article, searches
// for 3–5 words of its own title and records where the article comes back. Which words: the title's
// words minus stop words (and minus anything that is only punctuation); of those, the most
// distinctive ones, i.e. those occurring in the fewest articles of the corpus, k = half of them
// rounded up, at least 3 and at most 5 (all of them when a title has 3 or fewer), in title order.
// As a second, harder reading it also reports the same number of words taken from the start of the
// title instead. The ranking code knows nothing of this script; nothing here is tuned per article.
//
//   npm run eval:search [-- --corpus ../shared/corpus --show-failures 10]
//   (uses a scratch database on DATABASE_URL's server, or an embedded PostgreSQL when it is unset)

interface Candidate {
  id: number;
  title: string;
  words: { text: string; df: number; index: number }[];
}

interface Outcome {
  found1: number;
  found3: number;
  fallback: number;
  failures: { title: string; query: string; rank: number | null }[];
  latencies: number[];
}

function titleWords(title: string): string[] {
  return title
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w) && !/^or$/i.test(w));
}

async function candidates(db: Db): Promise<Candidate[]> {
  const articles = await db.selectFrom('articles').select(['id', 'title']).where('status', 'in', ['published', 'scheduled']).orderBy('id').execute();
  const { rows: stats } = await sql<{ word: string; ndoc: number }>`
    select word, ndoc from ts_stat('select search_vector from articles where status in (''published'', ''scheduled'')')`.execute(db);
  const df = new Map(stats.map((s) => [s.word, Number(s.ndoc)]));
  const perArticle = articles.map((a) => ({ ...a, raw: [...new Map(titleWords(a.title).map((w) => [w.toLowerCase(), w])).values()] }));
  const units = perArticle.flatMap((a) => a.raw);
  const analysed: Awaited<ReturnType<typeof analyseQueryUnits>> = [];
  for (let i = 0; i < units.length; i += 2000) analysed.push(...(await analyseQueryUnits(db, units.slice(i, i + 2000))));
  let u = 0;
  return perArticle.map((a) => {
    const words: Candidate['words'] = [];
    a.raw.forEach((text, index) => {
      const tokens = analysed[u++]!;
      const kept = tokens.filter((t) => !t.stop);
      if (kept.length === 0) return; // a stop word
      words.push({ text, index, df: Math.min(...kept.map((t) => df.get(t.stem) ?? 0)) });
    });
    return { id: a.id, title: a.title, words };
  });
}

function pick(words: Candidate['words'], mode: 'distinctive' | 'leading'): string {
  const k = words.length <= 3 ? words.length : Math.min(5, Math.max(3, Math.ceil(words.length / 2)));
  const chosen = mode === 'leading' ? words.slice(0, k) : [...words].sort((a, b) => a.df - b.df || a.index - b.index).slice(0, k);
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((w) => w.text)
    .join(' ');
}

async function evaluate(db: Db, items: Candidate[], mode: 'distinctive' | 'leading'): Promise<Outcome> {
  const outcome: Outcome = { found1: 0, found3: 0, fallback: 0, failures: [], latencies: [] };
  for (const item of items) {
    const query = pick(item.words, mode);
    const started = performance.now();
    const search = await prepareSearch(directReader(db), query);
    const { records: result } = await searchArticles(directReader(db), { search, filter: {}, limit: 3, after: null });
    outcome.latencies.push(performance.now() - started);
    if (result.mode === 'title') outcome.fallback += 1;
    const index = result.rows.slice(0, 3).findIndex((row) => row.article.id === item.id);
    if (index === 0) outcome.found1 += 1;
    if (index >= 0) outcome.found3 += 1;
    else outcome.failures.push({ title: item.title, query, rank: null });
  }
  return outcome;
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, 'show-failures': { type: 'string', default: '10' } },
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
  const scratch = await openScratchDatabase('kabar_eval');
  try {
    const summary = await importFiles(scratch.db, files);
    console.log(
      `imported ${summary.inserted} of ${summary.records} records from ${files.map((f) => path.basename(f)).join(', ')} ` +
        `(skipped ${summary.skippedTotal}: ${JSON.stringify(summary.skipped)}) in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    );
    await sql`analyze articles`.execute(scratch.db);
    const items = (await candidates(scratch.db)).filter((c) => c.words.length > 0);
    const showFailures = Number(values['show-failures']);
    for (const mode of ['distinctive', 'leading'] as const) {
      const result = await evaluate(scratch.db, items, mode);
      const sorted = [...result.latencies].sort((a, b) => a - b);
      console.log(`\n${mode === 'distinctive' ? 'Distinctive title words (the target)' : 'Leading title words (harder)'}: ${items.length} articles`);
      console.log(`  found at rank 1   ${percent(result.found1, items.length)} (${result.found1})`);
      console.log(`  found in top 3    ${percent(result.found3, items.length)} (${result.found3})`);
      console.log(`  answered by the typo-tolerant title fallback: ${result.fallback}`);
      console.log(
        `  latency per query p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, p99 ${sorted[Math.floor(sorted.length * 0.99)]!.toFixed(1)} ms`,
      );
      for (const failure of result.failures.slice(0, showFailures)) console.log(`    not in top 3: "${failure.query}"  ←  ${failure.title}`);
    }
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
