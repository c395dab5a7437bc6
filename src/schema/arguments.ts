import { badUserInput } from './errors';
import { findAuthorBySlug, findSectionBySlug, findTagBySlug, listSections } from '../content/taxonomy';
import type { ArticleFilter } from '../content/articles';
import type { ArticleKey } from '../content/whole-article';
import type { Context } from '../context';

// Argument checks and conversions shared by the type files (which import helpers from here, never
// from each other). Every error says what was wrong and what is allowed.

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
export const NEXT_PAGE_HINT = 'Fetch further pages with "after: pageInfo.endCursor".';

export interface CountLimits {
  /** The argument's name, e.g. "first". */
  argument: string;
  max: number;
  /** The field the argument belongs to, when the message should name it. */
  field?: string;
  /** Why the maximum is what it is. */
  why?: string;
  /** What to do instead, appended to the message. */
  hint?: string;
}

/** A page size or list length: a whole number from 0 to `max`. */
export function checkCount(value: number, limits: CountLimits): number {
  if (!Number.isInteger(value) || value < 0 || value > limits.max) {
    const of = limits.field ? ` of "${limits.field}"` : '';
    const why = limits.why ? ` (${limits.why})` : '';
    const hint = limits.hint ? ` ${limits.hint}` : '';
    throw badUserInput(`"${limits.argument}"${of} must be an integer from 0 to ${limits.max}${why}; got ${value}.${hint}`, {
      argument: limits.argument,
      max: limits.max,
    });
  }
  return value;
}

/** Cost of a list field: its length (the argument, or its default), within 1…max. */
export function listComplexity(first: number | null | undefined, fallback: number, max = MAX_PAGE_SIZE) {
  return { field: 1, multiplier: Math.max(1, Math.min(max, first ?? fallback)) };
}

/** Cost of a connection field: the page size times what each node costs. */
export function connectionComplexity(args: { first?: number | null; last?: number | null }) {
  return { field: 2, multiplier: Math.max(1, Math.min(MAX_PAGE_SIZE, args.first ?? args.last ?? DEFAULT_PAGE_SIZE)) };
}

/**
 * Points a full-text search costs beyond what it returns: it ranks up to 5,000 matches with
 * ts_rank before a page is cut (src/search), some hundred times the database work of an article
 * read by slug. Counting all matches (`totalCount`) is priced in src/http/query-cost.ts.
 */
export const FULL_TEXT_SEARCH_COST = 200;

/** Cost of the search connection: the search itself, then the page as for any connection. */
export function searchComplexity(args: { first?: number | null; last?: number | null }) {
  const page = connectionComplexity(args);
  return { field: page.field + FULL_TEXT_SEARCH_COST, multiplier: page.multiplier };
}

/** Fields that name an article "by slug or by global id": exactly one of the two. */
export function articleKeyOf(args: { slug?: string | null; id?: { id: number } | null }, field: string): ArticleKey {
  if ((args.slug == null) === (args.id == null)) throw badUserInput(`Pass exactly one of "slug" or "id" to "${field}".`);
  return args.slug != null ? { slug: args.slug } : { id: args.id!.id };
}

export async function sectionIdForSlug(ctx: Context, slug: string): Promise<number> {
  const section = await findSectionBySlug(ctx.reader, slug);
  if (section) return section.id;
  const known = (await listSections(ctx.reader)).map((s) => s.slug).join(', ');
  throw badUserInput(`Unknown section "${slug}". Known sections: ${known}.`, { argument: 'section' });
}

export interface ArticleFilterArgs {
  section?: string | null;
  tag?: string | null;
  author?: string | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
}

/** Turns slugs and dates from the arguments into ids, with a clear error for anything unknown. */
export async function resolveArticleFilter(ctx: Context, args: ArticleFilterArgs): Promise<ArticleFilter> {
  const filter: ArticleFilter = {};
  if (args.section != null) filter.sectionId = await sectionIdForSlug(ctx, args.section);
  if (args.tag != null) {
    const tag = await findTagBySlug(ctx.reader, args.tag);
    if (!tag) throw badUserInput(`Unknown tag "${args.tag}": pass the slug of an existing tag, e.g. from Article.tags.`, { argument: 'tag' });
    filter.tagId = tag.id;
  }
  if (args.author != null) {
    const author = await findAuthorBySlug(ctx.reader, args.author);
    if (!author) throw badUserInput(`Unknown author "${args.author}": pass the slug of an existing author.`, { argument: 'author' });
    filter.authorId = author.id;
  }
  if (args.publishedAfter && args.publishedBefore && args.publishedAfter >= args.publishedBefore) {
    throw badUserInput('"publishedAfter" must be earlier than "publishedBefore".');
  }
  if (args.publishedAfter) filter.publishedAfter = args.publishedAfter;
  if (args.publishedBefore) filter.publishedBefore = args.publishedBefore;
  return filter;
}
