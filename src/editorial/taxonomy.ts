import { slugify } from '../content/slug';
import { badField, notFound } from './errors';
import { writeAudit } from './audit';
import type { EditorialDb } from './tables';
import type { SectionRow, TagRow } from '../db/types';

// Sections (admins), tags and editors' picks (editors). The content triggers announce each change.

export interface SectionInput {
  name?: string | null;
  slug?: string | null;
  description?: string | null;
  position?: number | null;
}

function sectionName(name: string | null | undefined, required: boolean): string | undefined {
  if (name == null) {
    if (required) throw badField('name', 'is required.');
    return undefined;
  }
  const clean = name.trim();
  if (!clean || clean.length > 80) throw badField('name', 'must be 1 to 80 characters.');
  return clean;
}

export async function createSection(db: EditorialDb, input: SectionInput, staffId: number): Promise<SectionRow> {
  const name = sectionName(input.name, true)!;
  const slug = input.slug ?? slugify(name);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw badField('slug', 'must be lower-case letters and digits separated by hyphens.');
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst())
      throw badField('slug', `"${slug}" is taken by another section.`);
    const row = await trx
      .insertInto('sections')
      .values({ name, slug, description: input.description ?? null, parent_id: null, position: input.position ?? 0 })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { staffId, action: 'section.created', entityType: 'section', entityId: row.id, details: { slug } });
    return row as SectionRow;
  });
}

/** Renames or moves a section; its slug (part of public URLs) stays. */
export async function updateSection(db: EditorialDb, slug: string, input: SectionInput, staffId: number): Promise<SectionRow> {
  const set: Record<string, unknown> = {};
  const name = sectionName(input.name, false);
  if (name !== undefined) set.name = name;
  if (input.description !== undefined) set.description = input.description;
  if (input.position != null) set.position = input.position;
  return db.transaction().execute(async (trx) => {
    const row =
      Object.keys(set).length > 0
        ? await trx.updateTable('sections').set(set).where('slug', '=', slug).returningAll().executeTakeFirst()
        : await trx.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (!row) throw notFound(`No section has the slug "${slug}".`);
    await writeAudit(trx, { staffId, action: 'section.updated', entityType: 'section', entityId: row.id, details: set });
    return row as SectionRow;
  });
}

export async function createTag(db: EditorialDb, name: string, staffId: number): Promise<TagRow> {
  const clean = name.trim();
  const slug = slugify(clean);
  if (!slug || clean.length > 60) throw badField('name', 'must be 1 to 60 characters with at least one letter or digit.');
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (existing) return existing;
    const row = await trx.insertInto('tags').values({ slug, name: clean }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, { staffId, action: 'tag.created', entityType: 'tag', entityId: row.id, details: { slug } });
    return row;
  });
}

/** Replaces an article's editors' picks (Artikel Terkait shown first, in this order). */
export async function setEditorsPicks(db: EditorialDb, articleId: number, relatedIds: number[], staffId: number): Promise<void> {
  const unique = [...new Set(relatedIds)];
  if (unique.includes(articleId)) throw badField('relatedIds', 'must not include the article itself.');
  if (unique.length > 10) throw badField('relatedIds', 'may name at most 10 articles.');
  await db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('articles')
      .select('id')
      .where('id', 'in', [articleId, ...unique])
      .execute();
    const known = new Set(found.map((r) => r.id));
    if (!known.has(articleId)) throw notFound('No article has this id.');
    const missing = unique.filter((id) => !known.has(id));
    if (missing.length > 0) throw badField('relatedIds', `names ${missing.length} unknown article(s).`);
    await trx.deleteFrom('article_picks').where('article_id', '=', articleId).execute();
    if (unique.length > 0) {
      await trx
        .insertInto('article_picks')
        .values(unique.map((id, position) => ({ article_id: articleId, related_article_id: id, position })))
        .execute();
    }
    await writeAudit(trx, { staffId, action: 'article.picks-changed', entityType: 'article', entityId: articleId, details: { relatedIds: unique } });
  });
}
