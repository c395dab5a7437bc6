import { createHash } from 'node:crypto';

// Search results are ordered by (score desc, id desc). PostgreSQL's ts_rank and word_similarity
// depend only on the article and the query (no corpus statistics), so an article's score does not
// move when other articles are added: a cursor holding (score, id) is a stable keyset position, and
// paging neither repeats nor skips results while new articles arrive. The cursor also records which
// matcher produced the page (full text or the typo-tolerant title fallback) and a fingerprint of
// the query and filters, so that a cursor is not silently applied to a different search.
// Scores are float8: full-text scores add several parts (see fullTextScore in ./search.ts), and a
// float8 round-trips exactly through a JS number and its shortest decimal form.

/** Longer than any cursor this server issues; longer input is refused before decoding. */
const MAX_CURSOR_LENGTH = 120;

/** Which matcher produced a page: full text, full text of the corrected query ("did you mean"), or similar titles. */
export type SearchMode = 'fulltext' | 'corrected' | 'title';

const MODE_CODES: Record<SearchMode, string> = { fulltext: 'f', corrected: 'c', title: 't' };

export interface SearchPosition {
  mode: SearchMode;
  /** The score as PostgreSQL returned it (a float8, which round-trips exactly through JS). */
  score: number;
  id: number;
  fingerprint: string;
}

const PREFIX = 's1';

export function searchFingerprint(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 10);
}

export function encodeSearchCursor(position: SearchPosition): string {
  const mode = MODE_CODES[position.mode];
  return Buffer.from(`${PREFIX}:${mode}:${position.score}:${position.id}:${position.fingerprint}`, 'utf8').toString('base64url');
}

/** Null when the string is not a cursor this server issued. */
export function decodeSearchCursor(cursor: string): SearchPosition | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = /^s1:([fct]):([0-9.e+-]{1,30}):(\d{1,10}):([A-Za-z0-9_-]{10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const score = Number(match[2]);
  const id = Number(match[3]);
  if (!Number.isFinite(score) || !Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  const mode = (Object.keys(MODE_CODES) as SearchMode[]).find((m) => MODE_CODES[m] === match[1])!;
  return { mode, score, id, fingerprint: match[4]! };
}
