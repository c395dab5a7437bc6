import sanitizeHtml from 'sanitize-html';
import { parseDocument } from 'htmlparser2';
import { getOuterHTML, getInnerHTML, textContent } from 'domutils';
import type { ChildNode, Element } from 'domhandler';

// Serialise as UTF-8: only markup-significant characters become entities, not every non-ASCII one.
const SERIALIZE = { encodeEntities: 'utf8' } as const;
import type { StoredBlock } from '../db/types';
import { ARTICLE_HTML_ALLOWLIST, EMBED_HOSTS, stripControlCharacters } from '../common/sanitise';

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
    const blockLevel = isElement(node) && ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'iframe', 'ul', 'ol'].includes(node.name);
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
