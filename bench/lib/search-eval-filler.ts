import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import { mulberry32 } from './mulberry32';

// Generated filler for the search evaluation at sizes beyond the corpus: articles made from the
// corpus's own sentences, so that every known item competes with many articles about the same
// people, places and topics. A filler title is a run of 6–12 words from a corpus article's body
// (title-cased, as portals write titles); its body is paragraphs of that article and of another
// one of the same section. Publication dates spread over 2019–2020, newer than most known items,
// so the newest-matches window is full of filler for common words.

interface Source {
  sectionId: number;
  paragraphs: string[];
}

function titleCase(words: string[]): string {
  return words.map((w) => (w.length > 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Adds `count` filler articles (numbered from `from`, so calls can be repeated to grow). */
export async function addFiller(db: Db, from: number, count: number): Promise<void> {
  if (count <= 0) return;
  const rows = await db
    .selectFrom('articles')
    .select(['section_id', 'body_html'])
    .where('source', 'is distinct from', 'filler')
    .orderBy('id')
    .execute();
  const sources: Source[] = rows
    .map((r) => ({
      sectionId: r.section_id,
      paragraphs: r.body_html
        .split(/<\/p>/)
        .map(stripTags)
        .filter((p) => p.split(' ').length >= 8),
    }))
    .filter((s) => s.paragraphs.length > 0);
  const bySection = new Map<number, Source[]>();
  for (const s of sources) bySection.set(s.sectionId, [...(bySection.get(s.sectionId) ?? []), s]);
  const rand = mulberry32(16_000 + from);
  const pickOf = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2020, 11, 31) - start;
  for (let done = 0; done < count; done += 1000) {
    const batch = [];
    for (let i = done; i < Math.min(count, done + 1000); i += 1) {
      const a = pickOf(sources);
      const b = pickOf(bySection.get(a.sectionId)!);
      const words = pickOf(a.paragraphs)
        .split(' ')
        .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
        .filter(Boolean);
      const length = 6 + Math.floor(rand() * 7);
      const offset = Math.floor(rand() * Math.max(1, words.length - length));
      const paragraphs = [...a.paragraphs.slice(0, 2 + Math.floor(rand() * 3)), ...b.paragraphs.slice(0, 1 + Math.floor(rand() * 3))];
      const n = from + i;
      batch.push({
        slug: `filler-${n}`,
        section_id: a.sectionId,
        status: 'published' as const,
        title: titleCase(words.slice(offset, offset + length)),
        body_html: paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`).join(''),
        blocks: '[]',
        word_count: 0,
        source: 'filler',
        published_at: new Date(start + Math.floor(rand() * span)),
      });
    }
    await db.insertInto('articles').values(batch).execute();
  }
  await sql`analyze articles`.execute(db);
}
