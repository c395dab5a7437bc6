import { parseDocument } from 'htmlparser2';
import { textContent } from 'domutils';
import { escapeHtml } from '../search/highlight';

// Turning imported bodies into HTML paragraphs. Scraped exports are the hard case (see
// ../shared/corpus/README.md): plain text whose paragraphs are separated by runs of commas, with
// commas standing in for link text the scraper dropped ("Pelatih ,, Gareth") and boilerplate such as
// "loading..." or "Baca juga: …" lines.

/** A value that means "nothing": empty, "-", "—", "null", "n/a". */
export function isMissing(value: string | null | undefined): boolean {
  if (value == null) return true;
  return /^\s*(-+|—|–|null|n\/?a|none)?\s*$/i.test(value);
}

export function cleanInline(text: string): string {
  return (
    text
      // Control characters are exactly what this removes.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u200B\uFEFF]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Spreadsheet errors that replaced a whole cell (#NAME?, #VALUE!, #REF!…). */
export function isSpreadsheetError(text: string): boolean {
  return /^#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NULL!|NUM!|ERROR!?|SPILL!|CALC!)$/i.test(text.trim());
}

const BOILERPLATE_PARAGRAPH = [
  /^loading\W*$/i,
  /^(baca|simak|lihat)( (juga|pula|selengkapnya|berita lainnya))?\s*:/i, // links to other articles
  /^(advertisement|iklan|scroll to (continue|resume)( with content)?)$/i,
  /^(editor|penulis|reporter|sumber)\s*:?\s*$/i, // a credit whose name was a link
];

/**
 * Splits scraped plain text into paragraphs. A run of commas directly followed by a non-space is a
 * paragraph break ("Pemain.,Inggris", ",,,Setelah"), except between digits ("37,3 juta") and before
 * a lower-case word ("tayang di,dengan judul": a dropped link). A comma run with spaces on both
 * sides is a dropped link and disappears. Line breaks are paragraph breaks too.
 */
export function splitScrapedText(text: string): string[] {
  const normalised = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+,+(?=[ \t])/g, '') // "Pelatih ,, Gareth" → "Pelatih Gareth"
    .replace(/,+\s*loading\.*\s*$/i, '');
  const marked = normalised.replace(/,+(?=\S)/g, (run, offset: number) => {
    const before = normalised[offset - 1] ?? '';
    const after = normalised[offset + run.length] ?? '';
    if (run.length === 1 && /\d/.test(before) && /\d/.test(after)) return run;
    if (/\p{Ll}/u.test(after) && /[\p{L}\p{N}]/u.test(before)) return ' ';
    return '\n';
  });
  return marked
    .split(/\n+/)
    .map((paragraph) => trimCommas(cleanInline(paragraph).replace(/^[-–—,\s]+/, '')))
    .filter((paragraph) => /[\p{L}\p{N}]/u.test(paragraph) && !BOILERPLATE_PARAGRAPH.some((re) => re.test(paragraph)));
}

function trimCommas(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ',' || text[end - 1] === ' ')) end -= 1;
  return text.slice(0, end);
}

export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

/** Paragraph-level boilerplate removed from HTML bodies as well (by the same rules). */
export function dropBoilerplateParagraphs(html: string): string {
  return html.replace(/<p\b[^>]*>([\s\S]*?)<\/p>/gi, (whole, inner: string) => {
    const text = cleanInline(htmlToText(inner));
    return text && BOILERPLATE_PARAGRAPH.some((re) => re.test(text)) ? '' : whole;
  });
}

/** Text of an HTML fragment with entities decoded (WordPress titles come as "Kopi &#8211; Teh"). */
export function htmlToText(html: string): string {
  return textContent(parseDocument(html, { decodeEntities: true }));
}

export function looksLikeHtml(text: string): boolean {
  return /<\/?(p|br|div|h[1-6]|ul|ol|li|blockquote|figure|img|a|strong|em|b|i|span|iframe|table)\b[^>]*>/i.test(text);
}

/** The first sentences of a body, cut at a word boundary near `max` characters, for lists and feeds. */
export function excerptFrom(paragraphs: readonly string[], max = 200): string | null {
  const first = paragraphs.find((p) => p.split(' ').length >= 5) ?? paragraphs[0];
  if (!first) return null;
  if (first.length <= max) return first;
  const cut = first.slice(0, max + 1);
  const sentence = cut.lastIndexOf('. ');
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max).replace(/[\s,.;:–—-]+$/, '')}…`;
}
