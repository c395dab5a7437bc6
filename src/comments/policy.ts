import type { CommentReason, CommentStatus } from './tables';
import type { WordMatch } from './word-filter';

// What happens to a new comment, as ordered steps. The rate limit comes first and refuses outright
// (the reader is told when to try again); then a banned author, the spam trap and duplicates refuse;
// banned words refuse; suspect words, too many links and a first comment hold it for a moderator.
// Every step that fires leaves its reason on the comment, so a moderator sees why it waits.

export interface CommentFacts {
  /** Seconds until the client or e-mail may post again, when over a rate limit; else null. */
  retryAfterSeconds: number | null;
  authorBanned: boolean;
  /** The hidden form field that people leave empty and bots fill in. */
  honeypotFilled: boolean;
  duplicate: boolean;
  words: readonly WordMatch[];
  links: number;
  maxLinks: number;
  /** A moderator has approved a comment from this e-mail before. */
  approvedAuthor: boolean;
  holdFirstComment: boolean;
}

export type CommentDecision =
  { kind: 'rate-limited'; retryAfterSeconds: number } | { kind: 'decided'; status: CommentStatus; reasons: CommentReason[] };

type Step = (facts: CommentFacts) => { refuse: CommentReason } | { hold: CommentReason } | null;

/** The steps in the order they run. */
export const STEPS: readonly [name: string, step: Step][] = [
  ['banned author', (f) => (f.authorBanned ? { refuse: 'BANNED_AUTHOR' } : null)],
  ['spam trap', (f) => (f.honeypotFilled ? { refuse: 'HONEYPOT' } : null)],
  ['duplicate', (f) => (f.duplicate ? { refuse: 'DUPLICATE' } : null)],
  ['banned words', (f) => (f.words.some((w) => w.level === 'banned') ? { refuse: 'BANNED_WORD' } : null)],
  ['suspect words', (f) => (f.words.some((w) => w.level === 'suspect') ? { hold: 'SUSPECT_WORD' } : null)],
  ['links', (f) => (f.links > f.maxLinks ? { hold: 'LINKS' } : null)],
  ['first comment', (f) => (f.holdFirstComment && !f.approvedAuthor ? { hold: 'FIRST_COMMENT' } : null)],
];

export function decideComment(facts: CommentFacts): CommentDecision {
  if (facts.retryAfterSeconds !== null) return { kind: 'rate-limited', retryAfterSeconds: facts.retryAfterSeconds };
  const held: CommentReason[] = [];
  for (const [, step] of STEPS) {
    const outcome = step(facts);
    if (outcome && 'refuse' in outcome) return { kind: 'decided', status: 'rejected', reasons: [...held, outcome.refuse] };
    if (outcome) held.push(outcome.hold);
  }
  return { kind: 'decided', status: held.length > 0 ? 'pending' : 'published', reasons: held };
}

/** What the reader is told, in Indonesian. */
export function readerMessage(status: CommentStatus, reasons: readonly CommentReason[]): string {
  if (status === 'published') return 'Komentar Anda sudah tayang.';
  if (status === 'pending') return 'Terima kasih. Komentar Anda menunggu moderasi dan akan tayang setelah diperiksa redaksi.';
  if (reasons.includes('BANNED_WORD'))
    return 'Komentar Anda ditolak karena mengandung kata yang tidak pantas. Silakan tulis ulang dengan bahasa yang sopan.';
  if (reasons.includes('DUPLICATE')) return 'Komentar yang sama sudah Anda kirim sebelumnya.';
  if (reasons.includes('BANNED_AUTHOR')) return 'Komentar dari alamat ini tidak dapat diterima.';
  return 'Komentar Anda tidak dapat diterima.';
}
