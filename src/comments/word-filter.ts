// The Indonesian word filter. People who want a bad word past a filter disguise it: digits for
// letters (4nj1ng), repeated letters (anjiiing), letters spaced or dotted apart (a n j i n g,
// a.n.j.i.n.g), masks (a*jing), invisible characters, suffixes (goblokmu). Matching undoes those
// disguises and then compares whole words only, so words that merely contain a bad word (Babinsa,
// pantai, santai, asuransi, pasukan) are never hit.

export type WordLevel = 'banned' | 'suspect';

export interface FilterWord {
  word: string;
  level: WordLevel;
  /** Has an innocent literal meaning too (a dog, a pig): plainly written it is only suspect. */
  literal: boolean;
}

export interface WordMatch {
  /** The list entry that matched. */
  word: string;
  /** The level this occurrence counts at (a literal word written plainly is only suspect). */
  level: WordLevel;
  /** The text as written. */
  found: string;
  disguised: boolean;
}

/** Characters that change nothing visible but split a word for a naive filter (combining ones go with the accents). */
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
/** Digits and signs read as letters. "1", "!" and "|" stand for i or l; both readings are tried. */
const LEET: Record<string, string> = { '4': 'a', '@': 'a', '3': 'e', '0': 'o', '5': 's', $: 's', '7': 't', '9': 'g', '6': 'g', '8': 'b', '2': 'z' };
const I_OR_L = /[1!|]/g;
const HAS_I_OR_L = /[1!|]/;
/** What a word is made of, disguises included; anything else separates words. */
const TOKEN = /[\p{L}\p{N}@$!|*]+/gu;
/** Separators people put between the letters of one word without spaces: a.n.j.i.n.g, anj-ing. */
const GLUE = /^[.\-_~+/\\]+$/;
const SUFFIXES = ['nya', 'lah', 'mu', 'lu', 'kau', 'in'];
const PREFIXES = ['nge', 'ng', 'di'];
/** Runs of this many single characters are read as one spaced-out word. */
const MIN_SPACED_RUN = 3;

interface Candidate {
  /** The word as written (for the moderator). */
  found: string;
  /** Lower-cased letters and signs, nothing removed yet. */
  text: string;
  /** Put together from pieces (spaced or dotted letters, invisible characters removed). */
  joined: boolean;
}

/** Compatibility forms (full-width letters) and accents off, invisible characters out; case is kept. */
export function foldText(text: string): { folded: string; hadInvisible: boolean } {
  const hadInvisible = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  const folded = text
    .replace(INVISIBLE, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  return { folded, hadInvisible };
}

/** Letters with their run lengths: "anjiiing" → a1 n1 j1 i3 n1 g1. */
function runs(word: string): [string, number][] {
  const result: [string, number][] = [];
  for (const ch of word) {
    const last = result[result.length - 1];
    if (last && last[0] === ch) last[1] += 1;
    else result.push([ch, 1]);
  }
  return result;
}

function collapse(word: string): string {
  return runs(word)
    .map(([ch]) => ch)
    .join('');
}

/** The readings of a token with digits and signs turned into letters (at most two). */
function readings(text: string): string[] {
  if (!/\p{L}/u.test(text) && text.length < MIN_SPACED_RUN) return [];
  // A number is a number (2024, 08123…), not a word.
  if (/^\d+$/.test(text)) return [];
  const base = text.replace(/[4@3057$9628]/g, (ch) => LEET[ch] ?? ch);
  if (!HAS_I_OR_L.test(base)) return [base];
  return [...new Set([base.replace(I_OR_L, 'i'), base.replace(I_OR_L, 'l')])];
}

export class WordFilter {
  /** Entries by their collapsed form (letters without repeats). */
  private readonly byCollapsed = new Map<string, FilterWord[]>();
  private readonly entries: FilterWord[];

  constructor(words: readonly FilterWord[]) {
    this.entries = words.map((w) => ({ ...w, word: foldText(w.word).folded.trim().toLowerCase() })).filter((w) => /^\p{L}+$/u.test(w.word));
    for (const entry of this.entries) {
      const key = collapse(entry.word);
      const list = this.byCollapsed.get(key);
      if (list) list.push(entry);
      else this.byCollapsed.set(key, [entry]);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every bad word in `text`, each occurrence once, at the level it counts. */
  check(text: string): WordMatch[] {
    const { folded, hadInvisible } = foldText(text);
    const matches: WordMatch[] = [];
    const seen = new Set<string>();
    for (const candidate of this.candidates(folded, hadInvisible)) {
      const match = this.matchCandidate(candidate);
      // A dotted word is both a run of single letters and a glued group: count it once.
      const key = `${match?.word}\u0000${match?.found}`;
      if (match && !seen.has(key)) {
        seen.add(key);
        matches.push(match);
      }
    }
    return matches;
  }

  /** The strongest level among the matches, or null. */
  static levelOf(matches: readonly WordMatch[]): WordLevel | null {
    if (matches.some((m) => m.level === 'banned')) return 'banned';
    return matches.length > 0 ? 'suspect' : null;
  }

  private candidates(folded: string, hadInvisible: boolean): Candidate[] {
    const pieces: { text: string; start: number; end: number; mixedCase: boolean }[] = [];
    for (const m of folded.matchAll(TOKEN)) {
      // Trailing "!" and "|" are punctuation ("goblok!!"), not letters.
      const written = m[0].replace(/[!|]+$/, '').replace(/^[|]+/, '');
      // aNjInG: a capital after a small letter is a disguise; Title Case and CAPITALS are not.
      if (written) pieces.push({ text: written.toLowerCase(), start: m.index, end: m.index + m[0].length, mixedCase: /\p{Ll}\p{Lu}/u.test(written) });
    }
    // Invisible characters inside a word are a disguise in themselves.
    const candidates: Candidate[] = pieces.map((p) => ({ found: p.text, text: p.text, joined: hadInvisible || p.mixedCase }));
    // Runs of single characters (a n j i n g, a.n.j.i.n.g, 4 n j 1 n g) read as one word.
    let run: typeof pieces = [];
    const flushRun = () => {
      if (run.length >= MIN_SPACED_RUN) {
        const text = run.map((p) => p.text).join('');
        candidates.push({ found: folded.slice(run[0]!.start, run[run.length - 1]!.end), text, joined: true });
      }
      run = [];
    };
    for (const piece of pieces) {
      if ([...piece.text].length === 1) run.push(piece);
      else flushRun();
    }
    flushRun();
    // Pieces glued by dots, dashes or underscores without spaces (anj.ing, b-a-n-g-s-a-t) read as one word.
    let glued = pieces.slice(0, 1);
    const flushGlued = () => {
      if (glued.length >= 2) {
        candidates.push({
          found: folded.slice(glued[0]!.start, glued[glued.length - 1]!.end),
          text: glued.map((p) => p.text).join(''),
          joined: true,
        });
      }
    };
    for (let i = 1; i < pieces.length; i += 1) {
      const between = folded.slice(pieces[i - 1]!.end, pieces[i]!.start);
      if (GLUE.test(between)) glued.push(pieces[i]!);
      else {
        flushGlued();
        glued = [pieces[i]!];
      }
    }
    flushGlued();
    return candidates;
  }

  private matchCandidate(candidate: Candidate): WordMatch | null {
    const masked = candidate.text.includes('*');
    for (const reading of masked ? [candidate.text] : readings(candidate.text)) {
      const disguised = candidate.joined || reading !== candidate.text || masked;
      for (const form of this.forms(reading)) {
        const entry = masked ? this.matchMasked(form) : this.matchPlain(form);
        if (entry) {
          const plain = !disguised && form === entry.word;
          const level: WordLevel = entry.literal && plain ? 'suspect' : entry.level;
          return { word: entry.word, level, found: candidate.found, disguised: !plain };
        }
      }
    }
    return null;
  }

  /** The reading itself, and without one known suffix or prefix (goblokmu, dibego). */
  private forms(reading: string): string[] {
    const forms = [reading];
    for (const suffix of SUFFIXES) {
      if (reading.length > suffix.length + 2 && reading.endsWith(suffix)) forms.push(reading.slice(0, -suffix.length));
    }
    for (const prefix of PREFIXES) {
      if (reading.length > prefix.length + 2 && reading.startsWith(prefix)) forms.push(reading.slice(prefix.length));
    }
    return forms;
  }

  /**
   * An entry the text spells with some letters repeated: every run at least as long as the
   * entry's (so "mk" never matches "mmk", while "anjiiing" matches "anjing").
   */
  private matchPlain(text: string): FilterWord | null {
    const candidates = this.byCollapsed.get(collapse(text));
    if (!candidates) return null;
    const textRuns = runs(text);
    for (const entry of candidates) {
      const entryRuns = runs(entry.word);
      if (entryRuns.every(([, count], i) => textRuns[i]![1] >= count)) return entry;
    }
    return null;
  }

  /** "a*jing", "b*ngs*t": each * stands for one letter; the rest must be the entry's letters. */
  private matchMasked(form: string): FilterWord | null {
    const letters = form.replace(/[4@3057$9628]/g, (ch) => LEET[ch] ?? ch).replace(I_OR_L, '.');
    if (!/\p{L}/u.test(letters) || letters.replace(/\*/g, '').length < 2) return null;
    const pattern = new RegExp(`^${letters.replace(/[^\p{L}*.]/gu, '').replace(/\*/g, '.')}$`, 'u');
    return this.entries.find((entry) => entry.word.length === letters.length && pattern.test(entry.word)) ?? null;
  }
}
