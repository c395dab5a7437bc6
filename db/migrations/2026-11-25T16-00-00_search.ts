import { Kysely, sql } from 'kysely';

// Indonesian full-text search.
//
// PostgreSQL's `indonesian` configuration stems (meresmikan → resmi) but ships no stop-word list, and
// a server's tsearch_data folder is not ours to write. So the list lives here, baked into one
// immutable function, and stop words are removed by their surface form *before* stemming, on the
// document side (the generated column below) and on the query side (src/search/query.ts tokenises
// queries in PostgreSQL with the same rule). Removing by surface form keeps content words that
// merely stem like a stop word (disebut → sebut, like tersebut), and keeping the positions of the
// remaining words keeps phrase distances right, as PostgreSQL's own stop words do.
//
// A later change to the list is a new migration that replaces kabar_search_stop_words() and then
// recomputes the column (`update articles set title = title`).

/**
 * Closed-class words only (conjunctions, prepositions, pronouns, determiners, auxiliaries, particles,
 * question words). Content words that news readers do search for (tahun, baru, tengah, kata) stay
 * out even though general-purpose lists include them.
 */
export const STOP_WORDS = [
  // conjunctions
  'dan',
  'serta',
  'atau',
  'tetapi',
  'tapi',
  'namun',
  'melainkan',
  'sedangkan',
  'padahal',
  'sehingga',
  'maka',
  'karena',
  'karna',
  'sebab',
  'jika',
  'jikalau',
  'kalau',
  'bila',
  'apabila',
  'asalkan',
  'agar',
  'supaya',
  'meski',
  'meskipun',
  'walau',
  'walaupun',
  'biarpun',
  'ketika',
  'sewaktu',
  'tatkala',
  'selagi',
  'sementara',
  'sambil',
  'seraya',
  'setelah',
  'sesudah',
  'sebelum',
  'sejak',
  'hingga',
  'selama',
  'bahwa',
  'yaitu',
  'yakni',
  'seolah',
  'seakan',
  'lalu',
  'kemudian',
  'adapun',
  // prepositions
  'di',
  'ke',
  'dari',
  'pada',
  'kepada',
  'daripada',
  'dalam',
  'untuk',
  'bagi',
  'dengan',
  'oleh',
  'tentang',
  'mengenai',
  'terhadap',
  'akan',
  'antara',
  'atas',
  'per',
  'menurut',
  'melalui',
  'demi',
  'seperti',
  'sebagai',
  'selain',
  'secara',
  // determiners, demonstratives, quantifiers
  'yang',
  'ini',
  'itu',
  'tersebut',
  'begitu',
  'begini',
  'demikian',
  'sini',
  'situ',
  'sana',
  'para',
  'sang',
  'si',
  'sebuah',
  'suatu',
  'seorang',
  'sejumlah',
  'beberapa',
  'semua',
  'semuanya',
  'seluruh',
  'setiap',
  'tiap',
  'masing',
  'segala',
  'sesuatu',
  'lainnya',
  'berbagai',
  // pronouns
  'aku',
  'saya',
  'kami',
  'kita',
  'engkau',
  'kamu',
  'anda',
  'dia',
  'ia',
  'beliau',
  'mereka',
  'kalian',
  'nya',
  'ku',
  'mu',
  // auxiliaries, modals, aspect, negation
  'adalah',
  'ialah',
  'merupakan',
  'ada',
  'adanya',
  'sudah',
  'telah',
  'sedang',
  'masih',
  'belum',
  'pernah',
  'harus',
  'mesti',
  'bisa',
  'dapat',
  'boleh',
  'mau',
  'hendak',
  'tidak',
  'tak',
  'bukan',
  'jangan',
  'tiada',
  'gak',
  'nggak',
  'enggak',
  // adverbs and particles
  'juga',
  'pula',
  'pun',
  'lagi',
  'saja',
  'hanya',
  'cuma',
  'sangat',
  'amat',
  'sekali',
  'paling',
  'lebih',
  'agak',
  'terlalu',
  'lah',
  'kah',
  'tah',
  'dong',
  'sih',
  'kok',
  'deh',
  'kan',
  'toh',
  'nah',
  'ya',
  // question words
  'apa',
  'siapa',
  'mana',
  'kapan',
  'bagaimana',
  'mengapa',
  'kenapa',
  'berapa',
  'apakah',
  'siapakah',
  'manakah',
  'bagaimanakah',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  const words = [...new Set(STOP_WORDS)].sort();
  for (const word of words) if (!/^[a-z]+$/.test(word)) throw new Error(`stop word "${word}" is not a lower-case ASCII word`);
  const literal = `{${words.join(',')}}`;

  // The list, as the one source for both the document side (below) and the query side
  // (src/search/query.ts asks PostgreSQL to tokenise queries with the same rule).
  await sql`
    create or replace function kabar_search_stop_words() returns text[]
    language sql immutable parallel safe
    as $fn$ select ${sql.lit(literal)}::text[] $fn$`.execute(db);

  // A document's tsvector: tokens as the `simple` configuration sees them (lower-cased surface
  // forms, positions), stop words deleted *before* stemming, the rest stemmed by the Snowball
  // Indonesian stemmer that the `indonesian` configuration uses. Deleting keeps the positions of the
  // other words, as PostgreSQL's own stop words do, so phrase queries keep their distances.
  await sql`
    create or replace function kabar_search_document(doc text) returns tsvector
    language sql immutable parallel safe
    as $fn$
      select coalesce(string_agg(
        '''' || replace(replace(coalesce((ts_lexize('pg_catalog.indonesian_stem', t.lexeme))[1], t.lexeme), '\\', '\\\\'), '''', '''''')
          || ''':' || array_to_string(t.positions, ','),
        ' '), '')::tsvector
      from unnest(ts_delete(to_tsvector('pg_catalog.simple', coalesce(doc, '')), kabar_search_stop_words())) t
    $fn$`.execute(db);

  // Bodies are sanitised HTML; sanitize-html leaves only &amp; &lt; &gt; (and &quot; in attributes)
  // as entities, so those few are decoded here. Tags become spaces so words never run together.
  await sql`
    create or replace function kabar_html_to_text(html text) returns text
    language sql immutable strict parallel safe
    as $fn$
      select replace(replace(replace(replace(replace(replace(
        regexp_replace(html, '<[^>]*>', ' ', 'g'),
        '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&')
    $fn$`.execute(db);

  // Weights: A title, B subtitle and excerpt, C body.
  await sql`
    create or replace function kabar_article_search_vector(title text, subtitle text, excerpt text, body_html text)
    returns tsvector
    language sql immutable parallel safe
    as $fn$
      select setweight(kabar_search_document(title), 'A')
          || setweight(kabar_search_document(concat_ws(' ', subtitle, excerpt)), 'B')
          || setweight(kabar_search_document(kabar_html_to_text(coalesce(body_html, ''))), 'C')
    $fn$`.execute(db);

  // A stored generated column: every writer (seed, import, a future editor) gets a current vector
  // without having to remember to compute it.
  await sql`
    alter table articles add column if not exists search_vector tsvector
    generated always as (kabar_article_search_vector(title, subtitle, excerpt, body_html)) stored`.execute(db);

  // Both indexes carry the visibility predicate of visibleArticles(), like the list indexes.
  await sql`
    create index if not exists articles_search_idx on articles using gin (search_vector)
    where status in ('published', 'scheduled')`.execute(db);
  await sql`
    create index if not exists articles_title_trgm_idx on articles using gin (title gin_trgm_ops)
    where status in ('published', 'scheduled')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists articles_title_trgm_idx`.execute(db);
  await sql`drop index if exists articles_search_idx`.execute(db);
  await sql`alter table articles drop column if exists search_vector`.execute(db);
  await sql`drop function if exists kabar_article_search_vector(text, text, text, text)`.execute(db);
  await sql`drop function if exists kabar_html_to_text(text)`.execute(db);
  await sql`drop function if exists kabar_search_document(text)`.execute(db);
  await sql`drop function if exists kabar_search_stop_words()`.execute(db);
}
