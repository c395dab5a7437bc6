import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Reader } from '../db/prepared';
import type { SectionRow } from '../db/types';
import { LIST_COLUMNS, applyFilter, recordOf, visibleArticles, type ArticleRecord, type Fetched } from '../content/articles';
import { buildSearchQuery, parseQuerySyntax, synonymKeys, type AnalysedToken, type BuiltQuery } from './query';
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
  /** The reader's query as given. */
  text: string;
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
 *
 * The weights are a tenth of the usual {0.05, 0.2, 0.4, 1.0}: ts_rank combines the evidence of each
 * occurrence as 1 − Π(1 − w), so with a title weight of 1.0 every article whose title holds the
 * query words scored 0.99–1.0 whatever its body said, and could not be told apart by it. A tenth
 * keeps the rank growing with how often, and how close together, the body uses the query words
 * (an article about Walhi Sumut 0.48, a passing mention 0.32), which is what decides between titles
 * that hold a two-word query equally (bench/eval-search.ts, entity + topic).
 */
const RANK_WEIGHTS = '{0.005, 0.02, 0.04, 0.1}';
const RANK_NORMALISATION = 0;
/** ts_rank with RANK_WEIGHTS times this is the body's share (0–1, then halved) of the score. */
const BODY_RANK_SCALE = 2;
/** Points for a title that begins with the query, words in order and adjacent. */
const TITLE_START_POINTS = 0.3;

/** Word similarity a title must reach in the typo-tolerant fallback (pg_trgm's default is 0.6). */
export const TITLE_SIMILARITY_THRESHOLD = 0.5;

export interface AnalysedQuery {
  /** Each unit's tokens, in the order of the units given. */
  units: AnalysedToken[][];
  /** For each key given that has synonyms (search_synonyms), each synonym's tokens. */
  synonyms: Map<string, AnalysedToken[][]>;
}

/**
 * Tokenises every unit of a query, and every synonym of the given keys, the way the document side
 * does (simple configuration, stop words by surface form, Snowball Indonesian stems), in one statement.
 */
export async function analyseQuery(db: Db, units: readonly string[], synonymKeys: readonly string[] = []): Promise<AnalysedQuery> {
  const analysed: AnalysedQuery = { units: units.map(() => []), synonyms: new Map() };
  if (units.length === 0) return analysed;
  const { rows } = await sql<{ unit: number; key: string | null; position: number; lexeme: string; stem: string; stop: boolean }>`
    with texts as (
      select u.n::int as unit, null::text as key, u.txt from unnest(${sql.val([...units])}::text[]) with ordinality as u(txt, n)
      union all
      select (-row_number() over (order by s.phrase, s.synonym))::int, s.phrase, s.synonym
      from search_synonyms s where s.phrase = any(${sql.val([...synonymKeys])}::text[])
    )
    select x.unit, x.key, p.pos::int as position, t.lexeme,
      coalesce((ts_lexize('pg_catalog.indonesian_stem', t.lexeme))[1], t.lexeme) as stem,
      t.lexeme = any(kabar_search_stop_words()) as stop
    from texts x
    cross join lateral unnest(to_tsvector('pg_catalog.simple', x.txt)) as t
    cross join lateral unnest(t.positions) as p(pos)
    order by 1 desc, 3`.execute(db);
  const bySynonym = new Map<number, { key: string; tokens: AnalysedToken[] }>();
  for (const row of rows) {
    const token = { position: row.position, lexeme: row.lexeme, stem: row.stem, stop: row.stop };
    if (row.key === null) {
      analysed.units[row.unit - 1]!.push(token);
    } else {
      const entry = bySynonym.get(row.unit) ?? { key: row.key, tokens: [] };
      entry.tokens.push(token);
      bySynonym.set(row.unit, entry);
    }
  }
  for (const { key, tokens } of bySynonym.values()) analysed.synonyms.set(key, [...(analysed.synonyms.get(key) ?? []), tokens]);
  return analysed;
}

/** Each unit's tokens (no synonyms): see analyseQuery. */
export async function analyseQueryUnits(db: Db, units: readonly string[]): Promise<AnalysedToken[][]> {
  return (await analyseQuery(db, units)).units;
}

export async function prepareSearch(reader: Reader, query: string): Promise<PreparedSearch> {
  const syntax = parseQuerySyntax(query);
  const analysed = await analyseQuery(
    reader.db,
    syntax.flat().map((unit) => unit.text),
    synonymKeys(syntax),
  );
  const built = buildSearchQuery(syntax, analysed.units, analysed.synonyms);
  return { ...built, text: query, empty: built.tsquery === '' };
}

/** Similarity (pg_trgm) a title word must reach to be suggested for a word that matches nothing. */
export const SUGGESTION_SIMILARITY = 0.4;

/**
 * "Did you mean": for each query word that no visible article contains, the most similar word
 * (pg_trgm) of those ever written in a title (search_title_words, see the search ranking migration)
 * that a visible title holds; a draft's or an embargoed article's words are never suggested.
 */
export async function suggestWords(db: Db, search: PreparedSearch): Promise<Map<string, string>> {
  const words = search.plainWords.filter((w) => /^\p{L}{3,}$/u.test(w));
  if (words.length === 0) return new Map();
  const stem = (word: string) => sql`coalesce((ts_lexize('pg_catalog.indonesian_stem', ${sql.raw(word)}))[1], ${sql.raw(word)})`;
  // Materialised: the nearest words are looked up for the unknown words only (one nearest-neighbour
  // scan of the trigram index each), not for every word of a long query.
  const { rows } = await sql<{ word: string; suggestion: string }>`
    with unknown as materialized (
      select u.w from unnest(${sql.val(words)}::text[]) as u(w)
      where not exists (${visibleArticles(db)
        .select(sql`1`.as('one'))
        .where(sql<boolean>`articles.search_vector @@ kabar_search_tsquery(quote_literal(${stem('u.w')}))`)})
    )
    select distinct on (u.w) u.w as word, c.word as suggestion
    from unknown u
    cross join lateral (
      select s.word, similarity(u.w, s.word) as similarity from search_title_words s
      where s.word <> u.w order by s.word <-> u.w limit 5
    ) as c
    where c.similarity >= ${SUGGESTION_SIMILARITY}
      and exists (${visibleArticles(db)
        .select(sql`1`.as('one'))
        .where(sql<boolean>`articles.search_vector @@ kabar_search_tsquery(quote_literal(${stem('c.word')}))`)
        .where(sql<boolean>`articles.title_vector @@ quote_literal(${stem('c.word')})::tsquery`)})
    order by u.w, c.similarity desc, c.word`.execute(db);
  return new Map(rows.map((r) => [r.word, r.suggestion]));
}

/** The query with each suggested word replaced, or null when there is nothing to replace. */
export function correctedQuery(text: string, suggestions: ReadonlyMap<string, string>): string | null {
  if (suggestions.size === 0) return null;
  const corrected = text.replace(/[\p{L}\p{N}]+/gu, (word) => suggestions.get(word.toLowerCase()) ?? word);
  return corrected === text ? null : corrected;
}

function fullTextMatches(db: Db, search: PreparedSearch, filter: SearchFilter) {
  // kabar_search_tsquery(): see its migration; it keeps common words on the GIN index.
  return applyFilter(visibleArticles(db), db, filter).where(
    sql<boolean>`${sql.ref(`articles.${search.matchColumn}`)} @@ kabar_search_tsquery(${search.tsquery})`,
  );
}

function titleMatches(db: Db, search: PreparedSearch, filter: SearchFilter) {
  const query = applyFilter(visibleArticles(db), db, filter).where(sql<boolean>`${search.plainWords.join(' ')} <% articles.title`);
  return search.exclusions ? query.where(sql<boolean>`not (articles.search_vector @@ ${search.exclusions}::tsquery)`) : query;
}

/**
 * Full text ranks at most this many matches: the newest ones. Ranking reads each match's whole
 * search vector, so a word found in most articles ("pemerintah") would otherwise cost a pass over
 * the archive; a query specific enough to identify an article matches far fewer, and is ranked
 * exactly. totalCount still counts every match.
 */
export const MAX_RANKED_MATCHES = 2000;

/**
 * Matches whose title holds every query term are ranked too, wherever they fall in time (the
 * newest this many): an exact title match from last year is what a reader typing its title means.
 */
export const MAX_RANKED_TITLE_MATCHES = 1000;

// Every tsquery parameter is read through a scalar subquery, (select $n::tsquery): statements are
// prepared per connection (src/db/database.ts) and soon run with a generic plan, where a bare
// $n::tsquery is parsed again for every row; a subquery is an InitPlan, parsed once per execution.
function once(tsquery: string) {
  return sql`(select ${tsquery}::tsquery)`;
}

/**
 * How many of the query's terms, and of its pairs of neighbouring words, the title holds: a
 * lateral subquery (offset 0 keeps the planner from inlining it), so that each is computed once
 * per candidate although the score uses it several times.
 */
function titleFeatures(search: PreparedSearch) {
  const countIn = (queries: string[]) =>
    queries.length === 0
      ? sql`0`
      : sql.join(
          queries.map((q) => sql`(articles.title_vector @@ ${once(q)})::int`),
          sql` + `,
        );
  return sql<{
    terms: number;
    pairs: number;
  }>`(select (${countIn(search.titleTerms)})::float8 as terms, (${countIn(search.titlePairs)})::float8 as pairs offset 0)`.as('f');
}

/**
 * TITLE_START_POINTS when the title holds the whole query as a phrase and begins with its first
 * word: a reader who types a title from memory types its beginning, and the sibling titles that
 * hold the same words further in ("Berikut Ramalan Zodiak Besok Rabu 11 September" for "ramalan
 * zodiak besok rabu 11") are usually other articles. The title vector is a few dozen lexemes, read
 * only for titles that hold the phrase.
 */
function titleStart(search: PreparedSearch) {
  if (search.titlePhrase === '' || search.firstStem === '') return sql`0`;
  return sql`case when articles.title_vector @@ ${once(search.titlePhrase)}
    and exists (select 1 from unnest(articles.title_vector) as u where u.lexeme = ${search.firstStem} and 1 = any(u.positions))
    then ${TITLE_START_POINTS} else 0.0 end`;
}

/**
 * The score of a full-text match, in points (see README, "Search"): the title holding the query's
 * terms, in the query's order and adjacent, outweighs everything the body can add, and the body
 * (ts_rank) outweighs recency, which only breaks ties — except for a one-word query, where it is a
 * real boost (0.1 a year). Recency is measured from a fixed epoch, not from now(), so a score never
 * changes while a reader pages (cursors hold scores). How much of the title the query covers no
 * longer counts (it was 0.5 × terms / title length): it preferred any short title holding two
 * query words over the article those words are about (a six-word title made of a body sentence over
 * "Aktivis Walhi Sumut Meninggal, …" for "sumut walhi"); the body decides that now.
 */
function fullTextScore(search: PreparedSearch) {
  const terms = Math.max(1, search.titleTerms.length);
  const pairs = search.titlePairs.length;
  const recencyPerYear = search.titleTerms.length <= 1 && search.titlePhrase === '' ? 0.1 : 0.001;
  return sql<number>`
    2.0 * f.terms / ${terms}
    + case when f.terms >= ${terms} then 1.0 else 0.0 end
    + ${pairs > 0 ? sql`f.pairs / ${pairs}` : sql`0`}
    + ${search.titlePhrase ? sql`case when articles.title_vector @@ ${once(search.titlePhrase)} then 0.5 else 0.0 end` : sql`0`}
    + ${titleStart(search)}
    + 0.5 * least(1.0, ${BODY_RANK_SCALE} * ts_rank(${RANK_WEIGHTS}::real[], ${sql.ref(`articles.${search.matchColumn}`)}, ${once(search.tsquery)}, ${RANK_NORMALISATION}))
    + ${recencyPerYear} * coalesce(extract(epoch from articles.published_at - timestamptz '2000-01-01 00:00:00+00') / 31557600.0, 0)`;
}

function rankedPage(db: Db, search: PreparedSearch, mode: SearchMode, filter: SearchFilter, limit: number, after: SearchPosition | null) {
  if (mode === 'title') {
    const ranked = titleMatches(db, search, filter).select([
      'articles.id',
      sql<number>`count(*) over ()`.as('total'),
      sql<number>`word_similarity(${search.plainWords.join(' ')}, articles.title)::float8`.as('score'),
    ]);
    let page = db.selectFrom(ranked.as('m')).select(['m.id', 'm.score', 'm.total']);
    if (after) page = page.where(sql<boolean>`(m.score, m.id) < (${after.score}::float8, ${after.id}::int)`);
    return page
      .orderBy('m.score', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit + 1);
  }
  // All matches first, on their own (materialised, so no ORDER BY … LIMIT above can talk the planner
  // into testing articles one by one along an index), each with whether its title holds every term
  // (the title vector is small and in the row the match visits anyway); then only the newest
  // MAX_RANKED_MATCHES, and the newest MAX_RANKED_TITLE_MATCHES title matches, have their (large)
  // vectors read for ranking.
  const titleAll = search.titleTerms.length > 0 ? search.titleTerms.map((t) => `(${t})`).join(' & ') : search.tsquery;
  const ranked = db
    .with(
      (cte) => cte('matches').materialized(),
      () =>
        fullTextMatches(db, search, filter).select([
          'articles.id',
          'articles.published_at',
          sql<boolean>`articles.title_vector @@ ${once(titleAll)}`.as('in_title'),
        ]),
    )
    .with('candidates', (qb) =>
      qb
        .selectFrom((eb) =>
          eb
            .selectFrom('matches')
            .select('matches.id')
            .orderBy('matches.published_at', 'desc')
            .orderBy('matches.id', 'desc')
            .limit(MAX_RANKED_MATCHES)
            .as('newest'),
        )
        .select('newest.id')
        .union((eb) =>
          eb
            .selectFrom((inner) =>
              inner
                .selectFrom('matches')
                .select('matches.id')
                .where('matches.in_title', '=', true)
                .orderBy('matches.published_at', 'desc')
                .orderBy('matches.id', 'desc')
                .limit(MAX_RANKED_TITLE_MATCHES)
                .as('titled'),
            )
            .select('titled.id'),
        ),
    )
    .selectFrom('candidates as c')
    .innerJoin('articles', 'articles.id', 'c.id')
    .crossJoinLateral(titleFeatures(search))
    .select(['c.id', sql<number>`(select count(*) from matches)`.as('total'), fullTextScore(search).as('score')]);
  let page = db.selectFrom(ranked.as('m')).select(['m.id', 'm.score', 'm.total']);
  if (after) page = page.where(sql<boolean>`(m.score, m.id) < (${after.score}::float8, ${after.id}::int)`);
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

/** How many visible articles match, in the given mode ('corrected': the search given is the corrected one). */
export async function countSearchMatches(reader: Reader, search: PreparedSearch, mode: SearchMode, filter: SearchFilter): Promise<number> {
  const { db } = reader;
  if (search.empty || (mode === 'title' && search.plainWords.length === 0)) return 0;
  const count = async (conn: Db) => {
    const matches = mode === 'title' ? titleMatches(conn, search, filter) : fullTextMatches(conn, search, filter);
    const row = await matches.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  };
  return mode === 'title' ? withTitleThreshold(db, count) : count(db);
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
  /** The search that answered: the reader's, or in 'corrected' mode the corrected one. */
  search: PreparedSearch;
  mode: SearchMode;
  /** The corrected query ("did you mean") in 'corrected' mode; null otherwise. */
  correctedQuery: string | null;
}

/**
 * A page of results. Full text first; when it matches nothing at all (a first page, so no cursor),
 * the query with its unknown words replaced by the most similar title words answers, if that
 * matches; else the typo-tolerant title match. Cursors of their pages say which answered.
 */
export async function searchArticles(
  reader: Reader,
  request: { search: PreparedSearch; filter: SearchFilter; limit: number; after: SearchPosition | null },
): Promise<Fetched<SearchResult>> {
  const { db } = reader;
  const { search, filter, limit, after } = request;
  const answer = (mode: SearchMode, { sections, ...page }: SearchPageResult, corrected?: PreparedSearch): Fetched<SearchResult> => ({
    records: { search: corrected ?? search, mode, correctedQuery: corrected?.text ?? null, ...page },
    alongside: { sections },
  });
  if (after?.mode === 'title') return answer('title', await searchPage(db, search, 'title', filter, limit, after));
  if (after?.mode === 'corrected') {
    const corrected = await correctedSearch(reader, search);
    if (corrected) return answer('corrected', await searchPage(db, corrected, 'fulltext', filter, limit, after), corrected);
  }
  const page = await searchPage(db, search, 'fulltext', filter, limit, after);
  if (page.rows.length > 0 || after !== null || search.empty || search.plainWords.length === 0) return answer('fulltext', page);
  const corrected = await correctedSearch(reader, search);
  if (corrected) {
    const correctedPage = await searchPage(db, corrected, 'fulltext', filter, limit, null);
    if (correctedPage.rows.length > 0) return answer('corrected', correctedPage, corrected);
  }
  return answer('title', await searchPage(db, search, 'title', filter, limit, null));
}

async function correctedSearch(reader: Reader, search: PreparedSearch): Promise<PreparedSearch | null> {
  const text = correctedQuery(search.text, await suggestWords(reader.db, search));
  return text === null ? null : prepareSearch(reader, text);
}
