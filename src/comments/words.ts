import { sql } from 'kysely';
import { WordFilter, type FilterWord, type WordLevel } from './word-filter';
import { badField } from '../editorial/errors';
import type { CommentsDb } from './tables';

// The word lists live in the database (comment_words), edited by admins. Each process keeps the
// filter built from them for a few seconds; an edit in this process rebuilds it at once.

const REUSE_MS = 10_000;
const filters = new WeakMap<object, { filter: WordFilter; at: number }>();

export async function listWords(db: CommentsDb): Promise<FilterWord[]> {
  return db.selectFrom('comment_words').select(['word', 'level', 'literal']).orderBy('level').orderBy('word').execute();
}

/** The filter of the current lists (rebuilt at most every ten seconds). */
export async function currentWordFilter(db: CommentsDb): Promise<WordFilter> {
  const held = filters.get(db);
  if (held && Date.now() - held.at < REUSE_MS) return held.filter;
  const filter = new WordFilter(await listWords(db));
  filters.set(db, { filter, at: Date.now() });
  return filter;
}

export function forgetWordFilter(db: CommentsDb): void {
  filters.delete(db);
}

export interface WordInput {
  word: string;
  level: WordLevel;
  literal?: boolean | null;
}

/** A list entry is one word of letters (2 to 40), stored lower-case. */
export function checkWord(raw: string): string {
  const word = raw.trim().toLowerCase().normalize('NFC');
  if (!/^\p{L}{2,40}$/u.test(word)) {
    throw badField(
      'word',
      `"${raw.slice(0, 60)}" is not a word: use 2 to 40 letters, no spaces, digits or signs (disguises are undone by the filter).`,
    );
  }
  return word;
}

export async function upsertWords(db: CommentsDb, words: readonly WordInput[]): Promise<void> {
  if (words.length === 0) return;
  await db
    .insertInto('comment_words')
    .values(words.map((w) => ({ word: checkWord(w.word), level: w.level, literal: w.literal ?? false })))
    .onConflict((oc) => oc.column('word').doUpdateSet({ level: sql`excluded.level`, literal: sql`excluded.literal`, updated_at: sql`now()` }))
    .execute();
  forgetWordFilter(db);
}

export async function removeWords(db: CommentsDb, words: readonly string[]): Promise<number> {
  if (words.length === 0) return 0;
  const result = await db.deleteFrom('comment_words').where('word', 'in', words.map(checkWord)).executeTakeFirst();
  forgetWordFilter(db);
  return Number(result.numDeletedRows);
}
