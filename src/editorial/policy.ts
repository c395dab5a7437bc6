import type { StaffRole } from './tables';

// Who may do what: every rule of the writing side, in one place. The GraphQL layer turns these into
// scope-auth scopes (src/schema/builder.ts); write services re-check the per-article rule under the
// row lock, with the same function, so a status change between the two cannot slip through.

export interface Actor {
  id: number;
  role: StaffRole;
  authorId: number;
  name: string;
  email: string;
}

/** Roles in increasing power. A moderator writes no articles; it moderates comments (canModerate). */
const RANK: Record<StaffRole, number> = { moderator: 0, writer: 1, editor: 2, admin: 3 };

export const ROLES: StaffRole[] = ['writer', 'moderator', 'editor', 'admin'];

export function isRole(value: string): value is StaffRole {
  return (ROLES as string[]).includes(value);
}

/** Writers and up: create articles, see any article in the newsroom, make preview links. */
export function canWrite(actor: Actor | null): boolean {
  return actor !== null && RANK[actor.role] >= RANK.writer;
}

/** Editors and up: edit and publish anything, take down, editors' picks, tags. */
export function canEditAny(actor: Actor | null): boolean {
  return actor !== null && RANK[actor.role] >= RANK.editor;
}

/** Moderators, editors and admins: the comment queues, moderation actions and their figures. */
export function canModerate(actor: Actor | null): boolean {
  return actor !== null && actor.role !== 'writer';
}

/** Admins: staff accounts, sections, webhooks, the audit log. */
export function isAdmin(actor: Actor | null): boolean {
  return actor?.role === 'admin';
}

/** The article facts the edit rule looks at. */
export interface ArticleOwnership {
  author_id: number | null;
  status: string;
}

/** An editor edits anything; a writer only their own drafts (never scheduled, published or archived). */
export function mayEditArticle(actor: Actor | null, article: ArticleOwnership): boolean {
  if (canEditAny(actor)) return true;
  return canWrite(actor) && article.status === 'draft' && article.author_id === actor!.authorId;
}

/** The live-blog facts the live-entry rules look at. */
export interface LiveEntryOwnership {
  staff_id: number | null;
}

/**
 * Live blogs: editors turn an article's live flag on and off and may add entries to any article
 * (to prepare a blog before it goes live); writers add entries to articles that are live now.
 */
export function mayAddLiveEntry(actor: Actor | null, article: { live: boolean }): boolean {
  return canEditAny(actor) || (canWrite(actor) && article.live);
}

/** Editors change and delete any entry; writers only their own. */
export function mayChangeLiveEntry(actor: Actor | null, entry: LiveEntryOwnership): boolean {
  return canEditAny(actor) || (canWrite(actor) && entry.staff_id === actor!.id);
}
