import { builder } from './builder';
import { badUserInput } from './errors';
import type { ArticleRecord } from '../content/articles';
import { articleLoader, authorLoader, sectionLoader, tagLoader } from '../content/loaders';
import type { AuthorRow, SectionRow, TagRow } from '../db/types';

// References to the node types, declared before they are implemented so that types which refer to
// each other (Article ↔ Section) can do so without import cycles. Query.node and Query.nodes load
// them through the request's loaders (src/content/loaders.ts), like every field that returns one
// (each id its own promise, so one failure does not fail the others).

/** Ids are PostgreSQL integers (int4). */
const MAX_DATABASE_ID = 2_147_483_647;

/** The numeric part of a global id; anything else is the client's mistake, not a lookup. */
function parseDatabaseId(id: string): number {
  const value = /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_DATABASE_ID) {
    throw badUserInput(`Malformed id: expected a global id returned by this API (for example an Article's "id" field).`);
  }
  return value;
}

export const ArticleRef = builder.nodeRef<ArticleRecord, number>('Article', {
  id: { resolve: (article) => article.id, parse: parseDatabaseId },
  loadMany: (ids, ctx) => ids.map((id) => articleLoader(ctx).load(id)),
});

export const SectionRef = builder.nodeRef<SectionRow, number>('Section', {
  id: { resolve: (section) => section.id, parse: parseDatabaseId },
  loadMany: (ids, ctx) => ids.map((id) => sectionLoader(ctx).load(id)),
});

export const AuthorRef = builder.nodeRef<AuthorRow, number>('Author', {
  id: { resolve: (author) => author.id, parse: parseDatabaseId },
  loadMany: (ids, ctx) => ids.map((id) => authorLoader(ctx).load(id)),
});

export const TagRef = builder.nodeRef<TagRow, number>('Tag', {
  id: { resolve: (tag) => tag.id, parse: parseDatabaseId },
  loadMany: (ids, ctx) => ids.map((id) => tagLoader(ctx).load(id)),
});
