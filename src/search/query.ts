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
  /** Every positive stem ORed, for ts_headline (negated words are never highlighted). */
  highlight: string;
  /** Positive non-stop words in query order, for the typo-tolerant title fallback. */
  plainWords: string[];
  /** The excluded words and phrases ORed (without the negation), '' when none: the title fallback honours them too. */
  exclusions: string;
  /** True when the query had words but every alternative only excluded things. */
  onlyExclusions: boolean;
}

/** A lexeme as a tsquery operand: quoted, with quotes and backslashes escaped. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A unit's tokens as a phrase: stop words are left out but still count for the distance, exactly
 * as the document side keeps their positions empty ('presiden' <2> 'istana' for "presiden di istana").
 */
function phrase(tokens: AnalysedToken[]): string | null {
  const kept = tokens.filter((t) => !t.stop);
  if (kept.length === 0) return null;
  let text = quoteLexeme(kept[0]!.stem);
  for (let k = 1; k < kept.length; k += 1) {
    const distance = kept[k]!.position - kept[k - 1]!.position;
    text += distance === 1 ? ` <-> ${quoteLexeme(kept[k]!.stem)}` : ` <${distance}> ${quoteLexeme(kept[k]!.stem)}`;
  }
  return kept.length > 1 ? `(${text})` : text;
}

/**
 * Assembles the tsquery from the parsed syntax and each unit's analysed tokens (same order as
 * `syntax.flat()`). Alternatives without any positive term are dropped: "-korupsi" alone would
 * match nearly every article and scan them all.
 */
export function buildSearchQuery(syntax: QuerySyntax, tokensByUnit: AnalysedToken[][]): BuiltQuery {
  let unitIndex = 0;
  const alternatives: string[] = [];
  const highlight = new Set<string>();
  const plainWords: string[] = [];
  const exclusions = new Set<string>();
  let hadTerms = false;
  for (const group of syntax) {
    const positives: string[] = [];
    const negatives: string[] = [];
    const groupWords: string[] = [];
    const groupStems: string[] = [];
    for (const unit of group) {
      const tokens = tokensByUnit[unitIndex] ?? [];
      unitIndex += 1;
      const text = phrase(tokens);
      if (text === null) continue;
      hadTerms = true;
      if (unit.negated) {
        negatives.push(`!${text}`);
        exclusions.add(text);
      } else {
        positives.push(text);
        for (const token of tokens) {
          if (token.stop) continue;
          groupStems.push(token.stem);
          groupWords.push(token.lexeme);
        }
      }
    }
    if (positives.length === 0) continue;
    alternatives.push([...positives, ...negatives].join(' & '));
    for (const stem of groupStems) highlight.add(stem);
    plainWords.push(...groupWords);
  }
  const tsquery = alternatives.length > 1 ? alternatives.map((a) => `(${a})`).join(' | ') : (alternatives[0] ?? '');
  return {
    tsquery,
    highlight: [...highlight].map(quoteLexeme).join(' | '),
    plainWords: [...new Set(plainWords)],
    exclusions: [...exclusions].join(' | '),
    onlyExclusions: hadTerms && alternatives.length === 0,
  };
}
