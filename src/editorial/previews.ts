import { sql } from 'kysely';
import { ARTICLE_COLUMNS, type ArticleRecord, type Fetched } from '../content/articles';
import { hashToken, randomToken } from './secrets';
import { writeAudit } from './audit';
import type { EditorialDb } from './tables';

// Preview links: a random token (only its hash is stored) that shows an article's latest saved
// version, published or not, to whoever holds it, until it expires or is revoked. The answer is the
// public Article type, so the preview looks exactly as the article page will.

export interface PreviewLink {
  token: string;
  expiresAt: Date;
}

export async function createPreviewLink(db: EditorialDb, articleId: number, staffId: number, ttlSeconds: number): Promise<PreviewLink> {
  const token = randomToken('kbp');
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('preview_links')
      .values({ token_hash: hashToken(token), article_id: articleId, staff_id: staffId, expires_at: expiresAt })
      .execute();
    await writeAudit(trx, {
      staffId,
      action: 'preview.created',
      entityType: 'article',
      entityId: articleId,
      details: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { token, expiresAt };
}

export async function revokePreviewLink(db: EditorialDb, token: string, staffId: number): Promise<boolean> {
  const row = await db
    .updateTable('preview_links')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .returning('article_id')
    .executeTakeFirst();
  if (row) await writeAudit(db, { staffId, action: 'preview.revoked', entityType: 'article', entityId: row.article_id });
  return row !== undefined;
}

/** The public article columns, but the publish time, which a draft does not have yet (see below). */
const PREVIEW_COLUMNS = ARTICLE_COLUMNS.filter((column) => column !== 'articles.published_at');

export type PreviewArticle = ArticleRecord & { status: string; version: number };

/**
 * The article behind a live preview token, in any status, with its body (handed to the body loader
 * alongside, as the public article read does). A draft has no publish time yet: it is shown as if
 * published now, which is what readers would see.
 */
export async function findPreviewArticle(db: EditorialDb, token: string): Promise<Fetched<PreviewArticle | null>> {
  const row = (await db
    .selectFrom('preview_links')
    .innerJoin('articles', 'articles.id', 'preview_links.article_id')
    .select([...PREVIEW_COLUMNS, 'articles.body_html', 'articles.blocks', 'articles.status', 'articles.version'] as never[])
    .select(sql<Date>`coalesce(articles.published_at, now())`.as('published_at'))
    .where('preview_links.token_hash', '=', hashToken(token))
    .where('preview_links.revoked_at', 'is', null)
    .where('preview_links.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()) as unknown as (PreviewArticle & { body_html: string; blocks: unknown }) | undefined;
  if (!row) return { records: null, alongside: {} };
  const { body_html, blocks, ...article } = row;
  return { records: article, alongside: { bodies: [{ id: row.id, body_html, blocks } as never] } };
}
