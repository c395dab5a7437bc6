import sanitizeHtml from 'sanitize-html';
import { parseDocument } from 'htmlparser2';
import { getOuterHTML, getInnerHTML, textContent } from 'domutils';
import type { ChildNode, Element } from 'domhandler';

// Serialise as UTF-8: only markup-significant characters become entities, not every non-ASCII one.
const SERIALIZE = { encodeEntities: 'utf8' } as const;
import type { GalleryImage, StoredBlock } from '../db/types';
import { ARTICLE_HTML_ALLOWLIST, EMBED_HOSTS, stripControlCharacters } from '../common/sanitise';
import { escapeHtml } from '../search/highlight';

// Article bodies are sanitised and split into blocks once, when an article is written (seed,
// import), never per request. Readers get the stored HTML and blocks; ad slots are placed at read
// time because the rule is a publication setting.

// The allowlist is shared with the feeds (src/common/sanitise.ts); only the link rewrite is the body's own.
export { EMBED_HOSTS, stripControlCharacters };

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  ...ARTICLE_HTML_ALLOWLIST,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target === '_blank' ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
    h1: 'h2',
  },
};

/** Removes everything but a small set of structural tags: no scripts, styles, handlers or forms. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(stripControlCharacters(html), SANITIZE_OPTIONS).trim();
}

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag';
}

function intAttribute(element: Element, name: string): number | null {
  const value = Number.parseInt(element.attribs[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function findFirst(node: Element, name: string): Element | null {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === name) return child;
    const nested = findFirst(child, name);
    if (nested) return nested;
  }
  return null;
}

function imageBlock(img: Element, caption: Element | null): StoredBlock | null {
  const url = img.attribs.src;
  if (!url) return null;
  return {
    type: 'image',
    url,
    width: intAttribute(img, 'width'),
    height: intAttribute(img, 'height'),
    caption: caption ? normaliseSpace(textContent(caption)) || null : img.attribs.alt || null,
    credit: caption?.attribs['data-credit'] ?? null,
  };
}

function embedBlock(iframe: Element): StoredBlock | null {
  const url = iframe.attribs.src;
  if (!url) return null;
  const provider = EMBED_HOSTS[new URL(url).hostname] ?? 'other';
  return { type: 'embed', provider, url, html: getOuterHTML(iframe, SERIALIZE) };
}

function blockFromElement(element: Element): StoredBlock | null {
  switch (element.name) {
    case 'p': {
      const html = getInnerHTML(element, SERIALIZE).trim();
      return textContent(element).trim() ? { type: 'paragraph', html } : null;
    }
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': {
      const text = normaliseSpace(textContent(element));
      return text ? { type: 'heading', level: Number(element.name.slice(1)), text } : null;
    }
    case 'blockquote': {
      const cite = findFirst(element, 'cite');
      const attribution = cite ? normaliseSpace(textContent(cite)) : null;
      const fullText = normaliseSpace(textContent(element));
      const text = attribution && fullText.endsWith(attribution) ? fullText.slice(0, -attribution.length).replace(/[\s—–-]+$/, '') : fullText;
      return text ? { type: 'quote', text, attribution: attribution || null } : null;
    }
    case 'figure': {
      const iframe = findFirst(element, 'iframe');
      if (iframe) return embedBlock(iframe);
      const img = findFirst(element, 'img');
      return img ? imageBlock(img, findFirst(element, 'figcaption')) : null;
    }
    case 'img':
      return imageBlock(element, null);
    case 'iframe':
      return embedBlock(element);
    case 'ul':
    case 'ol':
      return { type: 'paragraph', html: getOuterHTML(element, SERIALIZE) };
    default: {
      const text = textContent(element).trim();
      return text ? { type: 'paragraph', html: getOuterHTML(element, SERIALIZE) } : null;
    }
  }
}

/** Splits sanitised body HTML into typed blocks; loose inline content becomes paragraphs. */
export function parseBlocks(sanitisedHtml: string): StoredBlock[] {
  const document = parseDocument(sanitisedHtml);
  const blocks: StoredBlock[] = [];
  let loose: ChildNode[] = [];
  const flushLoose = () => {
    const html = loose
      .map((n) => getOuterHTML(n, SERIALIZE))
      .join('')
      .trim();
    if (html && loose.some((n) => textContent(n).trim())) blocks.push({ type: 'paragraph', html });
    loose = [];
  };
  for (const node of document.children) {
    const blockLevel =
      isElement(node) && ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'iframe', 'ul', 'ol', 'table'].includes(node.name);
    if (!blockLevel) {
      if (!(isElement(node) && node.name === 'br')) loose.push(node);
      continue;
    }
    flushLoose();
    const block = blockFromElement(node as Element);
    if (block) blocks.push(block);
  }
  flushLoose();
  return blocks;
}

export interface PreparedBody {
  bodyHtml: string;
  blocks: StoredBlock[];
  wordCount: number;
}

export function countWords(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length;
}

export function prepareArticleBody(rawHtml: string): PreparedBody {
  const bodyHtml = sanitizeArticleHtml(rawHtml);
  const blocks = parseBlocks(bodyHtml);
  // Tags become spaces so that words of adjacent blocks are not glued together.
  const wordCount = countWords(bodyHtml.replace(/<[^>]*>/g, ' '));
  return { bodyHtml, blocks, wordCount };
}

/**
 * A body assembled from pieces (imports that understand their source's structure): HTML that is
 * sanitised and split like any body, and blocks made already (embeds, galleries, images), whose
 * fields are checked here and whose HTML is written here, so that body_html and blocks agree.
 */
export type BodyPart = { kind: 'html'; html: string } | { kind: 'block'; block: StoredBlock };

function httpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function plain(text: string | null | undefined): string | null {
  return text ? normaliseSpace(stripControlCharacters(text)) || null : null;
}

function figureHtml(image: GalleryImage): string {
  const size = `${image.width ? ` width="${image.width}"` : ''}${image.height ? ` height="${image.height}"` : ''}`;
  const credit = image.credit ? ` data-credit="${escapeHtml(image.credit)}"` : '';
  const caption = image.caption || image.credit ? `<figcaption${credit}>${escapeHtml(image.caption ?? '')}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.caption ?? '')}"${size}>${caption}</figure>`;
}

function checkedImage(image: GalleryImage): GalleryImage | null {
  const url = httpUrl(image.url);
  if (!url) return null;
  const size = (n: number | null) => (n && Number.isFinite(n) && n > 0 ? Math.round(n) : null);
  return { url, width: size(image.width), height: size(image.height), caption: plain(image.caption), credit: plain(image.credit) };
}

/** A made block with its fields checked and its HTML, or null when nothing of it is safe to keep. */
function preparedBlock(block: StoredBlock): { block: StoredBlock; html: string } | null {
  switch (block.type) {
    case 'gallery': {
      const images = block.images.map(checkedImage).filter((i): i is GalleryImage => i !== null);
      if (images.length === 0) return null;
      const caption = plain(block.caption);
      return { block: { type: 'gallery', images, caption }, html: images.map(figureHtml).join('') };
    }
    case 'image': {
      const image = checkedImage(block);
      return image ? { block: { type: 'image', ...image }, html: figureHtml(image) } : null;
    }
    case 'embed': {
      const url = httpUrl(block.url);
      const html = sanitizeArticleHtml(block.html);
      if (!url) return null;
      // Markup the sanitiser emptied (a host it does not allow) leaves a link, not nothing.
      if (!/<(iframe|video|audio)\b/.test(html)) {
        return {
          block: { type: 'paragraph', html: `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` },
          html: `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
        };
      }
      return { block: { type: 'embed', provider: block.provider, url, html }, html: `<figure>${html}</figure>` };
    }
    default: {
      const html = sanitizeArticleHtml(block.type === 'paragraph' ? `<p>${block.html}</p>` : '');
      return html ? { block: parseBlocks(html)[0]!, html } : null;
    }
  }
}

/** Like prepareArticleBody, for a body given as parts. */
export function prepareArticleBodyFromParts(parts: readonly BodyPart[]): PreparedBody {
  const html: string[] = [];
  const blocks: StoredBlock[] = [];
  for (const part of parts) {
    if (part.kind === 'html') {
      const clean = sanitizeArticleHtml(part.html);
      if (!clean) continue;
      html.push(clean);
      blocks.push(...parseBlocks(clean));
    } else {
      const prepared = preparedBlock(part.block);
      if (!prepared) continue;
      html.push(prepared.html);
      blocks.push(prepared.block);
    }
  }
  const bodyHtml = html.join('\n');
  return { bodyHtml, blocks, wordCount: countWords(bodyHtml.replace(/<[^>]*>/g, ' ')) };
}

export type ReadBlock = StoredBlock | { type: 'adSlot'; slotId: string; position: number };

/**
 * Places an ad slot after every `everyParagraphs`-th paragraph, never as the last block (an ad
 * after the final paragraph sits beside the share buttons). 0 disables in-article ads.
 */
export function insertAdSlots(blocks: StoredBlock[], everyParagraphs: number): ReadBlock[] {
  if (everyParagraphs <= 0) return blocks;
  const result: ReadBlock[] = [];
  let paragraphs = 0;
  let slots = 0;
  blocks.forEach((block, index) => {
    result.push(block);
    if (block.type !== 'paragraph') return;
    paragraphs += 1;
    if (paragraphs % everyParagraphs === 0 && index < blocks.length - 1) {
      slots += 1;
      result.push({ type: 'adSlot', slotId: `inarticle-${slots}`, position: slots });
    }
  });
  return result;
}

/** Reading speed assumed for Article.readingTimeMinutes. */
const WORDS_PER_MINUTE = 200;

/** Reading time at 200 words a minute, the usual figure for Indonesian prose; at least one minute. */
export function readingTimeMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}
