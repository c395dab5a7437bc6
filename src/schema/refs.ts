import { builder } from './builder';
import { badUserInput } from './errors';
import type { ArticleRecord } from '../content/articles';
import { findVisibleArticlesByIds } from '../content/articles';
import { findAuthorsByIds, findSectionsByIds, findTagsByIds } from '../content/taxonomy';
import type { AuthorRow, SectionRow, TagRow } from '../db/types';

// References to the node types, declared before they are implemented so that types which refer to
// each other (Article ↔ Section) can do so without import cycles. Each is loaded through a
// per-request DataLoader: a field returning an id of one of these types is batched automatically.

/** The numeric part of a global id; anything else is the client's mistake, not a lookup. */
function parseDatabaseId(id: string): number {
  const value = /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) {
    throw badUserInput(`Malformed id: expected a global id returned by this API (for example an Article's "id" field).`);
  }
  return value;
}

export const ArticleRef = builder.loadableNodeRef<ArticleRecord, number, number>('Article', {
  id: { resolve: (article) => article.id, parse: parseDatabaseId },
  load: (ids, ctx) => findVisibleArticlesByIds(ctx.reads, ids),
  sort: (article) => article.id,
});

export const SectionRef = builder.loadableNodeRef<SectionRow, number, number>('Section', {
  id: { resolve: (section) => section.id, parse: parseDatabaseId },
  load: (ids, ctx) => findSectionsByIds(ctx.db, ids),
  sort: (section) => section.id,
});

export const AuthorRef = builder.loadableNodeRef<AuthorRow, number, number>('Author', {
  id: { resolve: (author) => author.id, parse: parseDatabaseId },
  load: (ids, ctx) => findAuthorsByIds(ctx.reads, ids),
  sort: (author) => author.id,
});

export const TagRef = builder.loadableNodeRef<TagRow, number, number>('Tag', {
  id: { resolve: (tag) => tag.id, parse: parseDatabaseId },
  load: (ids, ctx) => findTagsByIds(ctx.db, ids),
  sort: (tag) => tag.id,
});
