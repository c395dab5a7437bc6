import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { ImportArticle, RecordPosition } from './types';

// Writes normalised articles in batches. A batch is one transaction: its articles appear together,
// each with its section, author and tags, or not at all. When a batch fails (a constraint, a value
// PostgreSQL refuses), its articles are retried one per transaction so that one bad article costs
// only itself. Articles are identified by import key (canonical URL, or source site and id); an
// unchanged import hash means there is nothing to write, which is what makes re-importing a file a
// no-op. Old addresses are only ever added: a path an article once had keeps leading to it.

export interface WriteItem {
  position: RecordPosition;
  article: ImportArticle;
}

export interface WriteOutcome {
  inserted: WriteItem[];
  updated: WriteItem[];
  unchanged: WriteItem[];
  failed: { item: WriteItem; message: string }[];
  /** Ids of inserted and updated articles, for caches and follow-up work. */
  changedIds: number[];
}

// Imports serialise on this advisory lock (per transaction), so two runs never race for a slug.
const IMPORT_LOCK = sql`select pg_advisory_xact_lock(hashtext('kabar:import'))`;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 6);
}

/** A slug that is neither in the database nor taken earlier in the batch; null if none of the candidates is free. */
function candidates(article: ImportArticle): string[] {
  const base = article.slugHint;
  const hashed = `${base}-${shortHash(article.importKey)}`;
  return [base, hashed, `${hashed}-2`, `${hashed}-3`];
}

export class ArticleWriter {
  private readonly sections = new Map<string, number>();
  private readonly authors = new Map<string, number>();
  private readonly tags = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async write(items: readonly WriteItem[]): Promise<WriteOutcome> {
    const outcome: WriteOutcome = { inserted: [], updated: [], unchanged: [], failed: [], changedIds: [] };
    if (items.length === 0) return outcome;
    try {
      merge(outcome, await this.writeBatch(items));
    } catch {
      for (const item of items) {
        try {
          merge(outcome, await this.writeBatch([item]));
        } catch (error) {
          outcome.failed.push({ item, message: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    return outcome;
  }

  private async writeBatch(items: readonly WriteItem[]): Promise<Omit<WriteOutcome, 'failed'>> {
    const created = { sections: new Map<string, number>(), authors: new Map<string, number>(), tags: new Map<string, number>() };
    const result = await this.db.transaction().execute(async (trx) => {
      await IMPORT_LOCK.execute(trx);
      const keys = items.map((i) => i.article.importKey);
      const urls = items.flatMap((i) => (i.article.canonicalUrl ? [i.article.canonicalUrl] : []));
      // By key; by canonical URL as well, for an article of that address written another way
      // (an older import, the newsroom), which the import then takes over rather than duplicates.
      const rows = await trx
        .selectFrom('articles')
        .select(['id', 'canonical_url', 'import_key', 'import_hash'])
        .where((eb) =>
          eb.or([
            eb('import_key', '=', sql<string>`any(${sql.val(keys)}::text[])`),
            eb('canonical_url', '=', sql<string>`any(${sql.val(urls)}::text[])`),
          ]),
        )
        .execute();
      const existing = new Map<string, (typeof rows)[number]>();
      for (const row of rows) if (row.canonical_url) existing.set(row.canonical_url, row);
      for (const row of rows) if (row.import_key) existing.set(row.import_key, row);
      const fresh: WriteItem[] = [];
      const changed: (WriteItem & { id: number })[] = [];
      const unchanged: WriteItem[] = [];
      for (const item of items) {
        const row = existing.get(item.article.importKey) ?? (item.article.canonicalUrl ? existing.get(item.article.canonicalUrl) : undefined);
        if (!row) fresh.push(item);
        else if (row.import_hash === item.article.hash) unchanged.push(item);
        else changed.push({ ...item, id: row.id });
      }
      const toWrite = [...fresh, ...changed];
      if (toWrite.length === 0) return { fresh: [], changed: [], unchanged, ids: [] as number[] };

      const sectionIds = await this.ensureSections(trx, toWrite, created.sections);
      const authorIds = await this.ensureAuthors(trx, toWrite, created.authors);
      const tagIds = await this.ensureTags(trx, toWrite, created.tags);
      const slugs = await this.assignSlugs(trx, fresh);

      const columns = (a: ImportArticle) => ({
        section_id: sectionIds.get(a.section.slug)!,
        author_id: a.author ? authorIds.get(a.author.slug)! : null,
        status: a.status,
        title: a.title,
        subtitle: a.subtitle,
        excerpt: a.excerpt,
        body_html: a.bodyHtml,
        blocks: JSON.stringify(a.blocks),
        word_count: a.wordCount,
        canonical_url: a.canonicalUrl,
        import_key: a.importKey,
        source: a.source,
        published_at: a.publishedAt,
        import_hash: a.hash,
        ...(a.heroImage === undefined
          ? {}
          : {
              hero_image_url: a.heroImage?.url ?? null,
              hero_image_caption: a.heroImage?.caption ?? null,
              hero_image_credit: a.heroImage?.credit ?? null,
              hero_image_width: a.heroImage?.width ?? null,
              hero_image_height: a.heroImage?.height ?? null,
            }),
      });

      const ids = new Map<WriteItem, number>();
      if (fresh.length > 0) {
        const rows = await trx
          .insertInto('articles')
          .values(
            fresh.map((item) => ({
              ...columns(item.article),
              slug: slugs.get(item)!,
              language: 'id',
              updated_at: item.article.updatedAt ?? item.article.publishedAt,
            })),
          )
          .returning(['id', 'import_key'])
          .execute();
        const byKey = new Map(rows.map((r) => [r.import_key!, r.id]));
        for (const item of fresh) ids.set(item, byKey.get(item.article.importKey)!);
      }
      for (const item of changed) {
        // The slug stays: readers' links to the article keep working.
        await trx
          .updateTable('articles')
          // related_computed_at: null asks the background job to recompute its "Artikel Terkait".
          .set({ ...columns(item.article), updated_at: item.article.updatedAt ?? sql<Date>`now()`, related_computed_at: null })
          .where('id', '=', item.id)
          .execute();
        ids.set(item, item.id);
      }

      const changedIds = changed.map((c) => c.id);
      if (changedIds.length > 0) {
        await trx
          .deleteFrom('article_tags')
          .where('article_id', '=', sql<number>`any(${sql.val(changedIds)}::int[])`)
          .execute();
      }
      const tagRows = toWrite.flatMap((item) =>
        item.article.tags.map((tag, position) => ({ article_id: ids.get(item)!, tag_id: tagIds.get(tag.slug)!, position })),
      );
      if (tagRows.length > 0) await trx.insertInto('article_tags').values(tagRows).execute();
      const pathRows = toWrite.flatMap((item) => item.article.oldPaths.map((path) => ({ path, article_id: ids.get(item)! })));
      if (pathRows.length > 0) {
        await trx
          .insertInto('article_old_paths')
          .values(pathRows)
          .onConflict((oc) => oc.column('path').doNothing())
          .execute();
      }

      // The change log's triggers record the batch's events; they exist only if it commits.
      const allIds = [...ids.values()];
      return { fresh, changed, unchanged, ids: allIds };
    });
    // Only now, after the commit, are new taxonomy rows real enough to cache.
    for (const [slug, id] of created.sections) this.sections.set(slug, id);
    for (const [slug, id] of created.authors) this.authors.set(slug, id);
    for (const [slug, id] of created.tags) this.tags.set(slug, id);
    return { inserted: result.fresh, updated: result.changed, unchanged: result.unchanged, changedIds: result.ids };
  }

  private async ensureSections(trx: Db, items: readonly WriteItem[], created: Map<string, number>): Promise<Map<string, number>> {
    const wanted = new Map(items.map((i) => [i.article.section.slug, i.article.section.name]));
    const ids = new Map<string, number>();
    const missing: [string, string][] = [];
    for (const [slug, name] of wanted) {
      const id = this.sections.get(slug);
      if (id !== undefined) ids.set(slug, id);
      else missing.push([slug, name]);
    }
    if (missing.length > 0) {
      // New sections go to the end of the navigation; an existing section keeps its name.
      const { max } = await trx
        .selectFrom('sections')
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('sections')
        .values(missing.map(([slug, name], i) => ({ slug, name, position: Number(max ?? 0) + 1 + i })))
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute();
      const rows = await trx
        .selectFrom('sections')
        .select(['id', 'slug'])
        .where('slug', '=', sql<string>`any(${sql.val(missing.map(([slug]) => slug))}::text[])`)
        .execute();
      for (const row of rows) {
        ids.set(row.slug, row.id);
        created.set(row.slug, row.id);
      }
    }
    return ids;
  }

  private async ensureAuthors(trx: Db, items: readonly WriteItem[], created: Map<string, number>): Promise<Map<string, number>> {
    const wanted = new Map<string, NonNullable<ImportArticle['author']>>();
    for (const item of items) if (item.article.author) wanted.set(item.article.author.slug, item.article.author);
    return this.ensure(trx, 'authors', wanted, this.authors, created, (a) => ({ slug: a.slug, name: a.name, bio: a.bio, avatar_url: a.avatarUrl }));
  }

  private async ensureTags(trx: Db, items: readonly WriteItem[], created: Map<string, number>): Promise<Map<string, number>> {
    const wanted = new Map<string, { slug: string; name: string }>();
    for (const item of items) for (const tag of item.article.tags) wanted.set(tag.slug, tag);
    return this.ensure(trx, 'tags', wanted, this.tags, created, (t) => ({ slug: t.slug, name: t.name }));
  }

  private async ensure<T>(
    trx: Db,
    table: 'authors' | 'tags',
    wanted: Map<string, T>,
    cache: Map<string, number>,
    created: Map<string, number>,
    values: (value: T) => { slug: string; name: string; bio?: string | null; avatar_url?: string | null },
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const missing = [...wanted.entries()].filter(([slug]) => {
      const id = cache.get(slug);
      if (id !== undefined) ids.set(slug, id);
      return id === undefined;
    });
    if (missing.length === 0) return ids;
    await trx
      .insertInto(table)
      .values(missing.map(([, value]) => values(value)) as never)
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    const rows = await trx
      .selectFrom(table)
      .select(['id', 'slug'])
      .where('slug', '=', sql<string>`any(${sql.val(missing.map(([slug]) => slug))}::text[])`)
      .execute();
    for (const row of rows) {
      ids.set(row.slug, row.id);
      created.set(row.slug, row.id);
    }
    return ids;
  }

  private async assignSlugs(trx: Db, items: readonly WriteItem[]): Promise<Map<WriteItem, string>> {
    const slugs = new Map<WriteItem, string>();
    if (items.length === 0) return slugs;
    const all = items.flatMap((item) => candidates(item.article));
    const taken = new Set(
      (
        await trx
          .selectFrom('articles')
          .select('slug')
          .where('slug', '=', sql<string>`any(${sql.val(all)}::text[])`)
          .execute()
      ).map((r) => r.slug),
    );
    for (const item of items) {
      const slug = candidates(item.article).find((c) => !taken.has(c));
      if (!slug) throw new Error(`no free slug for ${item.article.canonicalUrl} (tried ${candidates(item.article).join(', ')})`);
      taken.add(slug);
      slugs.set(item, slug);
    }
    return slugs;
  }

  /** Attaches featured images that a WordPress export listed after their posts. Returns how many changed. */
  async attachHeroImages(images: { importKey: string; url: string; caption: string | null }[]): Promise<number> {
    let changed = 0;
    for (let i = 0; i < images.length; i += 500) {
      const chunk = images.slice(i, i + 500);
      const result = await this.db.transaction().execute(async (trx) => {
        const rows = await sql<{ id: number }>`
          update articles a set hero_image_url = v.url, hero_image_caption = v.caption
          from unnest(${sql.val(chunk.map((c) => c.importKey))}::text[], ${sql.val(chunk.map((c) => c.url))}::text[],
                      ${sql.val(chunk.map((c) => c.caption))}::text[]) as v(import_key, url, caption)
          where a.import_key = v.import_key
            and (a.hero_image_url is distinct from v.url or a.hero_image_caption is distinct from v.caption)
          returning a.id`.execute(trx);
        return rows.rows.length;
      });
      changed += result;
    }
    return changed;
  }
}

function merge(into: WriteOutcome, from: Omit<WriteOutcome, 'failed'>): void {
  into.inserted.push(...from.inserted);
  into.updated.push(...from.updated);
  into.unchanged.push(...from.unchanged);
  into.changedIds.push(...from.changedIds);
}
