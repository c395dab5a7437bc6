import sanitizeHtml from 'sanitize-html';
import { parseDocument } from 'htmlparser2';
import { textContent } from 'domutils';
import { Element, Text } from 'domhandler';
import render from 'dom-serializer';
import { HTML_ALLOWLIST, stripControlCharacters } from '../common/sanitise';
import { truncateWords } from '../common/text';

// Text and HTML as partners receive them. Bodies are sanitised when they are written, but a feed is
// read by software we do not control, so everything is cleaned again on the way out: whatever was
// stored (an old import, a manual SQL fix), the feed stays well-formed and harmless.

// Lone UTF-16 surrogates cannot be encoded in UTF-8 XML; they only come from broken imports.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A plain-text field (title, excerpt, name): no control characters, no broken surrogates, trimmed. */
export function cleanText(text: string | null | undefined): string {
  if (!text) return '';
  return stripControlCharacters(text).replace(LONE_SURROGATE, '').replace(/\s+/g, ' ').trim();
}

function absolute(value: string | undefined, baseUrl: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), `${baseUrl}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function withAbsolute(attribute: string, baseUrl: string): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    const next = { ...attribs };
    const url = absolute(attribs[attribute], baseUrl);
    if (url) next[attribute] = url;
    else delete next[attribute];
    return { tagName, attribs: next };
  };
}

function feedSanitizeOptions(baseUrl: string): sanitizeHtml.IOptions {
  return {
    // The shared allowlist, without the body's link targets and credits: partners render our HTML
    // inside their own pages. Relative URLs are made absolute (below) before the scheme check sees them.
    ...HTML_ALLOWLIST,
    transformTags: {
      a: withAbsolute('href', baseUrl),
      img: withAbsolute('src', baseUrl),
      iframe: withAbsolute('src', baseUrl),
      h1: 'h2',
    },
    // An image whose address was unusable is dropped rather than left as a broken <img>.
    exclusiveFilter: (frame) => (frame.tag === 'img' || frame.tag === 'iframe') && !frame.attribs.src,
  };
}

/** Body HTML fit for a feed: re-sanitised, with every link and image address absolute. */
export function feedHtml(html: string, baseUrl: string): string {
  const cleaned = stripControlCharacters(html).replace(LONE_SURROGATE, '');
  return sanitizeHtml(cleaned, feedSanitizeOptions(baseUrl)).trim();
}

export interface FigureImage {
  url: string;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
}

/** The hero image as a <figure>, built as a DOM and serialised, so attributes are escaped correctly. */
export function figureHtml(image: FigureImage): string {
  const attribs: Record<string, string> = { src: image.url, alt: image.caption ?? '' };
  if (image.width) attribs.width = String(image.width);
  if (image.height) attribs.height = String(image.height);
  const children: Element[] = [new Element('img', attribs)];
  const captionText = [image.caption, image.credit ? `Foto: ${image.credit}` : null].filter(Boolean).join(' — ');
  if (captionText) children.push(new Element('figcaption', {}, [new Text(captionText)]));
  return render(new Element('figure', {}, children), { encodeEntities: 'utf8', emptyAttrs: true });
}

/** Excerpts made from a body fit a feed's summary field and a couple of lines of a reader's list. */
const DEFAULT_EXCERPT_CHARS = 280;

/** Plain text of an HTML fragment, cut at a word boundary to at most `maxLength` characters. */
export function textExcerpt(html: string, maxLength = DEFAULT_EXCERPT_CHARS): string {
  return truncateWords(cleanText(textContent(parseDocument(html))), maxLength);
}
