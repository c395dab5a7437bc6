import { badField } from '../editorial/errors';

// A comment body is plain text. It is checked and tidied once, on the way in; on the way out it is
// HTML-escaped, blank lines make paragraphs, single line breaks stay, and web addresses become
// links that pass no ranking (rel="nofollow ugc noopener").

/** C0 and C1 control characters except tab and line feed (carriage returns are folded first). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/**
 * Bidirectional embeddings, overrides and isolates: in a comment they can only flip the order of
 * the text around them (or of the page after it), so they are removed. Marks (U+200E/F) stay.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
/** http(s) addresses and www. addresses; the end is trimmed of trailing punctuation below. */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

export interface BodyLimits {
  maxChars: number;
}

/** The body as stored: the reader's text with line ends unified and invisible reordering removed. */
export function cleanCommentBody(raw: string, limits: BodyLimits): string {
  const text = raw.replace(/\r\n?/g, '\n');
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw badField('body', `contains the control character U+${code}; a comment is plain text: letters, punctuation, line breaks and emoji.`);
  }
  const body = text
    .replace(BIDI_CONTROLS, '')
    .normalize('NFC')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (body.length === 0) throw badField('body', 'is empty; write a comment of 1 to ' + limits.maxChars + ' characters.');
  const length = [...body].length;
  if (length > limits.maxChars) {
    throw badField('body', `is ${length} characters long; at most ${limits.maxChars} are allowed.`);
  }
  return body;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Each web address in the text, as written. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[0].replace(TRAILING_PUNCTUATION, '')).filter((link) => link.length > 4);
}

function linkify(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    const written = match[0].replace(TRAILING_PUNCTUATION, '');
    const start = match.index;
    html += escapeHtml(line.slice(last, start));
    const href = /^www\./i.test(written) ? `https://${written}` : written;
    html += `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener">${escapeHtml(written)}</a>`;
    last = start + written.length;
  }
  return html + escapeHtml(line.slice(last));
}

/** The stored body as HTML: paragraphs, line breaks, clickable links; everything else escaped. */
export function commentHtml(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split('\n').map(linkify).join('<br>')}</p>`)
    .join('');
}
