import { sql } from 'kysely';
import { useTestApp } from './helpers/app';
import { insertArticle } from './helpers/fixtures';
import { MAX_RANKED_MATCHES, prepareSearch, suggestWords } from '../src/search/search';
import { directReader } from '../src/db/prepared';

// Ranking regressions (issue 16), one describe per failure class, each with made-up names
// ("korvat", "gromel") so that the demo content cannot interfere. Titles that should lose are
// published later than the one that should win, so recency cannot explain a correct order.

const { database, client } = useTestApp({ config: { responseCache: false } });

const SEARCH = `query($q: String!, $first: Int) {
  search(query: $q, first: $first) {
    totalCount approximate didYouMean
    edges { node { score article { slug title } } }
  }
}`;

async function search(q: string, first = 10) {
  const res = await client.graphql(SEARCH, { q, first });
  expect(res.errors).toBeUndefined();
  return res.data.search as {
    totalCount: number;
    approximate: boolean;
    didYouMean: string | null;
    edges: { node: { score: number; article: { slug: string; title: string } } }[];
  };
}

async function slugs(q: string): Promise<string[]> {
  return (await search(q)).edges.map((e) => e.node.article.slug);
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function article(slug: string, title: string, days: number, bodyHtml = '<p>Isi berita.</p>') {
  await insertArticle(database.db, { slug, title, published_at: daysAgo(days), bodyHtml });
}

beforeAll(async () => {
  // A title with every query word, and newer ones with all but one (the missing word in their bodies).
  await article('korvat-sepakat', 'Dewan Korvat Sepakat Tunda Pengesahan Aturan Parkir', 30);
  await article('korvat-minta', 'Wali Kota Minta Tunda Pengesahan Aturan Parkir, Dewan Korvat: Kami Kaji', 2, '<p>Dewan sepakat membahas.</p>');
  await article('korvat-tolak', 'Warga Korvat Tolak Pengesahan Aturan Parkir yang Ditunda', 1, '<p>Anggota dewan sepakat.</p>');
  // Same words, in the query's order and adjacent versus scattered.
  await article('trembal-adjacent', 'Langit Trembal Cerah Berawan Sepanjang Hari Ini', 20);
  await article('trembal-scattered', 'Berawan di Pagi Hari, Langit Cerah Sepanjang Sore di Trembal', 1);
  // Words that the first stop-word list dropped.
  await article('plenzo-masih', 'Pelaku Pembobolan Bank Plenzo Masih Buron', 20);
  await article('plenzo-tertangkap', 'Pelaku Pembobolan Bank Plenzo Tertangkap', 1, '<p>Sebelumnya pelaku masih buron selama sebulan.</p>');
  await article('plenzo-baru', 'Polisi Tetapkan Tersangka Baru Pembobolan Bank Plenzo', 20);
  await article('plenzo-lama', 'Polisi Periksa Tersangka Pembobolan Bank Plenzo', 1, '<p>Tersangka baru akan diperiksa pekan depan.</p>');
  await article('dindor-siapa', 'Siapa Dia yang Membawa Pulang Piala Dindor?', 5);
  // A series of near-identical titles: the one holding every word is the oldest.
  await article('gromel-16', 'Sinopsis Serial Gromel Episode 16, Akhir Cerita yang Manis', 40);
  for (const episode of [2, 9, 14]) await article(`gromel-${episode}`, `Sinopsis Serial Gromel Episode ${episode}`, 40 - episode);
  // Numbers are words.
  await article('vorlak-92', 'Kecelakaan Beruntun di KM 92 Tol Vorlak', 10);
  await article('vorlak-29', 'Kecelakaan Beruntun di KM 29 Tol Vorlak', 1, '<p>Sebanyak 92 kendaraan tertahan.</p>');
  // Synonyms and abbreviations.
  await article('zindar-pemprov', 'Pemerintah Provinsi Zindar Bagikan Bibit Pohon', 3);
  await article('zindar-pilkada', 'Pilkada Zindar Diikuti Tiga Pasangan Calon', 3);
  // A vague query: recency decides between equally good titles.
  await article('qorvan-lama', 'Festival Qorvan Digelar', 400);
  await article('qorvan-baru', 'Festival Qorvan Digelar', 4);
  // Two-word "name + topic" queries: the article about the name against a newer, shorter title that
  // holds both words in passing (its body never mentions the name).
  await article(
    'parvenka-aktivis',
    'Aktivis Parvenka Meninggal, Polisi Sebut Karena Kecelakaan Lalu Lintas di Jalan Lingkar Utara',
    20,
    '<p>Aktivis Parvenka meninggal setelah kecelakaan di jalan lingkar. Rekan Parvenka meragukan keterangan polisi soal kecelakaan itu.</p>' +
      '<p>Keluarga Parvenka meminta kecelakaan diusut. Menurut keluarga, Parvenka sempat menerima ancaman sebelum kecelakaan.</p>',
  );
  await article('parvenka-singgah', 'Kecelakaan Beruntun, Warga Teringat Parvenka', 1);
  // A title that begins with the query against a newer, shorter one that holds the same words further in.
  await article('valdoro-jadwal', 'Jadwal Kereta Valdoro Senin 11 Mei: Dua Perjalanan Dibatalkan karena Banjir di Lintas Selatan', 20);
  await article('valdoro-berikut', 'Berikut Jadwal Kereta Valdoro Senin 11 Mei', 1);
  // A name for "did you mean".
  await article('brastagino', 'Brastagino Terpilih Menjadi Ketua Koperasi Nelayan', 6);
  await article('brastagino-rapat', 'Brastagino Pimpin Rapat Anggota Koperasi', 7);
  // Only a draft spells this name: it must never be suggested.
  await insertArticle(database.db, { slug: 'quenteral-draft', title: 'Quenteral Mundur dari Jabatan', status: 'draft', published_at: null });
  await sql`analyze articles`.execute(database.db);
});

describe('ranking', () => {
  it('puts a title holding every query word above newer titles holding all but one', async () => {
    expect((await slugs('Dewan Korvat Sepakat Tunda Pengesahan Aturan Parkir'))[0]).toBe('korvat-sepakat');
    expect((await slugs('korvat sepakat tunda pengesahan'))[0]).toBe('korvat-sepakat');
  });

  it('puts words in the query order and adjacent above the same words scattered', async () => {
    expect(await slugs('langit trembal cerah berawan sepanjang')).toEqual(['trembal-adjacent', 'trembal-scattered']);
    expect((await slugs('cerah berawan trembal'))[0]).toBe('trembal-adjacent');
  });

  it('keeps words that decide the meaning: "masih", "baru", and a query of stop words only', async () => {
    expect((await slugs('pelaku pembobolan plenzo masih buron'))[0]).toBe('plenzo-masih');
    expect((await slugs('tersangka baru pembobolan plenzo'))[0]).toBe('plenzo-baru');
    const onlyStopWords = await search('siapa dia');
    expect(onlyStopWords.edges.map((e) => e.node.article.slug)).toContain('dindor-siapa');
  });

  it('in a series of near-identical titles, puts first the one that holds every word', async () => {
    expect((await slugs('sinopsis serial gromel episode akhir'))[0]).toBe('gromel-16');
    expect((await slugs('gromel episode 9'))[0]).toBe('gromel-9');
  });

  it('counts numbers as words', async () => {
    expect((await slugs('kecelakaan km 92 vorlak'))[0]).toBe('vorlak-92');
    expect((await slugs('kecelakaan km 29 vorlak'))[0]).toBe('vorlak-29');
  });

  it('expands abbreviations both ways through the synonym table', async () => {
    expect(await slugs('pemprov zindar')).toEqual(['zindar-pemprov']);
    expect(await slugs('pemerintah provinsi zindar bibit')).toEqual(['zindar-pemprov']);
    expect(await slugs('"pemilihan kepala daerah" zindar')).toEqual(['zindar-pilkada']);
  });

  it('lets the body, not the brevity of a title, decide between titles that hold a name and a topic', async () => {
    expect(await slugs('parvenka kecelakaan')).toEqual(['parvenka-aktivis', 'parvenka-singgah']);
  });

  it('puts a title that begins with the query above a shorter one that holds it further in', async () => {
    expect((await slugs('jadwal kereta valdoro senin'))[0]).toBe('valdoro-jadwal');
    // Only the beginning of the query's phrase counts: words of the middle of a title find it as before.
    expect((await slugs('valdoro senin 11 mei dua perjalanan'))[0]).toBe('valdoro-jadwal');
  });

  it('uses recency only to order equally good titles', async () => {
    expect(await slugs('qorvan')).toEqual(['qorvan-baru', 'qorvan-lama']);
    expect(await slugs('festival qorvan digelar')).toEqual(['qorvan-baru', 'qorvan-lama']);
  });
});

describe('typos', () => {
  it('suggests the word that titles use, and answers with it', async () => {
    const res = await search('brastagini ketua koperasi');
    expect(res.didYouMean).toBe('brastagino ketua koperasi');
    expect(res.approximate).toBe(true);
    expect(res.edges[0]?.node.article.slug).toBe('brastagino');
    const exact = await search('brastagino ketua');
    expect(exact.didYouMean).toBeNull();
    expect(exact.approximate).toBe(false);
  });

  it('pages through the corrected query by cursor', async () => {
    const query = `query($q: String!, $after: String) {
      search(query: $q, first: 1, after: $after) { didYouMean approximate pageInfo { hasNextPage endCursor } edges { node { article { slug } } } }
    }`;
    const first = await client.graphql(query, { q: 'brastagini koperasi' });
    expect(first.data.search.didYouMean).toBe('brastagino koperasi');
    expect(first.data.search.pageInfo.hasNextPage).toBe(true);
    const second = await client.graphql(query, { q: 'brastagini koperasi', after: first.data.search.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data.search.didYouMean).toBe('brastagino koperasi');
    const seen = [...first.data.search.edges, ...second.data.search.edges].map((e: { node: { article: { slug: string } } }) => e.node.article.slug);
    expect(seen.sort()).toEqual(['brastagino', 'brastagino-rapat']);
  });

  it('learns the words of a title when it is edited', async () => {
    const reader = directReader(database.db);
    expect(await suggestWords(database.db, await prepareSearch(reader, 'velquisti'))).toEqual(new Map());
    await database.db
      .updateTable('articles')
      .set({ title: 'Velquisto Pimpin Rapat Anggota Koperasi' })
      .where('slug', '=', 'brastagino-rapat')
      .execute();
    expect(await suggestWords(database.db, await prepareSearch(reader, 'velquisti'))).toEqual(new Map([['velquisti', 'velquisto']]));
  });

  it("never suggests a word that only a hidden article's title holds", async () => {
    const res = await search('quenteril mundur');
    expect(res.didYouMean).toBeNull();
    const reader = directReader(database.db);
    expect(await suggestWords(database.db, await prepareSearch(reader, 'quenteril'))).toEqual(new Map());
    // The same lookup does suggest a visible title's word.
    expect(await suggestWords(database.db, await prepareSearch(reader, 'brastagini'))).toEqual(new Map([['brastagini', 'brastagino']]));
    expect(res.edges.map((e) => e.node.article.slug)).not.toContain('quenteral-draft');
  });
});

describe('very common words', () => {
  it('ranks an old exact title match that lies outside the newest matches', async () => {
    const section = await database.db.selectFrom('sections').select('id').orderBy('position').executeTakeFirstOrThrow();
    await insertArticle(database.db, {
      slug: 'moxtel-lama',
      title: 'Pabrik Sepatu Moxtel Tutup Permanen',
      published_at: daysAgo(900),
      bodyHtml: '<p>Pabrik itu tutup.</p>',
    });
    // More newer articles with every query word than are ranked, none of them with the words in its title.
    await sql`
      insert into articles (slug, section_id, status, title, body_html, blocks, word_count, published_at)
      select 'moxtel-' || n, ${section.id}, 'published', 'Kabar Kota Nomor ' || n,
        '<p>Pabrik sepatu moxtel tutup permanen, kata warga nomor ' || n || '.</p>', '[]', 6, now() - n * interval '1 minute'
      from generate_series(1, ${MAX_RANKED_MATCHES + 10}) as n`.execute(database.db);
    await sql`analyze articles`.execute(database.db);
    const res = await search('pabrik sepatu moxtel tutup permanen', 3);
    expect(res.edges[0]?.node.article.slug).toBe('moxtel-lama');
    expect(res.totalCount).toBe(MAX_RANKED_MATCHES + 11);
  });
});
