import { insertAdSlots, parseBlocks, prepareArticleBody, readingTimeMinutes, sanitizeArticleHtml } from '../src/content/body';

describe('article body', () => {
  it('removes scripts, styles, event handlers, javascript: links and foreign iframes', () => {
    const hostile = [
      '<p style="color:red" onclick="steal()">Halo <script>alert(1)</script><b>dunia</b></p>',
      '<style>p{display:none}</style>',
      '<p><a href="javascript:alert(1)">klik</a> <img src="x" onerror="alert(2)"></p>',
      '<iframe src="https://evil.example/x"></iframe>',
      '<p>ok\u0000\u0007</p>',
    ].join('');
    const html = sanitizeArticleHtml(hostile);
    expect(html).not.toMatch(/script|style|onclick|onerror|javascript:|evil\.example|alert/);
    // eslint-disable-next-line no-control-regex
    expect(html).not.toMatch(/[\u0000-\u0008]/);
    expect(html).toContain('<b>dunia</b>');
  });

  it('splits HTML into typed blocks', () => {
    const { blocks, wordCount } = prepareArticleBody(
      '<p>Satu dua tiga.</p><h2>Subjudul</h2>' +
        '<figure><img src="https://img.test/a.jpg" width="800" height="450" alt="alt"><figcaption data-credit="Kabar/Ani">Keterangan foto</figcaption></figure>' +
        '<blockquote><p>Kita harus bekerja.</p><cite>Presiden</cite></blockquote>' +
        '<figure><iframe src="https://www.youtube.com/embed/abcdefghijk" width="560" height="315"></iframe></figure>' +
        'teks lepas',
    );
    expect(blocks).toEqual([
      { type: 'paragraph', html: 'Satu dua tiga.' },
      { type: 'heading', level: 2, text: 'Subjudul' },
      { type: 'image', url: 'https://img.test/a.jpg', width: 800, height: 450, caption: 'Keterangan foto', credit: 'Kabar/Ani' },
      { type: 'quote', text: 'Kita harus bekerja.', attribution: 'Presiden' },
      expect.objectContaining({ type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/embed/abcdefghijk' }),
      { type: 'paragraph', html: 'teks lepas' },
    ]);
    expect(wordCount).toBeGreaterThanOrEqual(9);
  });

  it('places an ad slot after every n-th paragraph but never last', () => {
    const blocks = parseBlocks('<p>1</p><p>2</p><p>3</p><p>4</p><p>5</p><p>6</p>');
    const types = insertAdSlots(blocks, 3).map((b) => (b.type === 'adSlot' ? `ad${b.position}` : 'p'));
    expect(types).toEqual(['p', 'p', 'p', 'ad1', 'p', 'p', 'p']);
    expect(insertAdSlots(blocks, 0)).toHaveLength(6);
  });

  it('estimates reading time at 200 words a minute, at least one', () => {
    expect(readingTimeMinutes(0)).toBe(1);
    expect(readingTimeMinutes(1000)).toBe(5);
  });
});

describe('serialisation', () => {
  it('keeps Indonesian and typographic characters as UTF-8, escaping only markup', () => {
    const { blocks } = prepareArticleBody('<p>“Kami” &amp; café &lt;b&gt;</p>');
    expect(blocks).toEqual([{ type: 'paragraph', html: '“Kami” &amp; café &lt;b&gt;' }]);
  });
});
