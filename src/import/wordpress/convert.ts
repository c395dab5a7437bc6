import type { BodyPart } from '../../content/body';
import { embedFromUrl } from '../../content/embeds';
import { escapeHtml } from '../../search/highlight';
import { autop } from './autop';
import { blockHtml, hasBlocks, parseBlockDocument, type ParsedBlock } from './block-grammar';
import { htmlToParts } from './html-parts';
import type { WordPressMedia } from './media';
import { expandShortcodes, type ShortcodeContext } from './shortcodes';

// A WordPress post's content as WordPress renders it, into Kabar's body parts: block comments read
// into blocks (unknown blocks keep their HTML), classic content paragraphed as wpautop does, media
// shortcodes expanded, provider URLs on a line of their own embedded as WordPress's autoembed does.

export interface WordPressBody {
  parts: BodyPart[];
  /** What could not be read as written (malformed block comments, missing attachments…). */
  problems: string[];
}

export interface ConvertOptions {
  postId: string | null;
  media: WordPressMedia;
  /** 'stored': post_content (WXR, REST content.raw); 'rendered': REST content.rendered, already expanded. */
  form: 'stored' | 'rendered';
}

// Reusable blocks can include reusable blocks; a cycle must end somewhere.
const MAX_REUSABLE_DEPTH = 5;

// Blocks whose HTML is one piece even when it holds inner blocks (a quote's paragraphs, a list's items).
const WHOLE_BLOCKS = new Set([
  'core/quote',
  'core/pullquote',
  'core/list',
  'core/table',
  'core/verse',
  'core/preformatted',
  'core/code',
  'core/details',
]);
const NOTHING_TO_SHOW = new Set([
  'core/separator',
  'core/spacer',
  'core/more',
  'core/nextpage',
  'core/comments',
  'core/latest-posts',
  'core/archives',
]);

/** A URL alone on a line (WordPress's autoembed rule) stands apart, to become an embed; others become links. */
function isolateUrlLines(text: string): string {
  return text.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (_line, url: string) =>
    embedFromUrl(url)
      ? `\n\n<figure class="wp-block-embed"><div>${escapeHtml(url)}</div></figure>\n\n`
      : `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`,
  );
}

function fromHtml(html: string, context: ShortcodeContext, paragraphs: boolean): BodyPart[] {
  if (!html.trim()) return [];
  const expanded = expandShortcodes(isolateUrlLines(html.replace(/\r\n?/g, '\n')), context);
  return htmlToParts(paragraphs ? autop(expanded) : expanded, context.media);
}

function embedBlockParts(block: ParsedBlock): BodyPart[] {
  const html = blockHtml(block);
  const url = typeof block.attrs.url === 'string' ? block.attrs.url : /https?:\/\/[^\s<>"]+/.exec(html.replace(/<[^>]*>/g, ' '))?.[0];
  if (!url) return [];
  const embed = embedFromUrl(url);
  if (embed) return [{ kind: 'block', block: embed }];
  const caption = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/i.exec(html)?.[1];
  return [{ kind: 'html', html: `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>${caption ? `<p>${caption}</p>` : ''}` }];
}

function blockParts(block: ParsedBlock, context: ShortcodeContext, depth: number): BodyPart[] {
  const name = block.name;
  if (name === null || name === 'core/freeform') return fromHtml(block.innerHTML, context, false);
  if (NOTHING_TO_SHOW.has(name)) return [];
  if (name === 'core/embed' || name.startsWith('core-embed/')) return embedBlockParts(block);
  if (name === 'core/block') {
    const ref = String(block.attrs.ref ?? '');
    const content = context.media.reusableBlock(ref);
    if (content === undefined) {
      context.problems.push(`reusable block ${ref || '(no ref)'} is not in the export`);
      return [];
    }
    if (depth >= MAX_REUSABLE_DEPTH) {
      context.problems.push(`reusable block ${ref} nests more than ${MAX_REUSABLE_DEPTH} deep`);
      return [];
    }
    return contentParts(content, context, depth + 1);
  }
  if (name === 'core/gallery' && !/<img\b/i.test(blockHtml(block)) && Array.isArray(block.attrs.ids)) {
    return fromHtml(`[gallery ids="${block.attrs.ids.map(String).join(',')}"]`, context, false);
  }
  if (block.innerBlocks.length === 0 || WHOLE_BLOCKS.has(name) || name === 'core/gallery') return fromHtml(blockHtml(block), context, false);
  // Containers (group, columns, cover) and unknown blocks with inner blocks: their own HTML and
  // their inner blocks, in order.
  let inner = 0;
  return block.innerContent.flatMap((piece) =>
    piece === null ? blockParts(block.innerBlocks[inner++]!, context, depth) : fromHtml(piece, context, false),
  );
}

function contentParts(content: string, context: ShortcodeContext, depth: number): BodyPart[] {
  if (!hasBlocks(content)) return fromHtml(content, context, true);
  const document = parseBlockDocument(content);
  context.problems.push(...document.problems);
  return document.blocks.flatMap((block) => blockParts(block, context, depth));
}

export function convertWordPressContent(content: string, options: ConvertOptions): WordPressBody {
  const context: ShortcodeContext = { postId: options.postId, media: options.media, problems: [] };
  const parts =
    options.form === 'rendered'
      ? htmlToParts(isolateUrlLines(content.replace(/\r\n?/g, '\n')), options.media)
      : contentParts(content.replace(/<!--more(.*?)?-->|<!--nextpage-->/g, ''), context, 0);
  return { parts, problems: context.problems };
}
