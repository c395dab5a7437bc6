// Keyset pagination over (published_at desc, id desc), the order of every article list. A cursor is
// the position of one row in that order; it stays valid when newer articles arrive, unlike offsets.

export interface ArticlePosition {
  publishedAt: Date;
  id: number;
}

export interface KeysetPage {
  /** 'forward' walks towards older articles (first/after), 'backward' towards newer (last/before). */
  direction: 'forward' | 'backward';
  limit: number;
  /** Exclusive bound: rows strictly after (forward) or before (backward) this position. */
  from: ArticlePosition | null;
  /** Optional second bound when both after and before are given. */
  until: ArticlePosition | null;
}

const PREFIX = 'a1:';
/** Longer than any cursor this server issues; longer input is refused before decoding. */
const MAX_CURSOR_LENGTH = 64;

export function encodeArticleCursor(position: ArticlePosition): string {
  return Buffer.from(`${PREFIX}${position.publishedAt.getTime()}:${position.id}`, 'utf8').toString('base64url');
}

/** Returns null when the string is not a cursor this server issued. */
export function decodeArticleCursor(cursor: string): ArticlePosition | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^a1:(\d{1,15}):(\d{1,10})$/.exec(text);
  if (!match) return null;
  const id = Number(match[2]);
  const publishedAt = new Date(Number(match[1]));
  if (!Number.isSafeInteger(id) || id > 2_147_483_647 || Number.isNaN(publishedAt.getTime())) return null;
  return { publishedAt, id };
}
