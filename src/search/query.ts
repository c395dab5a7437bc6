// Reader queries in web-search syntax, as PostgreSQL's websearch_to_tsquery understands it: words
// are ANDed, "quoted words" form a phrase, a leading minus excludes a word or phrase, and a
// stand-alone `or` separates alternatives. Unbalanced quotes close at the end of the query.
//
// The syntax is parsed here, but words are tokenised and stemmed by PostgreSQL (see
// analyseQueryUnits in ./search.ts) so that queries and documents use exactly the same rules,
// stop words included: the tsquery is then assembled from the stems by buildSearchQuery().

/** One searchable piece: a word (which may still tokenise into several) or a quoted phrase. */
export interface QueryUnit {
  text: string;
  negated: boolean;
}

/** Alternatives (`or`), each a list of units that must all match. */
export type QuerySyntax = QueryUnit[][];

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function parseQuerySyntax(input: string): QuerySyntax {
  const groups: QuerySyntax = [[]];
  let i = 0;
  let pendingOr = false;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    let negated = false;
    if (ch === '-' && i + 1 < input.length && (input[i + 1] === '"' || WORD_CHAR.test(input[i + 1]!))) {
      negated = true;
      i += 1;
    }
    let text: string;
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      text = input.slice(i + 1, end === -1 ? input.length : end);
      i = end === -1 ? input.length : end + 1;
    } else {
      let end = i;
      while (end < input.length && !/[\s"]/.test(input[end]!)) end += 1;
      text = input.slice(i, end);
      i = end;
      if (!negated && /^or$/i.test(text)) {
        // "or" between two terms; at the start, twice in a row or at the end it means nothing.
        if (groups[groups.length - 1]!.length > 0) pendingOr = true;
        continue;
      }
    }
    if (!WORD_CHAR.test(text)) continue;
    if (pendingOr) {
      groups.push([]);
      pendingOr = false;
    }
    groups[groups.length - 1]!.push({ text, negated });
  }
  return groups.filter((group) => group.length > 0);
}

/** A token of a unit as PostgreSQL saw it: its position within the unit and its stem. */
export interface AnalysedToken {
  position: number;
  /** Lower-cased surface form. */
  lexeme: string;
  stem: string;
  stop: boolean;
}

export interface BuiltQuery {
  /** tsquery text for matching and ranking; '' when nothing searchable is left. */
  tsquery: string;
  /**
   * Which stored vector `tsquery` is matched against: the whole article, or, for a query made only
   * of stop words ("siapa dia"), the title, which keeps every word.
   */
  matchColumn: 'search_vector' | 'title_vector';
  /** Every positive stem ORed, for ts_headline (negated words are never highlighted). */
  highlight: string;
  /** Positive non-stop words in query order, for the typo-tolerant title fallback. */
  plainWords: string[];
  /** The excluded words and phrases ORed (without the negation), '' when none: the title fallback honours them too. */
  exclusions: string;
  /** True when the query had words but every alternative only excluded things. */
  onlyExclusions: boolean;
  /** One tsquery per positive query term (a word, a phrase, with its synonyms), for the title vector. */
  titleTerms: string[];
  /** Each pair of neighbouring query words as a phrase (adjacent or one word apart), in query order, for the title vector. */
  titlePairs: string[];
  /** The whole query as one phrase ('' for a single word), for the title vector. */
  titlePhrase: string;
  /** The stem of the query's first word ('' when none): with titlePhrase, tells a title that begins with the query. */
  firstStem: string;
}

/** A lexeme as a tsquery operand: quoted, with quotes and backslashes escaped. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Tokens as a phrase. Without `keepStopWords` (the article vector has none), stop words are left
 * out but still count for the distance, exactly as the document side keeps their positions empty
 * ('presiden' <2> 'istana' for "presiden di istana"); the title vector keeps them.
 */
function phrase(tokens: AnalysedToken[], keepStopWords = false): string | null {
  const kept = keepStopWords ? tokens : tokens.filter((t) => !t.stop);
  if (kept.length === 0) return null;
  let text = quoteLexeme(kept[0]!.stem);
  for (let k = 1; k < kept.length; k += 1) {
    const distance = kept[k]!.position - kept[k - 1]!.position;
    text += distance === 1 ? ` <-> ${quoteLexeme(kept[k]!.stem)}` : ` <${Math.max(0, distance)}> ${quoteLexeme(kept[k]!.stem)}`;
  }
  return kept.length > 1 ? `(${text})` : text;
}

/** A term and its synonyms as alternatives; null when nothing of it is searchable. */
function withSynonyms(tokens: AnalysedToken[], synonyms: AnalysedToken[][], keepStopWords: boolean): string | null {
  const own = phrase(tokens, keepStopWords);
  if (own === null) return null;
  const alternatives = [own, ...synonyms.map((s) => phrase(s, keepStopWords)).filter((p): p is string => p !== null)];
  return alternatives.length > 1 ? `(${[...new Set(alternatives)].join(' | ')})` : own;
}

/** How a synonym is looked up: the lower-cased words of a unit (or of two neighbouring units). */
export function synonymKey(text: string): string {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean)
    .join(' ');
}

/** The keys whose synonyms a query may use: each unit, and each pair of neighbouring positive words. */
export function synonymKeys(syntax: QuerySyntax): string[] {
  const keys = new Set<string>();
  for (const group of syntax) {
    group.forEach((unit, i) => {
      if (unit.negated) return;
      keys.add(synonymKey(unit.text));
      const next = group[i + 1];
      if (next && !next.negated) keys.add(synonymKey(`${unit.text} ${next.text}`));
    });
  }
  keys.delete('');
  return [...keys];
}

interface Term {
  tokens: AnalysedToken[];
  synonyms: AnalysedToken[][];
  negated: boolean;
}

/** The units of a group as terms: two neighbouring words that form a known phrase ("pemerintah provinsi") become one. */
function termsOf(group: QueryUnit[], tokens: AnalysedToken[][], synonyms: ReadonlyMap<string, AnalysedToken[][]>): Term[] {
  const terms: Term[] = [];
  for (let i = 0; i < group.length; i += 1) {
    const unit = group[i]!;
    const next = group[i + 1];
    const pair = next && !unit.negated && !next.negated ? synonyms.get(synonymKey(`${unit.text} ${next.text}`)) : undefined;
    if (pair && next) {
      const first = tokens[i] ?? [];
      const offset = first.reduce((max, t) => Math.max(max, t.position), 0);
      terms.push({
        tokens: [...first, ...(tokens[i + 1] ?? []).map((t) => ({ ...t, position: t.position + offset }))],
        synonyms: pair,
        negated: false,
      });
      i += 1;
    } else {
      terms.push({ tokens: tokens[i] ?? [], synonyms: unit.negated ? [] : (synonyms.get(synonymKey(unit.text)) ?? []), negated: unit.negated });
    }
  }
  return terms;
}

/** A unit's tokens renumbered to follow `before` (each unit's positions start at 1). */
function inSequence(before: AnalysedToken[], tokens: AnalysedToken[]): AnalysedToken[] {
  const offset = before.reduce((max, t) => Math.max(max, t.position), 0);
  return tokens.map((t) => ({ ...t, position: t.position + offset }));
}

/** Neighbouring words of the query (a pair of two stop words says nothing) as phrases of nearby words. */
function adjacentPairs(tokens: AnalysedToken[]): string[] {
  const pairs: string[] = [];
  for (let k = 1; k < tokens.length; k += 1) {
    const [a, b] = [tokens[k - 1]!, tokens[k]!];
    if (a.stop && b.stop) continue;
    // Adjacent, or one word apart: a reader who types "istana papua" for "Istana di Papua" left out the "di".
    if (a.stem !== b.stem) pairs.push(`(${quoteLexeme(a.stem)} <-> ${quoteLexeme(b.stem)} | ${quoteLexeme(a.stem)} <2> ${quoteLexeme(b.stem)})`);
  }
  return [...new Set(pairs)];
}

/**
 * Assembles the tsquery from the parsed syntax and each unit's analysed tokens (same order as
 * `syntax.flat()`), with synonyms of units (and of pairs of neighbouring words) as alternatives.
 * Alternatives without any positive term are dropped: "-korupsi" alone would match nearly every
 * article and scan them all.
 */
export function buildSearchQuery(
  syntax: QuerySyntax,
  tokensByUnit: AnalysedToken[][],
  synonyms: ReadonlyMap<string, AnalysedToken[][]> = new Map(),
): BuiltQuery {
  let unitIndex = 0;
  const alternatives: string[] = [];
  const titleAlternatives: string[] = [];
  const highlight = new Set<string>();
  const stopHighlight = new Set<string>();
  const plainWords: string[] = [];
  const exclusions = new Set<string>();
  const titleTerms: string[] = [];
  const queryTokens: AnalysedToken[] = [];
  let hadTerms = false;
  for (const group of syntax) {
    const terms = termsOf(group, tokensByUnit.slice(unitIndex, unitIndex + group.length), synonyms);
    unitIndex += group.length;
    const positives: string[] = [];
    const negatives: string[] = [];
    const titlePositives: string[] = [];
    const titleNegatives: string[] = [];
    const groupWords: string[] = [];
    const groupTokens: AnalysedToken[] = [];
    for (const term of terms) {
      const text = withSynonyms(term.tokens, term.synonyms, false);
      const titleText = withSynonyms(term.tokens, term.synonyms, true);
      if (titleText === null) continue;
      if (term.negated) {
        if (text !== null) {
          negatives.push(`!${text}`);
          exclusions.add(text);
          hadTerms = true;
        }
        titleNegatives.push(`!${titleText}`);
        continue;
      }
      titlePositives.push(titleText);
      groupTokens.push(...inSequence(groupTokens, term.tokens));
      for (const token of [...term.tokens, ...term.synonyms.flat()]) (token.stop ? stopHighlight : highlight).add(token.stem);
      if (text === null) continue;
      hadTerms = true;
      positives.push(text);
      titleTerms.push(titleText);
      for (const token of term.tokens) if (!token.stop) groupWords.push(token.lexeme);
    }
    if (titlePositives.length > 0) titleAlternatives.push([...titlePositives, ...titleNegatives].join(' & '));
    if (positives.length === 0) continue;
    alternatives.push([...positives, ...negatives].join(' & '));
    plainWords.push(...groupWords);
    if (queryTokens.length === 0) queryTokens.push(...groupTokens);
  }
  const join = (list: string[]) => (list.length > 1 ? list.map((a) => `(${a})`).join(' | ') : (list[0] ?? ''));
  // Only stop words (and no exclusion-only alternative): the title vector, which keeps them, answers.
  const titleOnly = alternatives.length === 0 && titleAlternatives.length > 0 && !hadTerms;
  const phraseTokens = titleOnly
    ? tokensByUnit.slice(0, syntax[0]?.length ?? 0).reduce<AnalysedToken[]>((all, unit) => [...all, ...inSequence(all, unit)], [])
    : queryTokens;
  return {
    tsquery: titleOnly ? join(titleAlternatives) : join(alternatives),
    matchColumn: titleOnly ? 'title_vector' : 'search_vector',
    highlight: [...(titleOnly ? stopHighlight : highlight)].map(quoteLexeme).join(' | '),
    plainWords: [...new Set(plainWords)],
    exclusions: [...exclusions].join(' | '),
    onlyExclusions: hadTerms && alternatives.length === 0,
    titleTerms: titleOnly ? titleAlternatives.slice(0, 1) : [...new Set(titleTerms)],
    titlePairs: adjacentPairs(phraseTokens),
    titlePhrase: phraseTokens.length > 1 ? (phrase(phraseTokens, true) ?? '') : '',
    firstStem: phraseTokens[0]?.stem ?? '',
  };
}
