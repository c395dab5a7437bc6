import { sql } from 'kysely';
import { compiler, preparedList, preparedRow, slot, type Reader } from '../db/prepared';
import type { AuthorRow, SectionRow, TagRow } from '../db/types';

// Sections, authors and tags: small tables read by id (through loaders) or by slug. All of them
// are compiled once (src/db/prepared.ts), so within a request they join the other reads of the
// same moment in one statement.

const IDS = sql<number>`any(${slot<number[]>('ids')}::int[])`;

const SECTIONS = preparedList<Record<string, never>, SectionRow>(compiler.selectFrom('sections').selectAll(), 'r.position, r.id');
const SECTIONS_BY_IDS = preparedList<{ ids: number[] }, SectionRow>(compiler.selectFrom('sections').selectAll().where('id', '=', IDS), 'r.id');
const SECTION_BY_SLUG = preparedRow<{ slug: string }, SectionRow>(
  compiler.selectFrom('sections').selectAll().where('slug', '=', slot<string>('slug')),
);
const AUTHORS_BY_IDS = preparedList<{ ids: number[] }, AuthorRow>(compiler.selectFrom('authors').selectAll().where('id', '=', IDS), 'r.id');
const AUTHOR_BY_SLUG = preparedRow<{ slug: string }, AuthorRow>(compiler.selectFrom('authors').selectAll().where('slug', '=', slot<string>('slug')));
const TAGS_BY_IDS = preparedList<{ ids: number[] }, TagRow>(compiler.selectFrom('tags').selectAll().where('id', '=', IDS), 'r.id');
const TAG_BY_SLUG = preparedRow<{ slug: string }, TagRow>(compiler.selectFrom('tags').selectAll().where('slug', '=', slot<string>('slug')));

export type ArticleTagRow = TagRow & { article_id: number };

const TAGS_OF_ARTICLES = preparedList<{ ids: number[] }, ArticleTagRow & { position: number }>(
  compiler
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'article_tags.position', 'tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', '=', IDS),
  'r.article_id, r.position, r.id',
);

export function listSections(reader: Reader): Promise<SectionRow[]> {
  return reader.read(SECTIONS, {});
}

export function findSectionsByIds(reader: Reader, ids: readonly number[]): Promise<SectionRow[]> {
  return reader.read(SECTIONS_BY_IDS, { ids: [...ids] });
}

export function findSectionBySlug(reader: Reader, slug: string): Promise<SectionRow | undefined> {
  return reader.read(SECTION_BY_SLUG, { slug });
}

export function findAuthorsByIds(reader: Reader, ids: readonly number[]): Promise<AuthorRow[]> {
  return reader.read(AUTHORS_BY_IDS, { ids: [...ids] });
}

export function findAuthorBySlug(reader: Reader, slug: string): Promise<AuthorRow | undefined> {
  return reader.read(AUTHOR_BY_SLUG, { slug });
}

export function findTagsByIds(reader: Reader, ids: readonly number[]): Promise<TagRow[]> {
  return reader.read(TAGS_BY_IDS, { ids: [...ids] });
}

export function findTagBySlug(reader: Reader, slug: string): Promise<TagRow | undefined> {
  return reader.read(TAG_BY_SLUG, { slug });
}

/** Tags of many articles in one statement, each article's in editorial order. */
export async function listTagsOfArticles(reader: Reader, articleIds: readonly number[]): Promise<ArticleTagRow[]> {
  const rows = await reader.read(TAGS_OF_ARTICLES, { ids: [...articleIds] });
  return rows.map(({ position: _position, ...tag }) => tag);
}
