import { sql } from 'kysely';
import type { Db } from '../db/database';
import { compiler, preparedList, preparedRow, slot, type Reader } from '../db/prepared';
import type { AuthorRow, SectionRow, TagRow } from '../db/types';

// Sections, authors and tags: small tables read by id (through loaders) or by slug.

function anyOf(ids: readonly number[]) {
  return sql<number>`any(${sql.val([...ids])}::int[])`;
}

// Read by every home and section page: compiled once and batched with the page's other reads
// when given a request's reader (src/db/prepared.ts).
const SECTIONS = preparedList<Record<string, never>, SectionRow>(compiler.selectFrom('sections').selectAll(), 'r.position, r.id');
const SECTION_BY_SLUG = preparedRow<{ slug: string }, SectionRow>(compiler.selectFrom('sections').selectAll().where('slug', '=', slot<string>('slug')));
const AUTHORS_BY_IDS = preparedList<{ ids: number[] }, AuthorRow>(
  compiler.selectFrom('authors').selectAll().where('id', '=', sql<number>`any(${slot<number[]>('ids')}::int[])`),
  'r.id',
);

export function listSections(db: Reader): Promise<SectionRow[]> {
  return SECTIONS.run(db, {});
}

export function findSectionsByIds(db: Db, ids: readonly number[]): Promise<SectionRow[]> {
  return db.selectFrom('sections').selectAll().where('id', '=', anyOf(ids)).execute();
}

export function findSectionBySlug(db: Reader, slug: string): Promise<SectionRow | undefined> {
  return SECTION_BY_SLUG.run(db, { slug });
}

export function findAuthorsByIds(db: Reader, ids: readonly number[]): Promise<AuthorRow[]> {
  return AUTHORS_BY_IDS.run(db, { ids: [...ids] });
}

export function findAuthorBySlug(db: Db, slug: string): Promise<AuthorRow | undefined> {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findTagsByIds(db: Db, ids: readonly number[]): Promise<TagRow[]> {
  return db.selectFrom('tags').selectAll().where('id', '=', anyOf(ids)).execute();
}

export function findTagBySlug(db: Db, slug: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export type ArticleTagRow = TagRow & { article_id: number };

/** Tags of many articles in one statement, each article's in editorial order. */
export function listTagsOfArticles(db: Db, articleIds: readonly number[]): Promise<ArticleTagRow[]> {
  return db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', '=', anyOf(articleIds))
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position')
    .orderBy('tags.id')
    .execute();
}
