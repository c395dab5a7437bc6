import { useTestDatabase } from './helpers/app';
import { listWords } from '../src/comments/words';
import { commentsDb } from '../src/comments/tables';
import { WordFilter } from '../src/comments/word-filter';
import { BAD_WORDS, DISGUISES, cleanSentences, obfuscatedSamples } from './fixtures/comments/word-filter-set';

// The default word list (seeded by the comments migration) against the test set of
// test/fixtures/comments: recall on disguised bad words, and false positives on clean news text.

const database = useTestDatabase();
let filter: WordFilter;

beforeAll(async () => {
  filter = new WordFilter(await listWords(commentsDb(database.db)));
});

describe('the Indonesian word filter with the default list', () => {
  it('has every word the test set disguises', () => {
    for (const word of BAD_WORDS) expect(filter.check(`kata ${word} di sini`).map((m) => m.word)).toContain(word);
  });

  it('refuses at least 95% of disguised bad words (a plainly written literal word with a suffix is only held), and prints the measured recall', () => {
    const samples = obfuscatedSamples();
    expect(samples.length).toBeGreaterThanOrEqual(200);
    const refused = samples.filter((s) => WordFilter.levelOf(filter.check(s.text)) === 'banned');
    const missed = samples.filter((s) => filter.check(s.text).length === 0);
    const recall = refused.length / samples.length;
    console.log(
      `word filter recall: ${refused.length}/${samples.length} disguised bad words refused (${(recall * 100).toFixed(1)}%); ` +
        `${missed.length} not matched at all${missed.length ? `: ${missed.map((s) => JSON.stringify(s.text)).join(', ')}` : ''}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('matches nothing in at least 500 clean news sentences full of look-alikes, and prints the count', () => {
    const sentences = cleanSentences();
    expect(sentences.length).toBeGreaterThanOrEqual(500);
    const hits = sentences.map((text) => ({ text, matches: filter.check(text) })).filter((s) => s.matches.length > 0);
    console.log(
      `word filter false positives: ${hits.length}/${sentences.length} clean sentences` +
        (hits.length ? `: ${hits.map((h) => `${JSON.stringify(h.text)} → ${h.matches.map((m) => m.word).join(',')}`).join('; ')}` : ''),
    );
    expect(hits).toEqual([]);
  });

  it.each(['Babinsa', 'pantai', 'santai', 'asuransi', 'pasukan', 'Babakan', 'bangsa', 'kontrol', 'sarapan', 'MK', 'Taiwan', 'Ngentakrejo', 'lontar'])(
    'leaves "%s" alone',
    (word) => {
      expect(filter.check(`Kemarin ${word} ramai dibicarakan.`)).toEqual([]);
    },
  );

  it.each(Object.keys(DISGUISES))('undoes the "%s" disguise', (disguise) => {
    const text = DISGUISES[disguise]!('goblok');
    expect({ text, level: WordFilter.levelOf(filter.check(`dasar ${text}`)) }).toEqual({ text, level: 'banned' });
  });

  it('holds a word with an innocent meaning when written plainly, and refuses it disguised', () => {
    expect(WordFilter.levelOf(filter.check('Anjing pelacak menemukan korban di reruntuhan.'))).toBe('suspect');
    expect(WordFilter.levelOf(filter.check('dasar 4nj1ng'))).toBe('banned');
    expect(WordFilter.levelOf(filter.check('a n j i n g'))).toBe('banned');
  });

  it('never takes numbers, prices or dates for words', () => {
    expect(filter.check('Rp 4.500, 1 2 3 4 5, 08123456789, 2025/2026, 5G, COVID-19, pasal 5 ayat 1')).toEqual([]);
  });

  it('rejects list entries that are not words', () => {
    expect(new WordFilter([{ word: 'a b', level: 'banned', literal: false }]).size).toBe(0);
  });
});
