// Cutting text for places with a length limit (feed titles and summaries, search snippets).

/** Text cut at a word boundary to at most `maxLength` characters, ellipsis included, when it is longer. */
export function truncateWords(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  // Never end on half of a surrogate pair (an emoji cut in two is invalid in XML).
  const cut = text.slice(0, maxLength - 1).replace(/[\uD800-\uDBFF]$/, '');
  const lastSpace = cut.lastIndexOf(' ');
  // A boundary in the first half would throw away too much: cut mid-word instead.
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}
