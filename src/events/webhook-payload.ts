import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'kysely';
import { articleUrl } from '../content/urls';
import { isVisible } from '../content/visibility';
import type { ChangeEvent } from './change-log';
import type { WebhookDb, WebhookPayload } from './webhook-tables';

// What a webhook delivery says about a change event. Built during fan-out, inside its transaction,
// from the rows as they are committed then, never from what a writer had in memory: a receiver that
// asks the API about the article straight away sees at least what the payload says.
//
// An article's content (title, url, section, dates) is included only while readers can see the
// article (src/content/visibility.ts). When it is not public at fan-out (a withdrawal, a scheduled
// article, or an older "article.updated" whose article has since been taken down) the article is
// just { id, slug, public: false }. Deliveries waiting to be sent are redacted the same way when
// their article stops being public before they go out (webhook-worker.ts): a take-down never
// leaks through a retry.
//
// Ids are the API's global ids, so a receiver can ask `node(id:)` or `article(id:)` for more.

export interface PublicArticleData {
  id: string;
  slug: string;
  public: true;
  title: string;
  url: string;
  section: { id: string; slug: string; name: string } | null;
  publishedAt: string;
  updatedAt: string;
  version: number;
}

export interface HiddenArticleData {
  id: string;
  slug: string | null;
  public: false;
  /** For a scheduled article: when it is due to appear. */
  scheduledFor?: string;
}

export type ArticleData = PublicArticleData | HiddenArticleData;

interface ArticleState {
  id: number;
  slug: string;
  title: string;
  status: string;
  visible: boolean;
  published_at: Date;
  updated_at: Date;
  canonical_url: string | null;
  version: number;
  section_id: number;
  section_slug: string | null;
  section_name: string | null;
}

interface NamedEntity {
  id: number;
  slug: string;
  name: string;
}

/** The current committed state of these articles, with whether readers see them now. */
export async function articleStates(db: WebhookDb, ids: readonly number[]): Promise<Map<number, ArticleState>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.title',
      'articles.status',
      'articles.published_at',
      'articles.updated_at',
      'articles.canonical_url',
      'articles.version',
      'articles.section_id',
      'sections.slug as section_slug',
      'sections.name as section_name',
      isVisible('articles').as('visible'),
    ])
    .where('articles.id', '=', sql<number>`any(${[...ids]}::int[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, r as ArticleState]));
}

export function articleData(id: number, state: ArticleState | undefined, baseUrl: string, fallbackSlug: string | null = null): ArticleData {
  const globalId = encodeGlobalID('Article', id);
  if (!state || !state.visible) {
    const hidden: HiddenArticleData = { id: globalId, slug: state?.slug ?? fallbackSlug, public: false };
    if (state?.status === 'scheduled') hidden.scheduledFor = state.published_at.toISOString();
    return hidden;
  }
  return {
    id: globalId,
    slug: state.slug,
    public: true,
    title: state.title,
    url: articleUrl(state, baseUrl),
    section:
      state.section_slug === null
        ? null
        : { id: encodeGlobalID('Section', state.section_id), slug: state.section_slug, name: state.section_name ?? state.section_slug },
    publishedAt: state.published_at.toISOString(),
    updatedAt: state.updated_at.toISOString(),
    version: state.version,
  };
}

/** The article part of a payload stripped to what may be said of an article that is not public. */
export function redactArticle(payload: WebhookPayload, state: ArticleState | undefined, articleId: number, baseUrl: string): WebhookPayload {
  const current = payload.data.article as ArticleData | undefined;
  if (!current || current.public === false) return payload;
  return { ...payload, data: { ...payload.data, article: articleData(articleId, state, baseUrl, current.slug) } };
}

async function namedRows(db: WebhookDb, table: 'sections' | 'tags' | 'authors', ids: number[]): Promise<Map<number, NamedEntity>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'slug', 'name'])
    .where('id', '=', sql<number>`any(${ids}::int[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, r as NamedEntity]));
}

const ENTITY_TABLE = {
  'section.changed': ['sections', 'section', 'Section'],
  'tag.changed': ['tags', 'tag', 'Tag'],
  'author.changed': ['authors', 'author', 'Author'],
} as const;

/** Payloads of these events, built from the rows committed now (call inside the fan-out transaction). */
export async function buildPayloads(db: WebhookDb, events: readonly ChangeEvent[], baseUrl: string): Promise<Map<number, WebhookPayload>> {
  const articleIds = [...new Set(events.map((e) => e.articleId).filter((id): id is number => id !== null))];
  const articles = await articleStates(db, articleIds);
  const entities = new Map<string, Map<number, NamedEntity>>();
  for (const [type, [table]] of Object.entries(ENTITY_TABLE)) {
    const ids = [...new Set(events.filter((e) => e.type === type && e.entityId !== null).map((e) => e.entityId!))];
    entities.set(type, await namedRows(db, table, ids));
  }
  const payloads = new Map<number, WebhookPayload>();
  for (const event of events) {
    const data: Record<string, unknown> = {};
    if (event.articleId !== null) {
      data.article = articleData(
        event.articleId,
        articles.get(event.articleId),
        baseUrl,
        typeof event.data.slug === 'string' ? event.data.slug : null,
      );
    }
    if (event.type.startsWith('comment.') && event.entityId !== null) {
      const parentId = typeof event.data.parentId === 'number' ? event.data.parentId : null;
      data.comment = { id: encodeGlobalID('Comment', event.entityId), parentId: parentId === null ? null : encodeGlobalID('Comment', parentId) };
    } else if (event.type.startsWith('live_entry.') && event.entityId !== null) {
      data.liveEntry = { id: encodeGlobalID('LiveEntry', event.entityId) };
    } else if (event.type in ENTITY_TABLE && event.entityId !== null) {
      const [, key, typename] = ENTITY_TABLE[event.type as keyof typeof ENTITY_TABLE];
      const row = entities.get(event.type)!.get(event.entityId);
      data[key] = row
        ? { id: encodeGlobalID(typename, row.id), slug: row.slug, name: row.name }
        : { id: encodeGlobalID(typename, event.entityId), deleted: true };
      data.operation = event.data.operation ?? null;
    } else if (event.type === 'picks.changed') {
      data.operation = event.data.operation ?? null;
    }
    payloads.set(event.id, { type: event.type, id: String(event.id), occurredAt: event.occurredAt.toISOString(), data });
  }
  return payloads;
}
