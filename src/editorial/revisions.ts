import { sql } from 'kysely';
import type { Actor } from './policy';
import type { EditorialDb, RevisionContent, RevisionKind, RevisionRow } from './tables';
import type { EditableArticle } from './articles';

// Revisions: the full content of an article at a version, who saved it and when. Saves by one
// editor within a minute of their open revision fold into it (its version range grows); anything
// else (another editor, publishing, a restore, a minute passing) starts a new one. The database
// refuses any other change to a revision (trigger in the editorial migration).

export const COALESCE_SECONDS = 60;

export async function tagNamesOf(db: EditorialDb, articleId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', articleId)
    .orderBy('article_tags.position')
    .orderBy('tags.id')
    .execute();
  return rows.map((r) => r.name);
}

export function snapshot(article: EditableArticle, tags: string[]): RevisionContent {
  return {
    title: article.title,
    subtitle: article.subtitle,
    excerpt: article.excerpt,
    dateline: article.dateline,
    slug: article.slug,
    sectionId: article.section_id,
    bodyHtml: article.body_html,
    tags,
    heroImage: article.hero_image_url
      ? {
          url: article.hero_image_url,
          width: article.hero_image_width,
          height: article.hero_image_height,
          caption: article.hero_image_caption,
          credit: article.hero_image_credit,
        }
      : null,
    status: article.status,
    publishedAt: article.published_at ? article.published_at.toISOString() : null,
  };
}

/** Records the article's new version: a new revision, or the actor's open one extended. */
export async function recordRevision(db: EditorialDb, article: EditableArticle, actor: Actor | null, kind: RevisionKind): Promise<void> {
  const content = JSON.stringify(snapshot(article, await tagNamesOf(db, article.id)));
  if (kind === 'save' && actor) {
    const extended = await db
      .updateTable('article_revisions')
      .set({ version: article.version, content, saved_at: sql`now()` })
      .where('article_id', '=', article.id)
      .where('kind', '=', 'save')
      .where('staff_id', '=', actor.id)
      .where('version', '=', article.version - 1)
      .where('created_at', '>=', sql<Date>`now() - make_interval(secs => ${COALESCE_SECONDS})`)
      .executeTakeFirst();
    if (Number(extended.numUpdatedRows) > 0) return;
  }
  await db
    .insertInto('article_revisions')
    .values({ article_id: article.id, version: article.version, first_version: article.version, staff_id: actor?.id ?? null, kind, content })
    .execute();
}

export function listRevisions(db: EditorialDb, articleId: number, limit: number, offset: number): Promise<RevisionRow[]> {
  return db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The revision holding a version (a coalesced revision holds a range of them). */
export function findRevisionCovering(db: EditorialDb, articleId: number, version: number): Promise<RevisionRow | undefined> {
  return db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('first_version', '<=', version)
    .where('version', '>=', version)
    .executeTakeFirst();
}
