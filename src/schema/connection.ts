import { builder } from './builder';
import { badUserInput } from './errors';
import { ArticleRef } from './refs';
import type { ArticleFilter, ArticleSummary } from '../content/articles';
import { countArticles, listArticlesPage } from '../content/articles';
import { decodeArticleCursor, encodeArticleCursor, type KeysetPage } from '../content/pagination';
import type { Context } from '../context';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

function checkSize(name: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(
      `"${name}" must be an integer from 0 to ${MAX_PAGE_SIZE}; got ${value}. Fetch further pages with "after: pageInfo.endCursor".`,
      { argument: name, max: MAX_PAGE_SIZE },
    );
  }
  return value;
}

function decodeCursor(name: 'after' | 'before', cursor: string) {
  const position = decodeArticleCursor(cursor);
  if (!position) {
    throw badUserInput(
      `"${name}" is not a valid cursor: pass a "cursor", "startCursor" or "endCursor" value returned by this connection.`,
      { argument: name },
    );
  }
  return position;
}

/** Validates Relay paging arguments and turns them into a keyset page. */
export function toKeysetPage(args: PageArgs): KeysetPage {
  if (args.first != null && args.last != null) {
    throw badUserInput('Pass either "first" (with "after") or "last" (with "before"), not both.');
  }
  const after = args.after != null ? decodeCursor('after', args.after) : null;
  const before = args.before != null ? decodeCursor('before', args.before) : null;
  if (args.last != null || (args.first == null && before && !after)) {
    const limit = args.last != null ? checkSize('last', args.last) : DEFAULT_PAGE_SIZE;
    return { direction: 'backward', limit, from: before, until: after };
  }
  const limit = args.first != null ? checkSize('first', args.first) : DEFAULT_PAGE_SIZE;
  return { direction: 'forward', limit, from: after, until: before };
}

export interface ArticleConnectionShape {
  edges: { cursor: string; node: ArticleSummary }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  filter: ArticleFilter;
}

/** One page of articles as a Relay connection; `totalCount` is counted only when asked for. */
export async function resolveArticleConnection(ctx: Context, filter: ArticleFilter, args: PageArgs): Promise<ArticleConnectionShape> {
  const page = toKeysetPage(args);
  const rows = page.limit === 0 ? [] : await listArticlesPage(ctx.reads, filter, page);
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  if (page.direction === 'backward') pageRows.reverse();
  const edges = pageRows.map((node) => ({ cursor: encodeArticleCursor({ publishedAt: node.published_at, id: node.id }), node }));
  const forward = page.direction === 'forward';
  return {
    edges,
    pageInfo: {
      // The far side of the given cursor is reported as "there is more" rather than counted.
      hasNextPage: forward ? hasMore : page.from !== null,
      hasPreviousPage: forward ? page.from !== null : hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    filter,
  };
}

export const ArticleConnection = builder.connectionObject(
  {
    type: ArticleRef,
    name: 'ArticleConnection',
    description: 'A page of articles, newest first, with cursors for keyset paging.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many articles match the filters in all pages (counted only when requested).',
        resolve: (connection, _args, ctx) => countArticles(ctx.reads, (connection as unknown as ArticleConnectionShape).filter),
      }),
    }),
  },
  { name: 'ArticleEdge', description: 'An article and its position in the list.' },
);

/** Cost of a connection field: the page size times what each node costs. */
export function connectionComplexity(args: PageArgs) {
  return { field: 2, multiplier: Math.max(1, Math.min(MAX_PAGE_SIZE, args.first ?? args.last ?? DEFAULT_PAGE_SIZE)) };
}
