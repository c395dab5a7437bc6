import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { importFiles } from '../src/import/importer';
import type { FlaggedRecord, SkippedRecord } from '../src/import/types';
import { parseBlockDocument } from '../src/import/wordpress/block-grammar';
import { autop } from '../src/import/wordpress/autop';
import { shortcodeAttributes } from '../src/import/wordpress/shortcodes';
import { embedFromUrl } from '../src/content/embeds';
import { normaliseArticlePath } from '../src/content/old-paths';
import { EMBED_HOSTS, sanitizeArticleHtml } from '../src/content/body';
import { useTestApp } from './helpers/app';
import { readOperation } from './helpers/operations';

// WordPress as it is stored, imported from exports written for these tests (test/fixtures/wordpress):
// every published post present, embeds as Embed blocks, galleries as Gallery blocks, old permalinks
// answering articleByPath, and importing again changing nothing.

const FIXTURES = path.join(__dirname, 'fixtures', 'wordpress');
const THEME_TEST = path.join(FIXTURES, 'theme-test.xml');
const BERITA = path.join(FIXTURES, 'berita-indonesia.xml');
const REST = path.join(FIXTURES, 'wp-rest-blocks.json');

const { database, client } = useTestApp();

async function run(files: string[]) {
  const skipped: SkippedRecord[] = [];
  const flagged: FlaggedRecord[] = [];
  const summary = await importFiles(database.db, files, { onSkip: (s) => skipped.push(s), onFlag: (f) => flagged.push(f) });
  return { summary, skipped, flagged };
}

/** Posts the export itself says are published, counted from the XML (not by the importer). */
function publishedPostsIn(file: string): number {
  const items = fs.readFileSync(file, 'utf8').split('<item>').slice(1);
  return items.filter((item) => item.includes('<wp:post_type><![CDATA[post]]>') && item.includes('<wp:status><![CDATA[publish]]>')).length;
}

async function fingerprint(): Promise<string> {
  const { rows } = await sql<{ f: string }>`
    select md5(coalesce(string_agg(concat_ws('|', id, slug, title, body_html, blocks::text, import_key, import_hash, updated_at), '' order by id), '')) as f
    from articles where import_key is not null`.execute(database.db);
  return rows[0]!.f;
}

async function articlePage(slug: string) {
  const res = await client.graphql(readOperation('ArticlePage'), { slug });
  expect(res.errors).toBeUndefined();
  expect(res.data.article).not.toBeNull();
  return res.data.article as {
    title: string;
    url: string;
    blocks: { __typename: string; provider?: string; url?: string; html?: string; credit?: string }[];
  };
}

// ArticlePage (the shared contract) does not select Gallery's fields yet; this asks for them.
const GALLERIES = `query Galleries($slug: String!) { article(slug: $slug) { blocks { __typename ... on Gallery { caption images { url width height caption credit } } } } }`;

async function galleriesOf(slug: string) {
  const res = await client.graphql(GALLERIES, { slug });
  expect(res.errors).toBeUndefined();
  return (
    res.data.article.blocks as {
      __typename: string;
      caption?: string | null;
      images?: { url: string; caption: string | null; credit: string | null }[];
    }[]
  ).filter((b) => b.__typename === 'Gallery');
}

const typenames = (blocks: { __typename: string }[]) => blocks.map((b) => b.__typename).filter((t) => t !== 'AdSlot');

describe('WordPress formats', () => {
  it('reads block comments: nesting, void blocks, and malformed comments reported without losing content', () => {
    const { blocks, problems } = parseBlockDocument(
      '<!-- wp:group --><div><!-- wp:paragraph --><p>a</p><!-- /wp:paragraph --></div><!-- /wp:group -->' +
        '<!-- wp:block {"ref":7} /-->' +
        '<!-- /wp:heading -->' +
        '<!-- wp:image {"id":1,} --><img src="x"><!-- /wp:image -->' +
        '<!-- wp:quote --><blockquote>q</blockquote>',
    );
    expect(blocks.map((b) => b.name)).toEqual(['core/group', 'core/block', 'core/image', 'core/quote']);
    expect(blocks[0]!.innerBlocks[0]!.innerHTML).toBe('<p>a</p>');
    expect(blocks[1]!.attrs).toEqual({ ref: 7 });
    expect(blocks[3]!.innerHTML).toBe('<blockquote>q</blockquote>');
    expect(problems).toEqual([
      'closing comment for core/heading without an opening one',
      'core/image has attributes that are not JSON: {"id":1,}',
      'core/quote is not closed',
    ]);
  });

  it('paragraphs classic content as wpautop does', () => {
    expect(autop('Satu\ndua\n\nTiga\n<blockquote>kutipan</blockquote>\nEmpat')).toBe(
      '<p>Satu<br />\ndua</p>\n<p>Tiga</p>\n<blockquote>kutipan</blockquote>\n<p>Empat</p>',
    );
    expect(autop('<pre>a\n\nb</pre>')).toBe('<pre>a\n\nb</pre>');
  });

  it('reads shortcode attributes in every quoting style', () => {
    expect(shortcodeAttributes(` ids="1,2" columns='3' size=medium "https://a.test/x"`)).toEqual({
      ids: '1,2',
      columns: '3',
      size: 'medium',
      '0': 'https://a.test/x',
    });
  });

  it.each([
    ['https://youtu.be/M7lc1UVf-VE', 'youtube', 'https://www.youtube.com/watch?v=M7lc1UVf-VE'],
    ['https://www.youtube.com/shorts/aqz-KE-bpKQ', 'youtube', 'https://www.youtube.com/watch?v=aqz-KE-bpKQ'],
    ['https://twitter.com/infoBMKG/status/123?ref_src=twsrc', 'x', 'https://x.com/infoBMKG/status/123'],
    ['https://www.instagram.com/reel/C4abcDEF123/?utm_source=ig', 'instagram', 'https://www.instagram.com/reel/C4abcDEF123/'],
    [
      'https://www.tiktok.com/@kabar.id/video/7291234567890123457?is_from_webapp=1',
      'tiktok',
      'https://www.tiktok.com/@kabar.id/video/7291234567890123457',
    ],
    ['https://m.facebook.com/KemenkesRI/posts/pfbid02abc', 'facebook', 'https://www.facebook.com/KemenkesRI/posts/pfbid02abc'],
    ['https://open.spotify.com/intl-id/track/11dFghVXANMlKmJXsNCbNl?si=x', 'spotify', 'https://open.spotify.com/track/11dFghVXANMlKmJXsNCbNl'],
    ['https://vimeo.com/channels/staffpicks/76979871', 'vimeo', 'https://vimeo.com/76979871'],
  ])('embeds %s as %s, with markup the sanitiser keeps', (url, provider, canonical) => {
    const embed = embedFromUrl(url)!;
    expect(embed).toMatchObject({ provider, url: canonical });
    const src = /src="([^"]+)"/.exec(embed.html)![1]!;
    expect(Object.keys(EMBED_HOSTS)).toContain(new URL(src.replace(/&amp;/g, '&')).hostname);
    expect(sanitizeArticleHtml(embed.html)).toContain('<iframe');
  });

  it.each(['https://www.flickr.com/photos/kabar/1/', 'https://www.youtube.com/watch?v=short', 'javascript:alert(1)', 'https://x.com/jokowi'])(
    'does not embed %s',
    (url) => expect(embedFromUrl(url)).toBeNull(),
  );

  it('normalises old paths: host, trailing slash, case, noise parameters', () => {
    expect(normaliseArticlePath('https://Old.Site/2024/12/03/Slug/?utm_source=wa#x')).toBe('/2024/12/03/slug');
    expect(normaliseArticlePath('/?p=123&utm_source=wa')).toBe('/?p=123');
    expect(normaliseArticlePath('2024/12/03/slug')).toBe('/2024/12/03/slug');
    expect(normaliseArticlePath('/index.php/2024/12/03/slug')).toBe('/2024/12/03/slug');
    expect(normaliseArticlePath('/')).toBeNull();
    expect(normaliseArticlePath('   ')).toBeNull();
  });
});

describe('a theme-test-style export', () => {
  let first: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    first = await run([THEME_TEST]);
  });

  it('imports every published post, flags the untitled ones, and changes nothing when imported again', async () => {
    const { summary, skipped, flagged } = first;
    expect(skipped).toEqual([]);
    const published = await database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('import_key', 'like', 'https://tema-uji.test/%')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    const keyed = await database.db.selectFrom('articles').select('import_key').where('import_key', 'like', 'wordpress:tema-uji.test:%').execute();
    expect(Number(published.n) + keyed.length).toBe(publishedPostsIn(THEME_TEST));
    expect(keyed.map((k) => k.import_key).sort()).toEqual(['wordpress:tema-uji.test:18', 'wordpress:tema-uji.test:19']);
    expect(summary.flagged['generated-title']).toBe(2);
    expect(flagged.filter((f) => f.reason === 'generated-title').map((f) => f.detail)).toEqual([
      'untitled; titled "Gempa bermagnitudo 5,2 mengguncang Garut pagi ini" from its body',
      'untitled; titled "x.com/infoBMKG/status/1770000000000000001" from its body',
    ]);
    expect(flagged.find((f) => f.reason === 'malformed-content' && f.detail.includes('core/quote is not closed'))).toBeDefined();

    const before = await fingerprint();
    const again = await run([THEME_TEST]);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: summary.inserted });
    expect(await fingerprint()).toBe(before);
  });

  it('renders embeds of every provider as Embed blocks, in order; an unknown provider stays a link', async () => {
    const article = await articlePage('blok-sematan');
    const embeds = article.blocks.filter((b) => b.__typename === 'Embed');
    expect(embeds.map((e) => e.provider)).toEqual(['youtube', 'x', 'instagram', 'tiktok', 'facebook', 'spotify', 'vimeo']);
    for (const embed of embeds) expect(embed.html).toMatch(/^<iframe src="https:\/\/[^"]+"[^>]*><\/iframe>$/);
    const last = article.blocks.filter((b) => b.__typename !== 'AdSlot').at(-1)!;
    expect(last).toEqual({ __typename: 'Paragraph', html: expect.stringContaining('href="https://www.flickr.com/photos/kabar/53123456789/"') });
  });

  it('embeds provider URLs that stand on a line of their own in classic posts, and leaves a URL inside a sentence as text', async () => {
    const article = await articlePage('klasik-url-sematan');
    expect(article.blocks.filter((b) => b.__typename === 'Embed').map((e) => e.provider)).toEqual([
      'x',
      'youtube',
      'instagram',
      'tiktok',
      'facebook',
      'spotify',
      'vimeo',
    ]);
    const paragraphs = article.blocks.filter((b) => b.__typename === 'Paragraph').map((b) => b.html);
    expect(paragraphs).toContain('Tautan di dalam kalimat tetap teks: lihat https://www.youtube.com/watch?v=M7lc1UVf-VE untuk videonya.');
    // A URL of no known provider alone on its line stays a link (the API adds rel to every link).
    expect(paragraphs).toContainEqual(
      expect.stringMatching(/^<a href="https:\/\/contoh-lain\.test\/berita\/satu"[^>]*>https:\/\/contoh-lain\.test\/berita\/satu<\/a>$/),
    );
  });

  it('resolves [gallery ids] from attachments listed before and after the post, in the order of ids, with credits', async () => {
    const [gallery] = await galleriesOf('shortcode-gallery');
    expect(gallery!.images!.map((i) => path.basename(i.url))).toEqual(['borobudur.jpg', 'pantai-kuta.jpg', 'prambanan.jpg']);
    expect(gallery!.images![2]).toMatchObject({ caption: 'Candi Prambanan.', credit: 'Kabar/Sri Lestari' });
    const [own] = await galleriesOf('shortcode-gallery-tanpa-ids');
    expect(own!.images!.map((i) => path.basename(i.url))).toEqual(['danau-toba.jpg', 'raja-ampat.jpg']);
  });

  it('reads wp:gallery in its nested and its older form, with the gallery caption', async () => {
    const galleries = await galleriesOf('blok-gambar-galeri');
    expect(galleries).toHaveLength(2);
    expect(galleries[0]).toMatchObject({ caption: 'Wisata Nusantara.' });
    expect(galleries[0]!.images!.map((i) => [i.caption, i.credit])).toEqual([
      ['Kuta sore hari.', 'Kabar/Made Wirawan'],
      [null, 'Antara/Bayu Pratama'],
    ]);
    expect(galleries[1]!.images!.map((i) => i.caption)).toEqual([null, 'Prambanan.']);
  });

  it('imports image-only posts as articles whose body is their images', async () => {
    const photo = await articlePage('foto-senja-pantai-kuta');
    expect(typenames(photo.blocks)).toEqual(['Image']);
    expect(photo.blocks[0]).toMatchObject({ caption: 'Senja di Pantai Kuta, Bali.', credit: 'Kabar/Made Wirawan' });
    expect(typenames((await articlePage('galeri-wisata-nusantara')).blocks)).toEqual(['Gallery']);
  });

  it('reads every block type, keeps unknown blocks as sanitised HTML, and keeps what malformed comments surround', async () => {
    expect(typenames((await articlePage('blok-teks')).blocks)).toEqual([
      'Paragraph',
      'Heading',
      'Heading',
      'Paragraph', // ul
      'Paragraph', // ol
      'Quote',
      'Quote', // pullquote
      'Paragraph', // table
      'Paragraph', // its caption
      'Paragraph',
    ]);
    const unknown = await articlePage('blok-tak-dikenal');
    expect(unknown.blocks.map((b) => b.html ?? (b as { text?: string }).text)).toEqual([
      'Tayangan slide: dua foto wisata.',
      'Info penting',
      'Posko pengaduan buka 24 jam.',
    ]);
    const row = await database.db.selectFrom('articles').select('body_html').where('slug', '=', 'blok-tak-dikenal').executeTakeFirstOrThrow();
    expect(row.body_html).not.toMatch(/script|steal|onclick|style=/);
    expect(typenames((await articlePage('blok-komentar-rusak')).blocks)).toEqual(['Paragraph', 'Image', 'Quote', 'Paragraph']);
    expect((await articlePage('blok-pakai-ulang')).blocks.map((b) => b.html)).toEqual([
      'Isi tulisan sebelum blok pakai ulang.',
      'Ikuti kanal WhatsApp Tema Uji untuk kabar terbaru.',
    ]);
    expect(typenames((await articlePage('blok-bersarang')).blocks)).toEqual(['Paragraph', 'Image', 'Heading']);
  });

  it('turns [video], [audio] and [playlist] into players, and a YouTube [video] into its embed', async () => {
    const video = await articlePage('shortcode-video');
    expect(video.blocks.filter((b) => b.__typename === 'Embed').map((b) => [b.provider, b.html!.slice(0, 7)])).toEqual([
      ['video', '<video '],
      ['youtube', '<iframe'],
    ]);
    const playlist = await articlePage('shortcode-playlist');
    expect(playlist.blocks.filter((b) => b.__typename === 'Embed').map((b) => path.basename(b.url!))).toEqual(['podcast-1.mp3', 'podcast-2.mp3']);
  });

  it('answers old addresses with articleByPath, published articles only', async () => {
    const byPath = async (p: string) => {
      const res = await client.graphql('query($p: String!) { articleByPath(path: $p) { slug url } }', { p });
      return res;
    };
    expect((await byPath('/2024/03/02/shortcode-caption/')).data.articleByPath.slug).toBe('shortcode-caption');
    expect((await byPath('https://tema-uji.test/2024/03/shortcode-caption')).data.articleByPath.slug).toBe('shortcode-caption');
    expect((await byPath('/?p=1&utm_source=whatsapp')).data.articleByPath.slug).toBe('shortcode-caption');
    expect((await byPath('/archives/18')).data.articleByPath.slug).toBe('tanpa-tautan-klasik');
    expect((await byPath('/?p=23')).data.articleByPath).toBeNull(); // a draft
    expect((await byPath('/2099/01/01/tidak-ada/')).data.articleByPath).toBeNull();
    const bad = await byPath('/');
    expect(bad.errors?.[0]?.message).toMatch(/"path" must be a non-empty path/);
  });
});

describe('an Indonesian news export and REST pages', () => {
  it('keeps the social posts a newsroom embeds, photo stories and old permalinks, idempotently', async () => {
    const { summary, skipped } = await run([BERITA, REST]);
    expect(skipped).toEqual([]);
    expect(summary.inserted).toBe(publishedPostsIn(BERITA) + 1 /* the scheduled post */ + 5);

    const busway = await articlePage('viral-pengendara-motor-terobos-jalur-busway');
    // Pasted blockquote + script embed codes of Instagram, X and TikTok.
    expect(busway.blocks.filter((b) => b.__typename === 'Embed').map((b) => b.url)).toEqual([
      'https://www.instagram.com/reel/DDHx7y8zAbC/',
      'https://x.com/TMCPoldaMetro/status/1864200000000000001',
      'https://www.tiktok.com/@jakartaviral/video/7444000000000000001',
    ]);
    const [merak] = await galleriesOf('foto-suasana-mudik-natal-di-pelabuhan-merak');
    expect(merak!.images!.map((i) => i.credit)).toEqual(['Kabarnusa/Rina Kurnia', 'Antara/Asep Fathulrahman', null]);

    const cianjur = await articlePage('gempa-guncang-cianjur');
    expect(cianjur.blocks.filter((b) => b.__typename === 'Embed').map((b) => b.provider)).toEqual(['x', 'youtube']);
    expect(typenames((await articlePage('foto-festival-budaya-toraja')).blocks)).toEqual(['Gallery']);
    const restWithoutLink = await database.db
      .selectFrom('articles')
      .select('slug')
      .where('import_key', '=', 'wordpress:kabar-rest.test:303')
      .executeTakeFirstOrThrow();
    expect(restWithoutLink.slug).toBe('tanpa-tautan-rest');

    const res = await client.graphql('query($p: String!) { articleByPath(path: $p) { slug } }', {
      p: '/megapolitan/2024/12/03/banjir-rendam-lima-kecamatan-di-bekasi/',
    });
    expect(res.data.articleByPath.slug).toBe('banjir-rendam-lima-kecamatan-di-bekasi');

    const again = await run([BERITA, REST]);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: summary.inserted });
  });
});
