import { Kysely, sql } from 'kysely';
import { STOP_WORDS as FIRST_STOP_WORDS } from './2026-11-25T16-00-00_search';

// Search ranking (issue 16): a reviewed stop-word list, a title-only vector for ranking, and a
// synonym table for the abbreviations of Indonesian news.
//
// Stop words. The first list (the search migration) removed auxiliaries, negations and adverbs
// that decide which article a reader means: "Tersangka Masih Buron" is not "Tersangka Buron", nor
// "Tidak Lolos" "Lolos"; "Lagi", "Sudah", "Sebelum" recur in titles as the word that tells two
// stories apart. NOW_SEARCHABLE below lists what leaves the list, and why.
//
// Title vector. Every word of the title, stop words included, stemmed like the document side and
// small enough to be stored inline in the row. Ranking reads it to tell whether the title holds
// every query word, in the query's order and adjacent; a query made only of stop words ("siapa
// dia") is matched against it rather than dropped. It is read in the same heap visit that checks
// an article's visibility, so a title match is found among all matches at no extra index cost.
//
// Title words. search_title_words holds every word ever written in a title (three letters or more),
// with a trigram index, kept by triggers: "did you mean" looks for the words nearest a misspelt one
// there (milliseconds) rather than in 100,000 titles (hundreds of milliseconds). It includes words
// of drafts and embargoed articles; a suggestion is only made when a visible title holds it.
//
// Synonyms. search_synonyms maps a lower-case word or phrase to another that means the same
// (pemprov → pemerintah provinsi); both directions are rows. Queries are expanded with it
// (src/search/search.ts); documents are not, so a new row takes effect at once, without reindexing.

/**
 * Words of the first list that are searchable from now on, by why a reader's query needs them.
 * What remains of that list (conjunctions, prepositions, determiners, pronouns, copulas, particles,
 * question words) carries no meaning for a news title.
 */
const NOW_SEARCHABLE = [
  // time and sequence: "Sebelum Meninggal", "Setelah Dilantik", "Sejak 2019"
  ...['sementara', 'setelah', 'sesudah', 'sebelum', 'sejak', 'hingga', 'selama', 'lalu', 'kemudian'],
  // "Antara" is also the national news agency; "Selain" opens many a follow-up title
  ...['antara', 'selain'],
  // quantities: "Semua Korban Selamat" is not "Korban Selamat"
  ...['sejumlah', 'beberapa', 'semua', 'semuanya', 'seluruh', 'setiap', 'tiap', 'masing', 'segala', 'sesuatu', 'lainnya', 'berbagai'],
  // aspect, modality and negation: "Masih Buron", "Sudah Ditahan", "Tidak Lolos", "Bisa Dipidana"
  ...['ada', 'adanya', 'sudah', 'telah', 'sedang', 'masih', 'belum', 'pernah', 'harus', 'mesti', 'bisa', 'dapat', 'boleh', 'mau', 'hendak'],
  ...['tidak', 'tak', 'bukan', 'jangan', 'tiada', 'gak', 'nggak', 'enggak'],
  // degree and repetition: "Juara Lagi", "Hanya Sehari", "Paling Dicari"
  ...['lagi', 'saja', 'hanya', 'cuma', 'sangat', 'amat', 'sekali', 'paling', 'lebih', 'agak', 'terlalu'],
];

const STOP_WORDS = FIRST_STOP_WORDS.filter((word) => !NOW_SEARCHABLE.includes(word));

/** Abbreviations and short forms of Indonesian news, each with its long form. */
const SYNONYMS: [string, string][] = [
  ['pemprov', 'pemerintah provinsi'],
  ['pemkot', 'pemerintah kota'],
  ['pemkab', 'pemerintah kabupaten'],
  ['pemda', 'pemerintah daerah'],
  ['pilkada', 'pemilihan kepala daerah'],
  ['pilpres', 'pemilihan presiden'],
  ['pileg', 'pemilihan legislatif'],
  ['pemilu', 'pemilihan umum'],
  ['capres', 'calon presiden'],
  ['cawapres', 'calon wakil presiden'],
  ['cagub', 'calon gubernur'],
  ['wagub', 'wakil gubernur'],
  ['dki', 'jakarta'],
  ['kpk', 'komisi pemberantasan korupsi'],
  ['dpr', 'dewan perwakilan rakyat'],
  ['dprd', 'dewan perwakilan rakyat daerah'],
  ['mpr', 'majelis permusyawaratan rakyat'],
  ['kpu', 'komisi pemilihan umum'],
  ['bawaslu', 'badan pengawas pemilu'],
  ['polri', 'kepolisian'],
  ['polda', 'kepolisian daerah'],
  ['ma', 'mahkamah agung'],
  ['mk', 'mahkamah konstitusi'],
  ['bmkg', 'badan meteorologi klimatologi dan geofisika'],
  ['bnpb', 'badan nasional penanggulangan bencana'],
  ['bpjs', 'badan penyelenggara jaminan sosial'],
  ['bumn', 'badan usaha milik negara'],
  ['ojol', 'ojek online'],
  ['menpora', 'menteri pemuda dan olahraga'],
  ['kemenkes', 'kementerian kesehatan'],
  ['sumut', 'sumatera utara'],
  ['sumbar', 'sumatera barat'],
  ['jabar', 'jawa barat'],
  ['jateng', 'jawa tengah'],
  ['jatim', 'jawa timur'],
  ['sulsel', 'sulawesi selatan'],
  ['kaltim', 'kalimantan timur'],
  ['ntt', 'nusa tenggara timur'],
  ['ntb', 'nusa tenggara barat'],
  ['karhutla', 'kebakaran hutan dan lahan'],
  ['rkuhp', 'rancangan kitab undang-undang hukum pidana'],
  ['ruu', 'rancangan undang-undang'],
];

async function replaceStopWords(db: Kysely<any>, list: readonly string[]): Promise<void> {
  const words = [...new Set(list)].sort();
  for (const word of words) if (!/^[a-z]+$/.test(word)) throw new Error(`stop word "${word}" is not a lower-case ASCII word`);
  await sql`
    create or replace function kabar_search_stop_words() returns text[]
    language sql immutable parallel safe
    as $fn$ select ${sql.lit(`{${words.join(',')}}`)}::text[] $fn$`.execute(db);
}

/**
 * The stored vector depends on the stop-word list: dropping and adding the column recomputes it for
 * every article (an UPDATE would do the same but fire the articles' triggers). One ALTER rewrites
 * the table once, whatever else it adds.
 */
async function recomputeSearchVector(db: Kysely<any>, alsoAdd?: ReturnType<typeof sql>): Promise<void> {
  // Minutes on a large archive, beyond the request timeout that the migrating connection may carry
  // (DB_STATEMENT_TIMEOUT_MS); `local`: for this migration's transaction only.
  await sql`set local statement_timeout = 0`.execute(db);
  await sql`alter table articles drop column search_vector`.execute(db);
  await sql`
    alter table articles add column search_vector tsvector
    generated always as (kabar_article_search_vector(title, subtitle, excerpt, body_html)) stored
    ${alsoAdd ? sql`, ${alsoAdd}` : sql``}`.execute(db);
  await sql`
    create index articles_search_idx on articles using gin (search_vector)
    where status in ('published', 'scheduled')`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await replaceStopWords(db, STOP_WORDS);

  // Every word, stemmed as kabar_search_document() stems, no stop word removed.
  await sql`
    create or replace function kabar_search_title_document(doc text) returns tsvector
    language sql immutable parallel safe
    as $fn$
      select coalesce(string_agg(
        '''' || replace(replace(coalesce((ts_lexize('pg_catalog.indonesian_stem', t.lexeme))[1], t.lexeme), '\\', '\\\\'), '''', '''''')
          || ''':' || array_to_string(t.positions, ','),
        ' '), '')::tsvector
      from unnest(to_tsvector('pg_catalog.simple', coalesce(doc, ''))) t
    $fn$`.execute(db);

  await recomputeSearchVector(db, sql`add column title_vector tsvector generated always as (kabar_search_title_document(title)) stored`);

  await sql`create table search_title_words (word text primary key)`.execute(db);
  await sql`create index search_title_words_trgm_idx on search_title_words using gist (word gist_trgm_ops)`.execute(db);
  await sql`
    create or replace function kabar_title_words(title text) returns setof text
    language sql immutable parallel safe
    as $fn$ select t.lexeme from unnest(to_tsvector('pg_catalog.simple', coalesce(title, ''))) t where t.lexeme ~ '^[[:alpha:]]{3,}$' $fn$`.execute(
    db,
  );
  await sql`
    create or replace function kabar_remember_title_words() returns trigger language plpgsql as $fn$
    begin
      insert into search_title_words (word)
      select distinct w from new_rows, kabar_title_words(new_rows.title) as w
      on conflict do nothing;
      return null;
    end $fn$`.execute(db);
  // Jobs update many articles at once (related_computed_at, scheduling); only changed titles count.
  await sql`
    create or replace function kabar_remember_changed_title_words() returns trigger language plpgsql as $fn$
    begin
      insert into search_title_words (word)
      select distinct w from new_rows join old_rows on old_rows.id = new_rows.id, kabar_title_words(new_rows.title) as w
      where new_rows.title is distinct from old_rows.title
      on conflict do nothing;
      return null;
    end $fn$`.execute(db);
  // Per statement (an import batch is one), with transition tables (which column lists do not allow).
  await sql`create trigger articles_title_words_insert after insert on articles
    referencing new table as new_rows for each statement execute function kabar_remember_title_words()`.execute(db);
  await sql`create trigger articles_title_words_update after update on articles
    referencing new table as new_rows old table as old_rows for each statement execute function kabar_remember_changed_title_words()`.execute(db);
  await sql`insert into search_title_words (word) select distinct w from articles, kabar_title_words(articles.title) as w`.execute(db);

  await sql`
    create table search_synonyms (
      phrase text not null check (phrase = lower(phrase) and phrase <> ''),
      synonym text not null check (synonym = lower(synonym) and synonym <> ''),
      primary key (phrase, synonym)
    )`.execute(db);
  const rows = SYNONYMS.flatMap(([short, long]) => [
    { phrase: short, synonym: long },
    { phrase: long, synonym: short },
  ]);
  await db.insertInto('search_synonyms').values(rows).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists search_synonyms`.execute(db);
  await sql`drop trigger if exists articles_title_words_update on articles`.execute(db);
  await sql`drop trigger if exists articles_title_words_insert on articles`.execute(db);
  await sql`drop function if exists kabar_remember_changed_title_words()`.execute(db);
  await sql`drop function if exists kabar_remember_title_words()`.execute(db);
  await sql`drop function if exists kabar_title_words(text)`.execute(db);
  await sql`drop table if exists search_title_words`.execute(db);
  await sql`alter table articles drop column if exists title_vector`.execute(db);
  await sql`drop function if exists kabar_search_title_document(text)`.execute(db);
  await replaceStopWords(db, FIRST_STOP_WORDS);
  await recomputeSearchVector(db);
}
