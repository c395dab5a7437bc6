import { sql } from 'kysely';
import { outputHtml } from '../src/common/output-html';
import { useTestApp } from './helpers/app';
import { insertArticle } from './helpers/fixtures';

// Stored HTML is cleaned again on its way out of the API (issue 15): whatever reached the table
// (an old import, a direct SQL edit), readers get only the allowlist, with links that open no window
// handle to the page and embeds that run sandboxed.

const { database, client } = useTestApp();

const HOSTILE = [
  '<p>Banjir <a href="https://contoh.id/berita" target="_blank">rob</a> di pesisir.</p>',
  '<p onclick="steal()">Klik <a href="javascript:alert(1)">di sini</a><script>alert(1)</script></p>',
  '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe>',
  '<iframe src="https://evil.example/x"></iframe>',
  '<p><img src="x" onerror="alert(1)"><style>body{display:none}</style>Akhir.</p>',
].join('');

it('cleans stored HTML again on output: no scripts or handlers, rel on links, sandboxed embeds', async () => {
  const article = await insertArticle(database.db);
  // Written around the sanitiser on purpose, as a direct SQL edit would be.
  const blocks = [
    { type: 'paragraph', html: '<a href="https://contoh.id" onmouseover="x()">tautan</a><script>alert(2)</script>' },
    {
      type: 'embed',
      provider: 'youtube',
      url: 'https://www.youtube.com/embed/abc123',
      html: '<iframe src="https://www.youtube.com/embed/abc123" onload="x()"></iframe>',
    },
  ];
  await sql`update articles set body_html = ${HOSTILE}, blocks = ${JSON.stringify(blocks)}::jsonb where id = ${article.id}`.execute(database.db);

  const answer = await client.graphql(
    `query ($slug: String!) { article(slug: $slug) { bodyHtml blocks { __typename ... on Paragraph { html } ... on Embed { html } } } }`,
    { slug: article.slug },
  );
  expect(answer.errors).toBeUndefined();
  const { bodyHtml, blocks: read } = answer.data.article;
  for (const html of [bodyHtml, ...read.map((block: { html?: string }) => block.html ?? '')]) {
    expect(html).not.toMatch(/<script|onclick|onerror|onload|onmouseover|javascript:|<style|evil\.example/i);
  }
  expect(bodyHtml).toContain('<a href="https://contoh.id/berita" target="_blank" rel="noopener noreferrer">rob</a>');
  expect(bodyHtml).toMatch(
    /<iframe src="https:\/\/www\.youtube\.com\/embed\/abc123"[^>]* sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"[^>]* loading="lazy"/,
  );
  expect(read.find((block: { __typename: string }) => block.__typename === 'Paragraph').html).toBe(
    '<a href="https://contoh.id" rel="noopener noreferrer">tautan</a>',
  );
  expect(read.find((block: { __typename: string }) => block.__typename === 'Embed').html).toMatch(/^<iframe [^>]*sandbox=/);
});

it('keeps clean HTML as it is, and answers a repeat from its memo with the same string', () => {
  const clean = '<p>Presiden <strong>meresmikan</strong> jembatan <em>baru</em>.</p>';
  expect(outputHtml(clean)).toBe(clean);
  expect(outputHtml('')).toBe('');
  const first = outputHtml('<p><a href="https://a.id">a</a></p>');
  expect(outputHtml('<p><a href="https://a.id">a</a></p>')).toBe(first);
});
