import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database';
import type { NewArticle } from '../../src/db/types';
import { prepareArticleBody } from '../../src/content/body';

export interface ArticleFixture extends Partial<Omit<NewArticle, 'blocks' | 'body_html'>> {
  bodyHtml?: string;
  tagIds?: number[];
}

/** Inserts one article (defaults: published an hour ago in the first section) and returns its id and slug. */
export async function insertArticle(db: Db, fixture: ArticleFixture = {}): Promise<{ id: number; slug: string }> {
  const { bodyHtml, tagIds, ...columns } = fixture;
  const section = await db.selectFrom('sections').select('id').orderBy('position').executeTakeFirstOrThrow();
  const body = prepareArticleBody(bodyHtml ?? '<p>Paragraf pertama.</p><p>Paragraf kedua.</p>');
  const slug = columns.slug ?? `uji-${randomBytes(4).toString('hex')}`;
  const row = await db
    .insertInto('articles')
    .values({
      section_id: section.id,
      status: 'published',
      title: `Artikel uji ${slug}`,
      published_at: new Date(Date.now() - 3_600_000),
      ...columns,
      slug,
      body_html: body.bodyHtml,
      blocks: JSON.stringify(body.blocks),
      word_count: body.wordCount,
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
  if (tagIds?.length) {
    await db
      .insertInto('article_tags')
      .values(tagIds.map((tag_id, position) => ({ article_id: row.id, tag_id, position })))
      .execute();
  }
  return row;
}

export function globalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64');
}
