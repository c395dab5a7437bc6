import { builder } from './builder';
import { ArticleRef } from './refs';
import { badUserInput } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, NEXT_PAGE_HINT, checkCount, searchComplexity, resolveArticleFilter } from './arguments';
import { primed } from '../content/loaders';
import { stripControlCharacters } from '../content/body';
import { countSearchMatches, prepareSearch, searchArticles, type PreparedSearch, type SearchFilter, type SearchHitRow } from '../search/search';
import { decodeSearchCursor, encodeSearchCursor, searchFingerprint, type SearchMode, type SearchPosition } from '../search/cursor';
import { hasMarks, markedToHtml, escapeHtml, truncateWords } from '../search/highlight';

/** Longest accepted query, in characters; a reader's query is a few words. */
export const MAX_QUERY_LENGTH = 200;
/** Length of the article's own excerpt shown when the body does not match. */
const EXCERPT_FALLBACK_CHARS = 240;

interface SearchConnectionShape {
  edges: { cursor: string; node: SearchHitRow }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  search: PreparedSearch;
  mode: SearchMode;
  filter: SearchFilter;
  /** Counted with the page when it had hits; otherwise counted on request. */
  total: number | null;
}

export const SearchHitRef = builder.objectRef<SearchHitRow>('SearchHit').implement({
  description: 'One search result: the article, how well it matches and its title and excerpt with the matches marked.',
  fields: (t) => ({
    score: t.float({
      description: 'Relevance, higher is better; comparable only between hits of the same search.',
      resolve: (hit) => hit.score,
    }),
    titleHtml: t.string({
      description: 'The title as HTML-escaped text in which matching words are wrapped in <mark>…</mark>.',
      resolve: (hit) => markedToHtml(hit.titleMarked),
    }),
    excerptHtml: t.string({
      description:
        "Up to two passages of the body around the matches (or the article's excerpt when the body does not match), HTML-escaped, with matching words in <mark>…</mark>.",
      resolve: (hit) => {
        if (hasMarks(hit.excerptMarked) || !hit.article.excerpt) return markedToHtml(hit.excerptMarked, { entities: true });
        return escapeHtml(truncateWords(hit.article.excerpt, EXCERPT_FALLBACK_CHARS));
      },
    }),
    article: t.field({ type: ArticleRef, description: 'The matching article.', resolve: (hit) => hit.article }),
  }),
});

const SearchConnection = builder.connectionObject(
  {
    type: SearchHitRef,
    name: 'SearchConnection',
    description: 'A page of search results, most relevant first.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many articles match in all pages (counted only when requested).',
        resolve: (connection, _args, ctx) => {
          const shape = connection as unknown as SearchConnectionShape;
          return shape.total ?? countSearchMatches(ctx.reader, shape.search, shape.mode, shape.filter);
        },
      }),
      approximate: t.boolean({
        description:
          'True when no article contains the words and these are articles whose titles look similar (a typo-tolerant match), e.g. for "presidn jokowi".',
        resolve: (connection) => (connection as unknown as SearchConnectionShape).mode === 'title',
      }),
    }),
  },
  { name: 'SearchEdge', description: 'A search hit and its position in the results.' },
);

function normaliseQuery(raw: string): string {
  const query = stripControlCharacters(raw).replace(/\s+/g, ' ').trim();
  if (query === '') {
    throw badUserInput('"query" is empty: pass one or more words to search for, e.g. "banjir jakarta".', { argument: 'query' });
  }
  if (query.length > MAX_QUERY_LENGTH) {
    throw badUserInput(`"query" must be at most ${MAX_QUERY_LENGTH} characters; got ${query.length}.`, { argument: 'query', max: MAX_QUERY_LENGTH });
  }
  return query;
}

function afterPosition(after: string | null | undefined, fingerprint: string): SearchPosition | null {
  if (after == null) return null;
  const position = decodeSearchCursor(after);
  if (!position) {
    throw badUserInput('"after" is not a valid cursor: pass a "cursor" or "endCursor" value returned by search.', { argument: 'after' });
  }
  if (position.fingerprint !== fingerprint) {
    throw badUserInput('"after" belongs to a different search: pass an "endCursor" returned for the same query and filters.', { argument: 'after' });
  }
  return position;
}

builder.queryField('search', (t) =>
  t.field({
    type: SearchConnection,
    description:
      'Full-text search in Indonesian over published articles, most relevant first. Words are stemmed (meresmikan finds resmi) and common words (yang, di, dan…) ignored; "quotes" search a phrase, -word excludes, `or` gives alternatives. When no article contains the words, titles that look similar are returned instead (see approximate). At most 100 hits a page.',
    args: {
      query: t.arg.string({ required: true, description: `What to search for, at most ${MAX_QUERY_LENGTH} characters.` }),
      section: t.arg.string({ description: 'Only this section (slug).' }),
      publishedAfter: t.arg({ type: 'DateTime', description: 'Only articles published at or after this instant.' }),
      publishedBefore: t.arg({ type: 'DateTime', description: 'Only articles published before this instant.' }),
      first: t.arg.int({ description: `How many hits, 0 to ${MAX_PAGE_SIZE} (${DEFAULT_PAGE_SIZE} when omitted).` }),
      after: t.arg.string({ description: 'Return the hits after this cursor (pageInfo.endCursor of the previous page).' }),
    },
    complexity: searchComplexity,
    resolve: async (_root, args, ctx) => {
      const query = normaliseQuery(args.query);
      const limit = checkCount(args.first ?? DEFAULT_PAGE_SIZE, { argument: 'first', max: MAX_PAGE_SIZE, hint: NEXT_PAGE_HINT });
      const filter: SearchFilter = await resolveArticleFilter(ctx, {
        section: args.section,
        publishedAfter: args.publishedAfter,
        publishedBefore: args.publishedBefore,
      });
      const fingerprint = searchFingerprint([
        query,
        filter.sectionId ?? null,
        filter.publishedAfter?.toISOString() ?? null,
        filter.publishedBefore?.toISOString() ?? null,
      ]);
      const after = afterPosition(args.after, fingerprint);
      const search = await prepareSearch(ctx.reader, query);
      if (search.onlyExclusions) {
        throw badUserInput('"query" only excludes words (-word): add at least one word to search for.', { argument: 'query' });
      }
      const result = primed(ctx, await searchArticles(ctx.reader, { search, filter, limit, after }));
      const hasMore = result.rows.length > limit;
      const rows = hasMore ? result.rows.slice(0, limit) : result.rows;
      const edges = rows.map((node) => ({
        cursor: encodeSearchCursor({ mode: result.mode, score: node.score, id: node.article.id, fingerprint }),
        node,
      }));
      const shape: SearchConnectionShape = {
        edges,
        pageInfo: {
          hasNextPage: hasMore,
          hasPreviousPage: after !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        search,
        mode: result.mode,
        filter,
        total: result.total,
      };
      return shape;
    },
  }),
);
