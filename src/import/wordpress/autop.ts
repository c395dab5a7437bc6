// WordPress stores classic-editor posts without <p>: wpautop() adds them when a page is rendered.
// This follows wpautop's rules (wp-includes/formatting.php): block-level tags stand in paragraphs
// of their own, blank lines separate paragraphs, a single newline inside a paragraph is a <br />,
// and <pre> keeps its text as it is.

const BLOCK_TAGS =
  'table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|video|audio|iframe|script|noscript';
const OPENING = new RegExp(`(<(?:${BLOCK_TAGS})[\\s/>])`, 'gi');
const CLOSING = new RegExp(`(</(?:${BLOCK_TAGS})>)`, 'gi');
const STARTS_WITH_BLOCK = new RegExp(`^</?(?:${BLOCK_TAGS})[\\s/>]`, 'i');
const ENDS_WITH_BLOCK = new RegExp(`</?(?:${BLOCK_TAGS})[^>]*>$`, 'i');

export function autop(text: string): string {
  if (!text.trim()) return '';
  const preserved: string[] = [];
  let html = `${text.replace(/\r\n?/g, '\n')}\n`.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => {
    preserved.push(pre);
    return `<!-- kabar-pre-${preserved.length - 1} -->`;
  });
  html = html
    .replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n')
    .replace(OPENING, '\n\n$1')
    .replace(CLOSING, '$1\n\n')
    .replace(/\n\n+/g, '\n\n');
  const paragraphs = html
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => {
      if (STARTS_WITH_BLOCK.test(chunk) || /^<!-- kabar-pre-\d+ -->$/.test(chunk)) return chunk;
      const lines = chunk.split(/\n/).map((line) => line.trim());
      // A newline next to a block tag is layout, not a line break.
      const joined = lines.reduce(
        (out, line) => (out === '' ? line : ENDS_WITH_BLOCK.test(out) || STARTS_WITH_BLOCK.test(line) ? `${out}\n${line}` : `${out}<br />\n${line}`),
        '',
      );
      return `<p>${joined}</p>`;
    });
  return paragraphs.join('\n').replace(/<!-- kabar-pre-(\d+) -->/g, (_m, i: string) => preserved[Number(i)]!);
}
