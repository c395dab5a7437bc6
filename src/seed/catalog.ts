import type { Db } from '../db/database';
import { slugify } from '../content/slug';
import { AUTHORS, SECTIONS, TAGS, type SectionKey } from './vocabulary';

// Sections, authors and tags: the fixed part of the demo. Upserted by slug, so seeding a database
// that already has them (but no articles) reuses their ids instead of failing on the unique slug.

export interface Catalog {
  sectionIds: ReadonlyMap<SectionKey, number>;
  /** Author ids in AUTHORS order. */
  authorIds: readonly number[];
  tagIds: ReadonlyMap<string, number>;
}

export async function upsertCatalog(db: Db): Promise<Catalog> {
  const sections = await db
    .insertInto('sections')
    .values(SECTIONS.map((s, i) => ({ slug: slugify(s.name), name: s.name, description: s.description, parent_id: null, position: i + 1 })))
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        position: eb.ref('excluded.position'),
      })),
    )
    .returning(['id', 'slug'])
    .execute();

  const authors = await db
    .insertInto('authors')
    .values(AUTHORS.map((a, i) => ({ slug: slugify(a.name), name: a.name, bio: a.bio, avatar_url: `/media/demo/avatar-${i + 1}.svg` })))
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        bio: eb.ref('excluded.bio'),
        avatar_url: eb.ref('excluded.avatar_url'),
      })),
    )
    .returning(['id', 'slug'])
    .execute();

  const tags = await db
    .insertInto('tags')
    .values(TAGS.map((t) => ({ slug: slugify(t.name), name: t.name })))
    .onConflict((oc) => oc.column('slug').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .returning(['id', 'slug'])
    .execute();

  const idBySlug = (rows: Array<{ id: number; slug: string }>) => new Map(rows.map((r) => [r.slug, r.id]));
  const sectionBySlug = idBySlug(sections);
  const authorBySlug = idBySlug(authors);
  const tagBySlug = idBySlug(tags);
  const need = (map: Map<string, number>, slug: string) => {
    const id = map.get(slug);
    if (id === undefined) throw new Error(`seed catalog: no id returned for "${slug}"`);
    return id;
  };
  return {
    sectionIds: new Map(SECTIONS.map((s) => [s.key, need(sectionBySlug, slugify(s.name))])),
    authorIds: AUTHORS.map((a) => need(authorBySlug, slugify(a.name))),
    tagIds: new Map(TAGS.map((t) => [t.name, need(tagBySlug, slugify(t.name))])),
  };
}
