import { createHash } from 'node:crypto';

// Query styles for the known-item search evaluation (bench/eval-search.ts). Every style derives a
// reader's query from an article's own title (and, for the entity style, its body) with rules that
// know nothing of the ranking code: words a reader would skip are a fixed list here, not the
// service's stop words, so that changing the service's list cannot change the questions asked.

export const QUERY_STYLES = ['first', 'rarest', 'middle', 'typo', 'entity'] as const;
export type QueryStyle = (typeof QUERY_STYLES)[number];

export const STYLE_LABELS: Record<QueryStyle, string> = {
  first: 'first words',
  rarest: 'rarest words',
  middle: 'middle fragment',
  typo: 'title with one typo',
  entity: 'entity + topic',
};

/** Function words a reader leaves out when typing a title from memory. */
const READER_SKIPS = new Set(
  'yang di ke dari dan atau untuk dengan pada ini itu dalam oleh akan bagi tersebut para sang si serta karena agar'.split(' '),
);

export interface KnownItem {
  id: number;
  title: string;
  bodyText: string;
  /** Which half of the corpus the item belongs to: ranking is tuned on 'tune' only. */
  split: 'tune' | 'holdout';
}

export function splitOf(canonicalUrl: string): KnownItem['split'] {
  return createHash('md5').update(canonicalUrl).digest()[0]! % 2 === 0 ? 'tune' : 'holdout';
}

/** The title's words as a reader sees them, punctuation trimmed, the web-search `or` left out. */
export function titleWords(title: string): string[] {
  return title
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w) && !/^or$/i.test(w));
}

function contentWords(title: string): string[] {
  const seen = new Set<string>();
  return titleWords(title).filter((w) => {
    const lower = w.toLowerCase();
    if (READER_SKIPS.has(lower) || seen.has(lower)) return false;
    seen.add(lower);
    return true;
  });
}

/** How many titles contain each lower-cased word: the "rarest" style picks the least common. */
export function titleFrequencies(titles: Iterable<string>): Map<string, number> {
  const df = new Map<string, number>();
  for (const title of titles) for (const w of new Set(titleWords(title).map((x) => x.toLowerCase()))) df.set(w, (df.get(w) ?? 0) + 1);
  return df;
}

function queryLength(words: number): number {
  return words <= 3 ? words : Math.min(5, Math.max(3, Math.ceil(words / 2)));
}

function stableNumber(text: string): number {
  return createHash('md5').update(text).digest().readUInt32BE(0);
}

/** One typo in the longest word (ties: the first): a letter dropped, two swapped or one replaced. */
export function withTypo(word: string, seed: number): string {
  const chars = [...word];
  const at = 1 + (seed % Math.max(1, chars.length - 2));
  switch (seed % 3) {
    case 0:
      chars.splice(at, 1);
      break;
    case 1:
      [chars[at], chars[at - 1]] = [chars[at - 1]!, chars[at]!];
      if (chars.join('') === word) chars.splice(at, 1);
      break;
    default:
      chars[at] = chars[at] === 'a' ? 'e' : 'a';
  }
  return chars.join('');
}

/**
 * A title word that the body writes capitalised in mid-sentence at least twice (a name, a place,
 * an organisation), the most often so written.
 */
function entityOf(title: string, bodyText: string): string | null {
  let best: { word: string; count: number } | null = null;
  for (const word of contentWords(title)) {
    if (word.length < 3 || !/^\p{Lu}/u.test(word) || /^\p{N}+$/u.test(word)) continue;
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const count = (bodyText.match(new RegExp(`[\\p{Ll},] ${escaped}\\b`, 'gu')) ?? []).length;
    if (count >= 2 && (!best || count > best.count)) best = { word, count };
  }
  return best?.word ?? null;
}

/** The query for an item in a style, or null when the title does not lend itself to it. */
export function queryFor(item: KnownItem, style: QueryStyle, df: Map<string, number>): string | null {
  const words = contentWords(item.title);
  if (words.length === 0) return null;
  const rarity = (w: string) => df.get(w.toLowerCase()) ?? 0;
  switch (style) {
    case 'first':
      return words.slice(0, queryLength(words.length)).join(' ');
    case 'rarest': {
      const k = queryLength(words.length);
      const chosen = new Set([...words].sort((a, b) => rarity(a) - rarity(b) || words.indexOf(a) - words.indexOf(b)).slice(0, k));
      return words.filter((w) => chosen.has(w)).join(' ');
    }
    case 'middle': {
      const all = titleWords(item.title);
      if (all.length < 6) return null;
      const length = all.length >= 9 ? 4 : 3;
      const start = Math.floor((all.length - length) / 2);
      return all.slice(start, start + length).join(' ');
    }
    case 'typo': {
      const all = titleWords(item.title);
      let longest = -1;
      all.forEach((w, i) => {
        if (w.length >= 5 && /^\p{L}+$/u.test(w) && (longest < 0 || w.length > all[longest]!.length)) longest = i;
      });
      if (longest < 0) return null;
      all[longest] = withTypo(all[longest]!, stableNumber(item.title));
      return all.join(' ');
    }
    case 'entity': {
      const entity = entityOf(item.title, item.bodyText);
      if (!entity) return null;
      const topic = words.filter((w) => w !== entity && w.length > 2).sort((a, b) => rarity(a) - rarity(b))[0];
      return topic ? `${entity} ${topic}` : null;
    }
  }
}
