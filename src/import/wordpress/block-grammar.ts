// The block editor's serialisation: blocks are HTML comments around their HTML,
//   <!-- wp:namespace/name {"json":"attributes"} --> … <!-- /wp:namespace/name -->
//   <!-- wp:name {"attrs":1} /-->                       (a void block)
// with "core/" implied when there is no namespace, and text outside any block being "freeform"
// (classic) HTML. Written here from the grammar in the Block Editor Handbook rather than taken from
// @wordpress/block-serialization-default-parser, which is GPL-2.0-or-later: linking it would put
// Kabar (UNLICENSED, delivered to publishers) under the GPL. Unlike that parser, this one also
// reports what was malformed, so that the import report can say which posts to look at.

export interface ParsedBlock {
  /** "core/paragraph", "jetpack/slideshow"…; null for freeform HTML between blocks. */
  name: string | null;
  attrs: Record<string, unknown>;
  innerBlocks: ParsedBlock[];
  /** The block's own HTML, without its inner blocks. */
  innerHTML: string;
  /** The block's HTML in pieces, with null where each inner block goes. */
  innerContent: (string | null)[];
}

export interface ParsedDocument {
  blocks: ParsedBlock[];
  /** What was wrong with the block comments (the blocks are still read as well as they can be). */
  problems: string[];
}

// Attributes are a JSON object that ends at the first "}" followed by whitespace and the comment's
// end (WordPress escapes "--" and "<" inside attribute strings, so the object cannot contain it).
const TOKEN = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+(\{[\s\S]*?\}\s+)?(\/)?-->/g;

export function hasBlocks(content: string): boolean {
  return content.includes('<!-- wp:');
}

function freeform(html: string): ParsedBlock {
  return { name: null, attrs: {}, innerBlocks: [], innerHTML: html, innerContent: [html] };
}

function addHtml(block: ParsedBlock, html: string): void {
  if (!html) return;
  block.innerHTML += html;
  block.innerContent.push(html);
}

export function parseBlockDocument(content: string): ParsedDocument {
  const top: ParsedBlock[] = [];
  const stack: ParsedBlock[] = [];
  const problems: string[] = [];
  const emitHtml = (html: string) => {
    if (!html) return;
    if (stack.length > 0) addHtml(stack[stack.length - 1]!, html);
    else top.push(freeform(html));
  };
  const attach = (block: ParsedBlock) => {
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.innerBlocks.push(block);
      parent.innerContent.push(null);
    } else {
      top.push(block);
    }
  };

  let offset = 0;
  for (const match of content.matchAll(TOKEN)) {
    const [whole, closer, namespace, localName, json, voidMark] = match;
    emitHtml(content.slice(offset, match.index));
    offset = match.index + whole.length;
    const name = `${namespace ?? 'core/'}${localName}`;
    if (closer) {
      const at = stack.map((b) => b.name).lastIndexOf(name);
      if (at < 0) {
        problems.push(`closing comment for ${name} without an opening one`);
        continue;
      }
      // Blocks opened inside it and never closed end where it ends.
      for (const unclosed of stack.slice(at + 1)) problems.push(`${unclosed.name} is not closed before the end of ${name}`);
      while (stack.length - 1 > at) attach(stack.pop()!);
      attach(stack.pop()!);
      continue;
    }
    let attrs: Record<string, unknown> = {};
    if (json) {
      try {
        const parsed: unknown = JSON.parse(json);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) attrs = parsed as Record<string, unknown>;
      } catch {
        problems.push(`${name} has attributes that are not JSON: ${json.trim().slice(0, 60)}`);
      }
    }
    const block: ParsedBlock = { name, attrs, innerBlocks: [], innerHTML: '', innerContent: [] };
    if (voidMark) attach(block);
    else stack.push(block);
  }
  emitHtml(content.slice(offset));
  while (stack.length > 0) {
    const unclosed = stack.pop()!;
    problems.push(`${unclosed.name} is not closed`);
    attach(unclosed);
  }
  return { blocks: top, problems };
}

/** A block's complete HTML: its own HTML with its inner blocks' HTML where they stand. */
export function blockHtml(block: ParsedBlock): string {
  let inner = 0;
  return block.innerContent.map((piece) => piece ?? blockHtml(block.innerBlocks[inner++]!)).join('');
}
