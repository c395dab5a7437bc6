import { sql, type Selectable } from 'kysely';
import { slugify } from '../content/slug';
import { badField, badUserInput, forbidden, notFound, versionConflict } from './errors';
import { mayEditArticle, type Actor } from './policy';
import { recordRevision, findRevisionCovering, tagNamesOf } from './revisions';
import { prepareArticleBody } from '../content/body';
import { validateArticleInput, type ArticleInput, type ArticlePatch, type InputLimits } from './input';
import { writeAudit, type AuditAction } from './audit';
import type { EditorialDatabase, EditorialDb, RevisionKind } from './tables';

// Article writes. Each is one transaction: lock the row, check the rule (src/editorial/policy.ts)
// and the expected version, write the row, its tags, a revision and an audit entry, commit. The
// content triggers send the NOTIFY that tells every Kabar process (response caches, feeds) of the
// committed change; nothing here announces anything by hand.

export type EditableArticle = Selectable<EditorialDatabase['articles']>;

export interface WriteSettings extends InputLimits {
  /** How far ahead publishArticle may schedule. */
  maxScheduleDays: number;
}

const SLUG_RETRIES = 3;

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}

/** The title's slug, or it with -2, -3, … when taken by another article. */
async function freeSlug(db: EditorialDb, wanted: string, exceptId: number | null): Promise<string> {
  const base = wanted || 'artikel';
  let query = db
    .selectFrom('articles')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]));
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  const taken = new Set((await query.execute()).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

async function replaceTags(db: EditorialDb, articleId: number, names: string[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (names.length === 0) return;
  const bySlug = new Map(names.map((name) => [slugify(name), name]));
  await db
    .insertInto('tags')
    .values([...bySlug].map(([slug, name]) => ({ slug, name })))
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'slug'])
    .where('slug', 'in', [...bySlug.keys()])
    .execute();
  const idOf = new Map(rows.map((r) => [r.slug, r.id]));
  await db
    .insertInto('article_tags')
    .values([...bySlug.keys()].map((slug, position) => ({ article_id: articleId, tag_id: idOf.get(slug)!, position })))
    .execute();
}

function columnsOf(patch: ArticlePatch): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.section_id !== undefined) set.section_id = patch.section_id;
  if (patch.subtitle !== undefined) set.subtitle = patch.subtitle;
  if (patch.excerpt !== undefined) set.excerpt = patch.excerpt;
  if (patch.dateline !== undefined) set.dateline = patch.dateline;
  if (patch.body !== undefined) {
    set.body_html = patch.body.bodyHtml;
    set.blocks = JSON.stringify(patch.body.blocks);
    set.word_count = patch.body.wordCount;
  }
  if (patch.hero !== undefined) {
    set.hero_image_url = patch.hero?.url ?? null;
    set.hero_image_width = patch.hero?.width ?? null;
    set.hero_image_height = patch.hero?.height ?? null;
    set.hero_image_caption = patch.hero?.caption ?? null;
    set.hero_image_credit = patch.hero?.credit ?? null;
  }
  return set;
}

async function finishWrite(
  trx: EditorialDb,
  article: EditableArticle,
  actor: Actor | null,
  kind: RevisionKind,
  action: AuditAction,
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordRevision(trx, article, actor, kind);
  await writeAudit(trx, {
    staffId: actor?.id ?? null,
    action,
    entityType: 'article',
    entityId: article.id,
    details: { version: article.version, ...details },
  });
}

export async function createArticle(db: EditorialDb, actor: Actor, input: ArticleInput, settings: WriteSettings): Promise<EditableArticle> {
  const patch = await validateArticleInput(db, input, settings, true);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(async (trx) => {
        const slug = patch.slug ?? (await freeSlug(trx, slugify(patch.title!), null));
        const article = await trx
          .insertInto('articles')
          .values({ ...(columnsOf(patch) as { title: string; section_id: number }), slug, author_id: actor.authorId, status: 'draft', version: 1 })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (patch.tags?.length) await replaceTags(trx, article.id, patch.tags);
        await finishWrite(trx, article, actor, 'create', 'article.created');
        return article;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'articles_slug_key')) {
        if (patch.slug) throw badField('slug', `"${patch.slug}" is taken by another article.`);
        if (attempt < SLUG_RETRIES) continue;
      }
      throw error;
    }
  }
}

interface Change {
  set: Record<string, unknown>;
  tags?: string[];
  kind: RevisionKind;
  action: AuditAction;
  details?: Record<string, unknown>;
}

/**
 * The frame of every write to an existing article: lock, check, change, record. `decide` sees the
 * locked row and returns the change, or null when there is nothing to change (no new version).
 */
async function writeExisting(
  db: EditorialDb,
  actor: Actor,
  articleId: number,
  expectedVersion: number,
  may: (actor: Actor, article: EditableArticle) => boolean,
  decide: (trx: EditorialDb, article: EditableArticle) => Promise<Change | null>,
): Promise<EditableArticle> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('articles').selectAll().where('id', '=', articleId).forUpdate().executeTakeFirst();
    if (!current) throw notFound('No article has this id.');
    if (!may(actor, current)) throw forbidden(forbiddenMessage(actor));
    if (current.version !== expectedVersion) throw versionConflict(current.version, expectedVersion);
    const change = await decide(trx, current);
    if (!change) return current;
    const article = await trx
      .updateTable('articles')
      .set({ ...change.set, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', articleId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (change.tags) await replaceTags(trx, articleId, change.tags);
    await finishWrite(trx, article, actor, change.kind, change.action, change.details);
    return article;
  });
}

function forbiddenMessage(actor: Actor): string {
  return actor.role === 'writer'
    ? 'Writers may change only their own drafts; ask an editor to change a scheduled, published or archived article.'
    : 'Your role may not change this article.';
}

/** Blocks and word count follow from body_html (and jsonb reorders keys): compare the body itself. */
const DERIVED_COLUMNS = new Set(['blocks', 'word_count']);

function differs(article: EditableArticle, set: Record<string, unknown>): boolean {
  return Object.entries(set).some(
    ([column, value]) => !DERIVED_COLUMNS.has(column) && JSON.stringify((article as Record<string, unknown>)[column]) !== JSON.stringify(value),
  );
}

export async function updateArticle(
  db: EditorialDb,
  actor: Actor,
  articleId: number,
  expectedVersion: number,
  input: ArticleInput,
  settings: WriteSettings,
): Promise<EditableArticle> {
  const patch = await validateArticleInput(db, input, settings, false);
  return writeExisting(db, actor, articleId, expectedVersion, mayEditArticle, async (trx, article) => {
    const set = columnsOf(patch);
    // A published slug is public (links, search engines, feeds): it never changes. Before the first
    // publication the slug follows the title, unless one is given.
    if (patch.slug !== undefined && patch.slug !== article.slug) {
      if (article.first_published_at) throw badField('slug', 'cannot change after the article was first published.');
      set.slug = await freeSlug(trx, patch.slug, article.id);
      if (set.slug !== patch.slug) throw badField('slug', `"${patch.slug}" is taken by another article.`);
    } else if (patch.slug === undefined && patch.title !== undefined && !article.first_published_at) {
      const wanted = slugify(patch.title);
      if (wanted !== article.slug && !article.slug.match(new RegExp(`^${wanted}-\\d+$`))) set.slug = await freeSlug(trx, wanted, article.id);
    }
    const tagsChanged = patch.tags !== undefined && JSON.stringify(patch.tags) !== JSON.stringify(await tagNamesOf(trx, article.id));
    if (!differs(article, set) && !tagsChanged) return null;
    return { set, tags: tagsChanged ? patch.tags : undefined, kind: 'save', action: 'article.saved' };
  });
}

const mayPublish = (actor: Actor, article: EditableArticle) => mayEditArticle(actor, article) && actor.role !== 'writer';

export async function publishArticle(
  db: EditorialDb,
  actor: Actor,
  articleId: number,
  expectedVersion: number,
  at: Date | null,
  settings: WriteSettings,
): Promise<EditableArticle> {
  if (at && Number.isNaN(at.getTime())) throw badField('at', 'must be a date-time such as 2026-12-01T08:00:00+07:00.');
  if (at && at.getTime() > Date.now() + settings.maxScheduleDays * 86_400_000) {
    throw badField('at', `must be at most ${settings.maxScheduleDays} days ahead.`);
  }
  const future = at !== null && at.getTime() > Date.now();
  return writeExisting(db, actor, articleId, expectedVersion, mayPublish, async (_trx, article) => {
    if (!article.title.trim()) throw badField('title', 'must not be empty to publish.');
    if (!article.body_html.trim()) throw badField('bodyHtml', 'must not be empty to publish.');
    if (future) {
      if (article.status === 'published') throw badField('at', 'cannot schedule an article that is already published; take it down first.');
      return { set: { status: 'scheduled', published_at: at }, kind: 'schedule', action: 'article.scheduled', details: { at: at!.toISOString() } };
    }
    if (article.status === 'published') return null;
    // An article that was taken down returns to its old place in the lists; anything else is new now.
    const publishedAt = article.status === 'archived' && article.published_at ? article.published_at : sql`now()`;
    return {
      set: { status: 'published', published_at: publishedAt, first_published_at: sql`coalesce(first_published_at, now())` },
      kind: 'publish',
      action: 'article.published',
    };
  });
}

export async function unpublishArticle(db: EditorialDb, actor: Actor, articleId: number, expectedVersion: number): Promise<EditableArticle> {
  return writeExisting(db, actor, articleId, expectedVersion, mayPublish, async (_trx, article) => {
    if (article.status === 'archived') return null;
    if (article.status === 'draft') throw badUserInput('This article is a draft: there is nothing to take down.', { field: 'id' });
    return { set: { status: 'archived' }, kind: 'unpublish', action: 'article.withdrawn', details: { from: article.status } };
  });
}

/** Writes the content of an earlier version as a new version; history stays as it was. */
export async function restoreRevision(
  db: EditorialDb,
  actor: Actor,
  articleId: number,
  version: number,
  expectedVersion: number,
): Promise<EditableArticle> {
  return writeExisting(db, actor, articleId, expectedVersion, mayEditArticle, async (trx, article) => {
    const revision = await findRevisionCovering(trx, articleId, version);
    if (!revision) throw notFound(`This article has no version ${version}; its versions are 1 to ${article.version}.`);
    const c = revision.content;
    const set: Record<string, unknown> = {
      title: c.title,
      subtitle: c.subtitle,
      excerpt: c.excerpt,
      dateline: c.dateline,
      section_id: c.sectionId,
      ...columnsOf({ body: prepareArticleBody(c.bodyHtml), hero: c.heroImage }),
    };
    if (!article.first_published_at) set.slug = await freeSlug(trx, c.slug, article.id);
    return { set, tags: c.tags, kind: 'restore', action: 'article.restored', details: { restoredVersion: version } };
  });
}

export function findEditableArticle(db: EditorialDb, id: number): Promise<EditableArticle | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEditableArticles(db: EditorialDb, ids: readonly number[]): Promise<EditableArticle[]> {
  return ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('articles')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
}
