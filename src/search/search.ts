import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Reader } from '../db/prepared';
import type { SectionRow } from '../db/types';
import { LIST_COLUMNS, applyFilter, recordOf, visibleArticles, type ArticleRecord, type Fetched } from '../content/articles';
import { buildSearchQuery, parseQuerySyntax, type AnalysedToken, type BuiltQuery } from './query';
import { EXCERPT_HEADLINE_OPTIONS, TITLE_HEADLINE_OPTIONS } from './highlight';
import type { SearchMode, SearchPosition } from './cursor';

// Full-text search over visible articles (repository functions: SQL only, no GraphQL).
//
// Matching and ranking use the stored articles.search_vector (title A, subtitle/excerpt B, body C;
// see the search migration) and a tsquery assembled from the reader's query. When full text finds
// nothing at all, titles are matched by trigram similarity instead, which forgives typos
// ("presidn jokowi") that stemming cannot.

export interface SearchFilter {
  sectionId?: number;
  publishedAfter?: Date;
  publishedBefore?: Date;
}

export interface PreparedSearch extends BuiltQuery {
  /** True when the query had no word left to search for (only stop words or punctuation). */
  empty: boolean;
}

export interface SearchHitRow {
  article: ArticleRecord;
  score: number;
  /** The title (plain text) with matches between MARK_START and MARK_END (see ./highlight). */
  titleMarked: string;
  /** Passages of the body, with HTML entities still encoded and matches marked. */
  excerptMarked: string;
}

/**
 * ts_rank's weights for D, C, B, A (body is C, subtitle/excerpt B, title A), and no length
 * normalisation: dividing by (the log of) the length favoured articles with near-empty bodies, and
 * measured worse on the known-item evaluation (bench/eval-search.ts: 93.6% → 96.4% at rank 1).
 */
const RANK_WEIGHTS = '{0.05, 0.2, 0.4, 1.0}';
const RANK_NORMALISATION = 0;

/** Word similarity a title must reach in the typo-tolerant fallback (pg_trgm's default is 0.6). */
export const TITLE_SIMILARITY_THRESHOLD = 0.5;

/**
 * Tokenises every unit of a query the way the document side does (simple configuration, stop
 * words by surface form, Snowball Indonesian stems), in one statement.
 */
export async function analyseQueryUnits(db: Db, units: readonly string[]): Promise<AnalysedToken[][]> {
  const result: AnalysedToken[][] = units.map(() => []);
  if (units.length === 0) return result;
  const { rows } = await sql<{ unit: number; position: number; lexeme: string; stem: string; stop: boolean }>`
    select u.n::int as unit, p.pos::int as position, t.lexeme,
      coalesce((ts_lexize('pg_catalog.indonesian_stem', t.lexeme))[1], t.lexeme) as stem,
      t.lexeme = any(kabar_search_stop_words()) as stop
    from unnest(${sql.val([...units])}::text[]) with ordinality as u(txt, n)
    cross join lateral unnest(to_tsvector('pg_catalog.simple', u.txt)) as t
    cross join lateral unnest(t.positions) as p(pos)
    order by 1, 2`.execute(db);
  for (const row of rows) result[row.unit - 1]!.push({ position: row.position, lexeme: row.lexeme, stem: row.stem, stop: row.stop });
  return result;
}

export async function prepareSearch(reader: Reader, query: string): Promise<PreparedSearch> {
  const syntax = parseQuerySyntax(query);
  const tokens = await analyseQueryUnits(
    reader.db,
    syntax.flat().map((unit) => unit.text),
  );
  const built = buildSearchQuery(syntax, tokens);
  return { ...built, empty: built.tsquery === '' };
}

function fullTextMatches(db: Db, search: PreparedSearch, filter: SearchFilter) {
  // kabar_search_tsquery(): see its migration; it keeps common words on the GIN index.
  return applyFilter(visibleArticles(db), db, filter).where(sql<boolean>`articles.search_vector @@ kabar_search_tsquery(${search.tsquery})`);
}

function titleMatches(db: Db, search: PreparedSearch, filter: SearchFilter) {
  const query = applyFilter(visibleArticles(db), db, filter).where(sql<boolean>`${search.plainWords.join(' ')} <% articles.title`);
  return search.exclusions ? query.where(sql<boolean>`not (articles.search_vector @@ ${search.exclusions}::tsquery)`) : query;
}

/**
 * Full text ranks at most this many matches: the newest ones. Ranking reads each match's whole
 * search vector, so a word found in most articles ("pemerintah") would otherwise cost a pass over
 * the archive; a query that specific enough to identify an article matches far fewer, and is
 * ranked exactly. totalCount still counts every match.
 */
export const MAX_RANKED_MATCHES = 5000;

function rankedPage(db: Db, search: PreparedSearch, mode: SearchMode, filter: SearchFilter, limit: number, after: SearchPosition | null) {
  if (mode === 'title') {
    const ranked = titleMatches(db, search, filter).select([
      'articles.id',
      sql<number>`count(*) over ()`.as('total'),
      sql<number>`word_similarity(${search.plainWords.join(' ')}, articles.title)`.as('score'),
    ]);
    let page = db.selectFrom(ranked.as('m')).select(['m.id', 'm.score', 'm.total']);
    if (after) page = page.where(sql<boolean>`(m.score, m.id) < (${after.score}::real, ${after.id}::int)`);
    return page
      .orderBy('m.score', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit + 1);
  }
  // All matches first, on their own (materialised, so no ORDER BY … LIMIT above can talk the planner
  // into testing articles one by one along an index); count(*) over () counts every one of them;
  // then only the newest MAX_RANKED_MATCHES have their (large) vectors read for ranking.
  const ranked = db
    .with(
      (cte) => cte('matches').materialized(),
      () => fullTextMatches(db, search, filter).select(['articles.id', 'articles.published_at']),
    )
    .selectFrom((eb) =>
      eb
        .selectFrom('matches')
        .select(['matches.id', sql<number>`count(*) over ()`.as('total')])
        .orderBy('matches.published_at', 'desc')
        .orderBy('matches.id', 'desc')
        .limit(MAX_RANKED_MATCHES)
        .as('c'),
    )
    .innerJoin('articles', 'articles.id', 'c.id')
    .select([
      'c.id',
      'c.total',
      sql<number>`ts_rank(${RANK_WEIGHTS}::real[], articles.search_vector, ${search.tsquery}::tsquery, ${RANK_NORMALISATION})`.as('score'),
    ]);
  let page = db.selectFrom(ranked.as('m')).select(['m.id', 'm.score', 'm.total']);
  if (after) page = page.where(sql<boolean>`(m.score, m.id) < (${after.score}::real, ${after.id}::int)`);
  return page
    .orderBy('m.score', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit + 1);
}

export interface SearchPageResult {
  /** Up to limit + 1 hits (so the caller knows whether more exist), best first. */
  rows: SearchHitRow[];
  /** Every match in this mode, counted along the way; null when the page was empty. */
  total: number | null;
  /** The sections of the hits' articles, read along (for the section loader). */
  sections: SectionRow[];
}

export async function searchPage(
  db: Db,
  search: PreparedSearch,
  mode: SearchMode,
  filter: SearchFilter,
  limit: number,
  after: SearchPosition | null,
): Promise<SearchPageResult> {
  if (search.empty || (mode === 'title' && search.plainWords.length === 0)) return { rows: [], total: 0, sections: [] };
  const run = async (conn: Db): Promise<SearchPageResult> => {
    const rows = await conn
      .selectFrom(rankedPage(conn, search, mode, filter, limit, after).as('page'))
      .innerJoin('articles', 'articles.id', 'page.id')
      .select(LIST_COLUMNS)
      .select([
        'page.score',
        'page.total',
        // The marker characters are removed from the text first so that only ts_headline's count.
        sql<string>`ts_headline('pg_catalog.indonesian', translate(articles.title, chr(57344) || chr(57345), ''),
          ${search.highlight}::tsquery, ${TITLE_HEADLINE_OPTIONS})`.as('title_marked'),
        // The body with its tags stripped but its entities kept: "&lt;b&gt;" written in an article
        // must stay text, so entities are decoded only after ts_headline, then everything is escaped.
        sql<string>`ts_headline('pg_catalog.indonesian',
          translate(regexp_replace(articles.body_html, '<[^>]*>', ' ', 'g'), chr(57344) || chr(57345), ''),
          ${search.highlight}::tsquery, ${EXCERPT_HEADLINE_OPTIONS})`.as('excerpt_marked'),
      ])
      .orderBy('page.score', 'desc')
      .orderBy('page.id', 'desc')
      .execute();
    const sections = new Map<number, SectionRow>();
    return {
      total: rows.length > 0 ? Number(rows[0]!.total) : null,
      rows: rows.map((row) => {
        sections.set(row.section.id, row.section);
        return {
          article: recordOf(row as ArticleRecord),
          score: Number(row.score),
          titleMarked: row.title_marked,
          excerptMarked: row.excerpt_marked,
        };
      }),
      sections: [...sections.values()],
    };
  };
  return mode === 'fulltext' ? run(db) : withTitleThreshold(db, run);
}

/** How many visible articles match, in the given mode. */
export async function countSearchMatches(reader: Reader, search: PreparedSearch, mode: SearchMode, filter: SearchFilter): Promise<number> {
  const { db } = reader;
  if (search.empty || (mode === 'title' && search.plainWords.length === 0)) return 0;
  const count = async (conn: Db) => {
    const matches = mode === 'fulltext' ? fullTextMatches(conn, search, filter) : titleMatches(conn, search, filter);
    const row = await matches.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  };
  return mode === 'fulltext' ? count(db) : withTitleThreshold(db, count);
}

// The `<%` operator (which the trigram index serves) reads its threshold from a setting; it is set
// for this transaction only, so pooled connections keep the server default.
function withTitleThreshold<T>(db: Db, fn: (conn: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.word_similarity_threshold', ${String(TITLE_SIMILARITY_THRESHOLD)}, true)`.execute(trx);
    return fn(trx);
  });
}

export interface SearchResult extends Omit<SearchPageResult, 'sections'> {
  search: PreparedSearch;
  mode: SearchMode;
}

/**
 * A page of results. Full text first; when it matches nothing at all (a first page, so no cursor)
 * the typo-tolerant title match answers instead, and cursors of its pages say so.
 */
export async function searchArticles(
  reader: Reader,
  request: { search: PreparedSearch; filter: SearchFilter; limit: number; after: SearchPosition | null },
): Promise<Fetched<SearchResult>> {
  const { db } = reader;
  const { search, filter, limit, after } = request;
  const answer = (mode: SearchMode, { sections, ...page }: SearchPageResult): Fetched<SearchResult> => ({
    records: { search, mode, ...page },
    alongside: { sections },
  });
  if (after?.mode === 'title') return answer('title', await searchPage(db, search, 'title', filter, limit, after));
  const page = await searchPage(db, search, 'fulltext', filter, limit, after);
  if (page.rows.length > 0 || after !== null || search.empty) return answer('fulltext', page);
  return answer('title', await searchPage(db, search, 'title', filter, limit, null));
}
