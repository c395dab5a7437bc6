import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { sql } from 'kysely';
import { importFiles, type ImportOptions } from '../src/import/importer';
import { parseDate } from '../src/import/dates';
import { splitScrapedText } from '../src/import/text';
import { createSectionMapper } from '../src/import/sections';
import { parseImportArguments } from '../src/cli/import';
import { DEFAULT_COLUMNS } from '../src/import/sources/columns';
import type { SkippedRecord } from '../src/import/types';
import { useTestDatabase } from './helpers/app';

const CORPUS = path.resolve(__dirname, '..', '..', 'shared', 'corpus');
const CORPUS_FILES = ['pos_metro.csv', 'tribunnews.csv'].map((f) => path.join(CORPUS, f));
const HAS_CORPUS = CORPUS_FILES.every((f) => fs.existsSync(f));
const FIXTURES = path.join(__dirname, 'fixtures', 'import');
if (!HAS_CORPUS) console.warn(`import tests: ../shared/corpus is missing (${CORPUS}); the corpus tests are skipped`);

const database = useTestDatabase();
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kabar-import-'));
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function run(files: string[], options: ImportOptions = {}) {
  const skipped: SkippedRecord[] = [];
  const summary = await importFiles(database.db, files, { ...options, onSkip: (s) => skipped.push(s) });
  return { summary, skipped };
}

function writeFile(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A fingerprint of every imported row (articles with their tags), to prove that nothing changed. */
async function contentFingerprint(urlPrefix: string): Promise<string> {
  const { rows } = await sql<{ fingerprint: string }>`
    select md5(coalesce(string_agg(concat_ws('|', a.id, a.slug, a.title, a.excerpt, a.body_html, a.section_id, a.author_id,
      a.published_at, a.updated_at, a.hero_image_url, a.import_hash,
      (select string_agg(t.tag_id::text, ',' order by t.position) from article_tags t where t.article_id = a.id)), '' order by a.id), '')) as fingerprint
    from articles a where a.canonical_url like ${`${urlPrefix}%`}`.execute(database.db);
  return rows[0]!.fingerprint;
}

describe('dates', () => {
  const wib = { defaultOffsetMinutes: 420 };
  it.each([
    ['10-Sep-19', '23:04', '2019-09-10T16:04:00.000Z'],
    ['Oktober 07, 2019', '-', '2019-10-06T17:00:00.000Z'],
    ['31 Juli 2019', null, '2019-07-30T17:00:00.000Z'],
    ['Senin, 7 Oktober 2019 10.15 WIB', null, '2019-10-07T03:15:00.000Z'],
    ['7 Oktober 2019 10:15 WITA', null, '2019-10-07T02:15:00.000Z'],
    ['Mon, 07 Oct 2019 03:00:00 +0000', null, '2019-10-07T03:00:00.000Z'],
    ['2019-10-07T10:15:00Z', null, '2019-10-07T10:15:00.000Z'],
    ['2019-10-07 10:15:00', null, '2019-10-07T03:15:00.000Z'],
    ['07/10/2019', '14:30', '2019-10-07T07:30:00.000Z'],
    ['Agustus 17, 1945', null, '1945-08-16T17:00:00.000Z'],
  ])('reads %s (time %s) in WIB unless told', (date, time, expected) => {
    expect(parseDate(date, { ...wib, time })?.toISOString()).toBe(expected);
  });

  it.each(['31 Februari 2019', '#NAME?', '-', 'kemarin', '2019-13-01', '10-Sept-2019 25:00'])('refuses %s', (date) => {
    expect(parseDate(date, wib)).toBeNull();
  });
});

describe('scraped text', () => {
  it('splits comma runs into paragraphs, closes dropped-link gaps and drops boilerplate', () => {
    expect(
      splitScrapedText(
        ' - Prediksi Pemain , vs Kosovo ,, Rabu (11/9/2019), Pelatih ,, Gareth.,Inggris menang 37,3 persen.,,Baca juga: Lain,,,loading...',
      ),
    ).toEqual(['Prediksi Pemain vs Kosovo Rabu (11/9/2019), Pelatih Gareth.', 'Inggris menang 37,3 persen.']);
    expect(splitScrapedText('Artikel ini telah tayang di,dengan judul Sati Jadi Korban')).toEqual([
      'Artikel ini telah tayang di dengan judul Sati Jadi Korban',
    ]);
    expect(splitScrapedText(',,,,,,loading...')).toEqual([]);
  });

  it('maps category spellings to one slugified section', () => {
    const map = createSectionMapper({ aliases: { 'Berita Sumut': 'regional' } });
    expect(map(['nasional'])).toEqual(map(['Nasional']));
    expect(map(['NASIONAL']).slug).toBe('nasional');
    expect(map(['Super Skor'])).toEqual({ slug: 'olahraga', name: 'Olahraga' });
    expect(map(['Berita Sumut']).slug).toBe('regional');
    expect(map(['Kilas Kementerian'])).toEqual({ slug: 'kilas-kementerian', name: 'Kilas Kementerian' });
    expect(map(['-', null, ''])).toEqual({ slug: 'berita', name: 'Berita' });
  });
});

(HAS_CORPUS ? describe : describe.skip)('the shared corpus', () => {
  let first: Awaited<ReturnType<typeof run>>;
  let rows: number[];

  // Read in beforeAll, not in the describe body: a skipped describe still runs its body.
  beforeAll(async () => {
    rows = CORPUS_FILES.map((f) => (parseCsvSync(fs.readFileSync(f), { columns: true }) as unknown[]).length);
    first = await run(CORPUS_FILES);
  });

  it('accounts for every row: imported + skipped by reason = rows', () => {
    const { summary } = first;
    expect(summary.records).toBe(rows[0]! + rows[1]!);
    expect(summary.inserted + summary.updated + summary.unchanged + summary.skippedTotal).toBe(summary.records);
    expect(Object.values(summary.skipped).reduce((a, b) => a + b!, 0)).toBe(summary.skippedTotal);
    expect(summary.inserted).toBeGreaterThan(0.95 * summary.records);
    expect(Object.keys(summary.skipped).sort()).toEqual(['broken-body', 'empty-body']);
    expect(first.skipped).toHaveLength(summary.skippedTotal);
  });

  it('reports skipped rows with the line they start on and why', () => {
    const broken = first.skipped.find((s) => s.reason === 'broken-body')!;
    expect(broken.position.file).toBe(CORPUS_FILES[1]);
    // The "#NAME?" row of tribunnews.csv starts on line 414 (its content has no line breaks).
    expect(broken.position.line).toBe(414);
    expect(fs.readFileSync(CORPUS_FILES[1]!, 'utf8').split('\n')[413]).toContain('#NAME?');
    expect(broken.detail).toContain('#NAME?');
    for (const s of first.skipped) expect(s.position.line).toBeGreaterThan(1);
  });

  it('stores clean articles: paragraphs, WIB dates, one section per spelling, canonical URLs', async () => {
    const count = await database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('canonical_url', 'like', 'https://www.tribunnews.com/%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(1400);
    const article = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select([
        'articles.title',
        'articles.body_html',
        'articles.published_at',
        'articles.excerpt',
        'articles.slug',
        'articles.status',
        'sections.slug as section',
      ])
      .where(
        'canonical_url',
        '=',
        'https://www.tribunnews.com/superskor/2019/09/10/prediksi-susunan-pemain-timnas-inggris-vs-kosovo-gareth-southgate-akan-rotasi-tim',
      )
      .executeTakeFirstOrThrow();
    expect(article.published_at!.toISOString()).toBe('2019-09-10T16:04:00.000Z'); // 23:04 WIB
    expect(article.section).toBe('olahraga'); // "Super Skor"
    expect(article.status).toBe('published');
    expect(article.body_html).toMatch(/^<p>Prediksi Susunan Pemain vs Kosovo Rabu \(11\/9\/2019\), Pelatih Gareth Southgate/);
    expect(article.body_html.match(/<p>/g)!.length).toBeGreaterThanOrEqual(8);
    expect(article.body_html).not.toMatch(/,,|loading\.\.\./);
    expect(article.excerpt).toMatch(/^Prediksi Susunan Pemain/);
    expect(article.slug.length).toBeLessThanOrEqual(80);
    const posmetro = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.published_at', 'articles.body_html', 'articles.source', 'sections.slug as section'])
      .where('canonical_url', '=', 'https://www.posmetro-medan.com/2019/10/anak-penjaga-kebersihan-masjid-lantamal.html')
      .executeTakeFirstOrThrow();
    expect(posmetro.published_at!.toISOString()).toBe('2019-10-18T17:00:00.000Z'); // Oktober 19, 2019, 00:00 WIB
    expect(posmetro.section).toBe('berita-viral'); // "Berita Viral", a rubric of this publisher
    expect(posmetro.source).toBe('posmetro-medan.com');
    expect(posmetro.body_html).not.toContain('loading');
    const utama = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select('sections.slug')
      .where('canonical_url', '=', 'https://www.posmetro-medan.com/2019/10/sebentar-lagi-minyak-curah-dilarang.html')
      .executeTakeFirstOrThrow();
    expect(utama.slug).toBe('berita'); // "Berita Utama" (front-page news) is an alias of the general section
    const { rows: sections } = await sql<{ slug: string }>`
      select distinct s.slug from articles a join sections s on s.id = a.section_id
      where a.canonical_url like 'https://www.posmetro-medan.com/%' or a.canonical_url like 'https://www.tribunnews.com/%'`.execute(database.db);
    // "nasional" (Pos Metro) and "Nasional" (Tribun) are one section.
    expect(sections.filter((s) => s.slug.startsWith('nasional'))).toEqual([{ slug: 'nasional' }]);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = [await contentFingerprint('https://www.tribunnews.com/'), await contentFingerprint('https://www.posmetro-medan.com/')];
    const again = await run(CORPUS_FILES);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: first.summary.inserted, skippedTotal: first.summary.skippedTotal });
    expect([await contentFingerprint('https://www.tribunnews.com/'), await contentFingerprint('https://www.posmetro-medan.com/')]).toEqual(before);
  });
});

describe('messy CSV', () => {
  const header = 'title,source,date,time,category,sub-category,content,url';
  const good = (n: number, extra = '') =>
    `"Judul Uji ${n}${extra}",uji.test,10-Sep-19,10:00,Nasional,Nasional,"Paragraf pertama berita nomor ${n}.,,Paragraf kedua.",https://uji.test/berita-${n}`;
  const csv = [
    header,
    good(1),
    'Tanpa Tanggal,uji.test,-,-,Nasional,-,"Isi berita.",https://uji.test/tanpa-tanggal',
    'Tanggal Rusak,uji.test,kemarin sore,-,Nasional,-,"Isi berita.",https://uji.test/tanggal-rusak',
    '-,uji.test,10-Sep-19,-,Nasional,-,"Isi berita.",https://uji.test/tanpa-judul',
    'Tanpa URL,uji.test,10-Sep-19,-,Nasional,-,"Isi berita.",-',
    'URL Aneh,uji.test,10-Sep-19,-,Nasional,-,"Isi berita.",javascript:alert(1)',
    '"Isi\nKosong",uji.test,10-Sep-19,-,Nasional,-,",,,,loading...",https://uji.test/kosong',
    good(1, ' (duplikat)'),
    'Kolom Kurang,uji.test,10-Sep-19',
    '"Kutip "rusak" di tengah",uji.test,10-Sep-19,-,Nasional,-,"Isi berita yang tetap terbaca.",https://uji.test/kutip',
    good(2),
    '',
    'Berbahaya,uji.test,31 Juli 2019,-,Nasional,-,"<p onclick=""x()"">Teks <script>alert(1)</script><a href=""javascript:alert(2)"">tautan</a></p>",https://uji.test/berbahaya',
  ].join('\n');

  it('skips bad rows with their line numbers and reasons and imports the rest', async () => {
    const file = writeFile('messy.csv', csv);
    const { summary, skipped } = await run([file]);
    const byLine = Object.fromEntries(skipped.map((s) => [s.position.line, s.reason]));
    expect(byLine).toEqual({
      3: 'missing-date',
      4: 'invalid-date',
      5: 'missing-title',
      6: 'missing-url',
      7: 'invalid-url',
      8: 'empty-body',
      10: 'duplicate-url',
      11: 'malformed-record',
    });
    expect(skipped.find((s) => s.reason === 'duplicate-url')!.detail).toContain('messy.csv:2');
    expect(summary).toMatchObject({ records: 12, inserted: 4, skippedTotal: 8 });
    const hostile = await database.db
      .selectFrom('articles')
      .select(['body_html', 'title'])
      .where('canonical_url', '=', 'https://uji.test/berbahaya')
      .executeTakeFirstOrThrow();
    expect(hostile.body_html).not.toMatch(/script|onclick|javascript:/i);
    expect(hostile.body_html).toContain('Teks');
    const quoted = await database.db
      .selectFrom('articles')
      .select('title')
      .where('canonical_url', '=', 'https://uji.test/kutip')
      .executeTakeFirstOrThrow();
    expect(quoted.title).toContain('rusak');
  });

  it('updates only the rows that changed, keeps their slugs and replaces their tags', async () => {
    const file = writeFile('messy.csv', csv);
    await run([file]);
    const before = await database.db
      .selectFrom('articles')
      .select(['id', 'slug'])
      .where('canonical_url', '=', 'https://uji.test/berita-2')
      .executeTakeFirstOrThrow();
    const edited = writeFile(
      'messy-edited.csv',
      csv.replace('"Judul Uji 2",uji.test,10-Sep-19,10:00,Nasional,Nasional', '"Judul Uji 2 Diperbarui",uji.test,10-Sep-19,10:00,Nasional,Ekonomi'),
    );
    const { summary } = await run([edited]);
    expect(summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    const after = await database.db
      .selectFrom('articles')
      .select(['id', 'slug', 'title'])
      .where('canonical_url', '=', 'https://uji.test/berita-2')
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ ...before, title: 'Judul Uji 2 Diperbarui' });
    const tags = await database.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.slug')
      .where('article_id', '=', after.id)
      .execute();
    expect(tags).toEqual([{ slug: 'ekonomi' }]); // the sub-category, now different from the category
  });

  it('writes each article whole or not at all when the database refuses one of a batch', async () => {
    // A trigger that refuses one title stands in for any row PostgreSQL rejects.
    await sql`create function refuse_title() returns trigger language plpgsql as $$
      begin if new.title = 'Ditolak Basis Data' then raise exception 'refused by test trigger'; end if; return new; end $$`.execute(database.db);
    await sql`create trigger refuse_title before insert on articles for each row execute function refuse_title()`.execute(database.db);
    try {
      const file = writeFile(
        'refused.csv',
        [
          header,
          'Diterima Satu,uji.test,10-Sep-19,-,Nasional,-,"Isi.",https://tolak.test/1',
          'Ditolak Basis Data,uji.test,10-Sep-19,-,Nasional,Olahraga,"Isi.",https://tolak.test/2',
          'Diterima Dua,uji.test,10-Sep-19,-,Nasional,-,"Isi.",https://tolak.test/3',
        ].join('\n'),
      );
      const { summary, skipped } = await run([file], { batchSize: 10 });
      expect(summary).toMatchObject({ records: 3, inserted: 2, skippedTotal: 1 });
      expect(skipped).toEqual([expect.objectContaining({ reason: 'database-error', position: expect.objectContaining({ line: 3 }) })]);
      expect(skipped[0]!.detail).toContain('refused by test trigger');
      const urls = await database.db
        .selectFrom('articles')
        .select('canonical_url')
        .where('canonical_url', 'like', 'https://tolak.test/%')
        .orderBy('canonical_url')
        .execute();
      expect(urls.map((u) => u.canonical_url)).toEqual(['https://tolak.test/1', 'https://tolak.test/3']);
    } finally {
      await sql`drop trigger refuse_title on articles`.execute(database.db);
      await sql`drop function refuse_title()`.execute(database.db);
    }
  });

  it('reads JSON Lines with a column mapping and reports a broken line', async () => {
    const file = writeFile(
      'articles.jsonl',
      [
        JSON.stringify({
          judul: 'Jalur Mudik Dibuka',
          isi: 'Jalur mudik selatan mulai dibuka.\n\nPolisi menyiapkan pengalihan arus.',
          tautan: 'https://jsonl.test/mudik',
          tanggal: '2024-04-01T08:00:00+07:00',
          rubrik: 'Nasional',
          penulis: { nama: 'Agus' },
        }),
        '{"judul": "Rusak",',
        '',
        JSON.stringify({ judul: 'Tanpa Isi', isi: '', tautan: 'https://jsonl.test/kosong', tanggal: '2024-04-01' }),
      ].join('\n'),
    );
    const { summary, skipped } = await run([file], {
      columns: { ...DEFAULT_COLUMNS, title: 'judul', body: 'isi', url: 'tautan', date: 'tanggal', category: 'rubrik', author: 'penulis.nama' },
    });
    expect(summary).toMatchObject({ records: 3, inserted: 1, skippedTotal: 2 });
    expect(skipped.map((s) => [s.position.line, s.reason])).toEqual([
      [2, 'malformed-record'],
      [4, 'empty-body'],
    ]);
    const row = await database.db
      .selectFrom('articles')
      .innerJoin('authors', 'authors.id', 'articles.author_id')
      .select(['articles.body_html', 'articles.published_at', 'authors.name'])
      .where('canonical_url', '=', 'https://jsonl.test/mudik')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      body_html: '<p>Jalur mudik selatan mulai dibuka.</p>\n<p>Polisi menyiapkan pengalihan arus.</p>',
      published_at: new Date('2024-04-01T01:00:00Z'),
      name: 'Agus',
    });
  });
});

describe('WordPress', () => {
  it('imports posts from a WXR export: authors, sections, tags, featured images, sanitised bodies', async () => {
    const { summary, skipped } = await run([path.join(FIXTURES, 'wordpress-export.xml')]);
    // Attachments are indexed in a first pass over the file, so even a featured image listed after its
    // post is there when the post is written: none is left to attach at the end.
    expect(summary).toMatchObject({ records: 7, inserted: 3, heroImagesAttached: 0, skipped: { 'not-an-article': 3, 'not-public': 1 } });
    expect(skipped.map((s) => s.reason)).toEqual(['not-public']); // attachments and pages are counted, not reported
    const rows = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .leftJoin('authors', 'authors.id', 'articles.author_id')
      .select([
        'articles.id',
        'articles.slug',
        'articles.title',
        'articles.status',
        'articles.body_html',
        'articles.excerpt',
        'articles.published_at',
        'articles.updated_at',
        'articles.hero_image_url',
        'articles.source',
        'sections.slug as section',
        'authors.name as author',
      ])
      .where('canonical_url', 'like', 'https://www.warta-contoh.test/%')
      .orderBy('articles.published_at')
      .execute();
    const [banjir, timnas, draft] = rows;
    expect(banjir).toMatchObject({
      slug: 'banjir-rendam-kampung-melayu',
      status: 'published',
      section: 'metropolitan',
      author: 'Siti Rahmawati',
      source: 'warta-contoh.test',
      published_at: new Date('2024-01-15T03:30:00Z'),
      updated_at: new Date('2024-01-15T05:00:00Z'),
      hero_image_url: 'https://www.warta-contoh.test/wp-content/uploads/2024/01/banjir.jpg',
    });
    expect(banjir!.body_html).toContain('<p>Hujan deras sejak Minggu malam');
    expect(banjir!.body_html).toContain('<br />');
    expect(banjir!.body_html).toContain('<figcaption>Banjir di Kampung Melayu.</figcaption>');
    expect(banjir!.body_html).not.toMatch(/\[gallery|Baca juga/);
    expect(banjir!.excerpt).toMatch(/^Hujan deras/);
    // Listed after its post in the export: found by the first pass.
    expect(timnas).toMatchObject({
      title: 'Timnas U-23 Lolos ke Semifinal & Siap Hadapi Vietnam',
      section: 'olahraga',
      author: 'Budi Santoso',
      hero_image_url: 'https://www.warta-contoh.test/wp-content/uploads/2024/01/timnas.jpg',
      excerpt: 'Timnas U-23 menang 2-0 dan lolos ke semifinal.',
    });
    expect(timnas!.body_html).not.toMatch(/script|onclick|javascript:|evil\.test|document\.cookie/);
    expect(timnas!.body_html).toContain('https://www.youtube.com/embed/abc123');
    expect(draft).toMatchObject({ status: 'draft', section: 'ekonomi', published_at: new Date('2024-01-17T01:00:00Z') });
    const tags = await database.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.slug')
      .where('article_id', '=', banjir!.id)
      .orderBy('article_tags.position')
      .execute();
    expect(tags.map((t) => t.slug)).toEqual(['banjir', 'jakarta']);

    const again = await run([path.join(FIXTURES, 'wordpress-export.xml')]);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, heroImagesAttached: 0 });
  });

  it('imports WordPress REST API pages with their embedded author, terms and featured image', async () => {
    const file = path.join(FIXTURES, 'wp-rest-posts.json');
    const { summary, skipped } = await run([file]);
    expect(summary).toMatchObject({ records: 3, inserted: 1, skippedTotal: 2 });
    expect(skipped.map((s) => [s.position.record, s.reason])).toEqual([
      [2, 'not-public'],
      [3, 'empty-body'],
    ]);
    const row = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .innerJoin('authors', 'authors.id', 'articles.author_id')
      .select([
        'articles.title',
        'articles.canonical_url',
        'articles.body_html',
        'articles.excerpt',
        'articles.hero_image_url',
        'articles.hero_image_width',
        'articles.hero_image_caption',
        'sections.slug as section',
        'authors.name as author',
        'authors.avatar_url',
        'articles.published_at',
      ])
      .where('canonical_url', 'like', 'https://kabar-daerah.test/%')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      title: 'Bandara Baru Kediri Mulai Beroperasi – Penerbangan Perdana Penuh',
      canonical_url: 'https://kabar-daerah.test/2024/02/01/bandara-baru-kediri-mulai-beroperasi/', // utm_source dropped
      excerpt: 'Bandara Dhoho melayani penerbangan komersial pertamanya …',
      hero_image_url: 'https://kabar-daerah.test/uploads/bandara.jpg',
      hero_image_width: 1200,
      hero_image_caption: 'Terminal Bandara Dhoho.',
      section: 'regional',
      author: 'Dewi Lestari & Tim',
      avatar_url: 'https://kabar-daerah.test/a96.jpg',
      published_at: new Date('2024-02-01T02:15:00Z'),
    });
    expect(row.body_html).not.toMatch(/onerror|<style|display:none|Baca juga/);
    expect(row.body_html).toContain('Bupati menyebut bandara ini membuka peluang wisata.');
    expect((await run([file])).summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });
});

describe('npm run import', () => {
  const cli = path.resolve(__dirname, '..', 'src', 'cli', 'import.ts');
  const tsx = path.resolve(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const exec = (args: string[]) =>
    spawnSync(tsx, [cli, ...args], { env: { ...process.env, DATABASE_URL: database.connectionString }, encoding: 'utf8', timeout: 60_000 });

  it('prints a summary and exits 0; exits 1 when nothing could be imported', () => {
    const ok = exec([
      writeFile('cli.csv', 'title,date,content,url\nLewat CLI,31 Juli 2019,"Isi berita CLI.",https://cli.test/1\nRusak,-,x,https://cli.test/2\n'),
    ]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/2 records in .* records\/s\)\n\s+imported\s+1\n\s+updated\s+0\n\s+unchanged\s+0\n\s+skipped\s+1\n\s+missing-date\s+1/);
    expect(ok.stderr).toContain('cli.csv:3 (record 2): missing-date');
    const none = exec([writeFile('cli-bad.csv', 'title,date,content,url\nRusak,-,x,https://cli.test/3\n')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('nothing could be imported');
  });

  it('refuses unknown options and files with a usage message', () => {
    expect(() => parseImportArguments(['--format', 'docx', 'a.csv'])).toThrow('--format must be csv, jsonl, wxr or wp-json');
    expect(() => parseImportArguments([])).toThrow('name at least one file');
    expect(() => parseImportArguments(['--timezone', 'Mars', 'a.csv'])).toThrow('--timezone');
    expect(parseImportArguments(['--timezone', 'WITA', '--batch-size', '50', 'a.csv'])).toMatchObject({
      files: ['a.csv'],
      offsetMinutes: 480,
      batchSize: 50,
    });
    const missing = exec(['/nonexistent/berita.csv']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const header = exec([writeFile('no-columns.csv', 'judul,isi\nA,B\n')]);
    expect(header.status).toBe(2);
    expect(header.stderr).toMatch(/no column for title \("title"\).*--map/);
  });
});
