// ts_headline marks matches with two private-use characters that real text does not contain (they
// are removed from the text first); the marks become <mark> only after everything else has been
// HTML-escaped, so a title like "<script>" reaches the reader as text, never as markup.

export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** ts_headline options for titles: the whole title, every match marked. */
export const TITLE_HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_END}`;

/** ts_headline options for excerpts: up to two fragments of 10 to 24 words around matches. */
export const EXCERPT_HEADLINE_OPTIONS = `MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … ", StartSel=${MARK_START}, StopSel=${MARK_END}`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** Decodes the entities that sanitised HTML contains (named basics and numeric references). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Escaped HTML with <mark>…</mark> around the marked matches; unbalanced marks are dropped.
 * `entities`: the text still has HTML entities (passages of a body), decoded before escaping.
 */
export function markedToHtml(marked: string, options: { entities?: boolean } = {}): string {
  let html = '';
  let open = false;
  let text = '';
  const flush = () => {
    html += escapeHtml(options.entities ? decodeEntities(text) : text);
    text = '';
  };
  for (const ch of marked.replace(/\s+/g, ' ').trim()) {
    if (ch === MARK_START && !open) {
      flush();
      html += '<mark>';
      open = true;
    } else if (ch === MARK_END && open) {
      flush();
      html += '</mark>';
      open = false;
    } else if (ch !== MARK_START && ch !== MARK_END) {
      text += ch;
    }
  }
  flush();
  if (open) html += '</mark>';
  return html;
}

export function hasMarks(marked: string): boolean {
  return marked.includes(MARK_START);
}

/** Plain text cut at a word boundary near `max` characters, with an ellipsis when cut. */
export function truncateWords(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : clean.slice(0, max)).replace(/[\s,.;:–—-]+$/, '')}…`;
}
