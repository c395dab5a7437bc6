import {
  Kind,
  TypeInfo,
  getNamedType,
  isListType,
  isNonNullType,
  parse,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { createLRUCache } from 'graphql-yoga';
import { isPrivateField } from '../editorial/private-fields';
import { LISTS_TAG } from './tags';

/**
 * A list of articles (or of what stands for them: Terpopuler items, sections, live entries), or a
 * connection: a collection that a new publication can change. An article's own tags or blocks are
 * not: they change with the article, whose tag the answer carries.
 */
function isCollection(type: GraphQLOutputType): boolean {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  const name = getNamedType(unwrapped).name;
  return name.endsWith('Connection') || (isListType(unwrapped) && COLLECTION_ITEMS.test(name));
}
const COLLECTION_ITEMS = /^(Article|TrendingItem|Section|LiveEntry|Search\w*)$/;

// How long a public answer may be reused, by the response cache and by CDNs (Cache-Control). An
// operation lives as long as the shortest-lived thing it selects: Terpopuler is recomputed every
// minute, so anything showing it expires sooner than articles, sections and lists do.

export interface CacheTtls {
  /** Articles, lists, sections, authors, tags, search, publication. */
  contentSeconds: number;
  /** Terpopuler lists and their items. */
  trendingSeconds: number;
  /** Live-blog entries (LIVE_CACHE_SECONDS): how late a reader polling them may see a new one. */
  liveSeconds?: number;
}

export interface CachePolicy {
  ttls: CacheTtls;
  /** For the response cache: milliseconds by type name or "Type.field" coordinate. */
  ttlPerSchemaCoordinate: Record<string, number>;
  /** Seconds an answer to this document may be reused; 0 for mutations, introspection and unparsable text. */
  secondsFor(query: string, operationName?: string | null): number;
  /**
   * What an answer to this document reads besides the entities in it (src/cache/tags.ts): whether
   * it shows a list (then it is fresh for the list TTL only) and which Query fields it selects.
   */
  readsOf(query: string, operationName?: string | null): DocumentReads;
}

export interface DocumentReads {
  lists: boolean;
  tags: string[];
}

const TRENDING_COORDINATES = ['Query.trending', 'Section.trending', 'Trending', 'TrendingItem'];
/** Live blogs: their entry lists are the polling fallback of readers without a live stream. */
const LIVE_COORDINATES = ['Article.liveEntries', 'LiveEntryConnection', 'LiveEntry'];
/**
 * Comment lists are read fresh every time: a published comment must show within a second, and
 * comments are not content changes, so they start no new cache generation (posting one leaves
 * every other cached page alone). An operation selecting them is not cached at all.
 */
const UNCACHED_COORDINATES = ['Article.comments', 'Comment', 'CommentConnection'];
/**
 * Counts over a list that changes without a content event of its article (a comment published or
 * removed): an answer selecting them is fresh for the list TTL, like a list, and then served stale
 * while one request refreshes it. Dropping it on each comment would keep a busy home page with
 * "12 komentar" badges out of the cache; a TTL would leave it minutes behind.
 */
const AGGREGATE_COORDINATES = new Set(['Article.commentCount', 'Article.commentsOpen']);

export function createCachePolicy(schema: GraphQLSchema, ttls: CacheTtls): CachePolicy {
  const secondsByCoordinate = new Map<string, number>([
    ...TRENDING_COORDINATES.map((c): [string, number] => [c, ttls.trendingSeconds]),
    ...UNCACHED_COORDINATES.map((c): [string, number] => [c, 0]),
    ...(ttls.liveSeconds !== undefined ? LIVE_COORDINATES.map((c): [string, number] => [c, ttls.liveSeconds!]) : []),
  ]);
  const ttlPerSchemaCoordinate = Object.fromEntries([
    ...TRENDING_COORDINATES.map((c) => [c, ttls.trendingSeconds * 1000]),
    ...(ttls.liveSeconds !== undefined ? LIVE_COORDINATES.map((c) => [c, ttls.liveSeconds! * 1000]) : []),
  ]);
  // Documents are few (clients send the same handful of operations); their TTL is worked out once.
  const memo = createLRUCache<{ seconds: number; reads: DocumentReads }>({ max: 500 });

  function analyse(document: DocumentNode, operationName?: string | null): { seconds: number; reads: DocumentReads } {
    const reads: DocumentReads = { lists: false, tags: [] };
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    if (!operation || operation.operation !== 'query') return { seconds: 0, reads };
    let seconds = ttls.contentSeconds;
    const rootFields = new Set<string>();
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          if (node.name.value === '__schema' || node.name.value === '__type') seconds = 0;
          // Staff data and previews (src/editorial/private-fields.ts) are never cached.
          if (isPrivateField(typeInfo.getFieldDef())) seconds = 0;
          const parent = typeInfo.getParentType()?.name;
          const type = typeInfo.getType();
          if (parent === 'Query') rootFields.add(node.name.value);
          if (type && isCollection(type)) reads.lists = true;
          if (parent && AGGREGATE_COORDINATES.has(`${parent}.${node.name.value}`)) reads.lists = true;
          for (const key of [parent && `${parent}.${node.name.value}`, type && getNamedType(type).name]) {
            const ttl = key ? secondsByCoordinate.get(key) : undefined;
            if (ttl !== undefined && ttl < seconds) seconds = ttl;
          }
        },
      }),
    );
    reads.tags = [...rootFields].sort().map((field) => `q:${field}`);
    if (reads.lists) reads.tags.push(LISTS_TAG);
    return { seconds, reads };
  }

  function entryOf(query: string, operationName?: string | null): { seconds: number; reads: DocumentReads } {
    const key = `${operationName ?? ''}\n${query}`;
    let entry = memo.get(key);
    if (!entry) {
      try {
        entry = analyse(parse(query), operationName);
      } catch {
        entry = { seconds: 0, reads: { lists: false, tags: [] } };
      }
      memo.set(key, entry);
    }
    return entry;
  }

  return {
    ttls,
    ttlPerSchemaCoordinate,
    secondsFor: (query, operationName) => entryOf(query, operationName).seconds,
    readsOf: (query, operationName) => entryOf(query, operationName).reads,
  };
}
