import { badUserInput } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, NEXT_PAGE_HINT, checkCount } from './arguments';
import { listArticlesPage, type ArticleFilter, type ArticleRecord } from '../content/articles';
import { decodeArticleCursor, encodeArticleCursor, type KeysetPage } from '../content/pagination';
import { primed } from '../content/loaders';
import type { Context } from '../context';

// Relay paging of article lists (Query.articles, Section/Author/Tag.articles): arguments to a
// keyset page, and a page to the connection shape ArticleConnection (./connection.ts) exposes.

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

function checkSize(argument: 'first' | 'last', value: number): number {
  return checkCount(value, { argument, max: MAX_PAGE_SIZE, hint: NEXT_PAGE_HINT });
}

function decodeCursor(name: 'after' | 'before', cursor: string) {
  const position = decodeArticleCursor(cursor);
  if (!position) {
    throw badUserInput(`"${name}" is not a valid cursor: pass a "cursor", "startCursor" or "endCursor" value returned by this connection.`, {
      argument: name,
    });
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
  edges: { cursor: string; node: ArticleRecord }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  filter: ArticleFilter;
}

/** One page of articles as a Relay connection; `totalCount` is counted only when asked for. */
export async function resolveArticleConnection(ctx: Context, filter: ArticleFilter, args: PageArgs): Promise<ArticleConnectionShape> {
  const page = toKeysetPage(args);
  const rows = page.limit === 0 ? [] : primed(ctx, await listArticlesPage(ctx.reader, filter, page));
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
