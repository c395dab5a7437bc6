import { Kind, TypeInfo, getNamedType, parse, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createLRUCache } from 'graphql-yoga';
import { isPrivateField } from '../editorial/private-fields';

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
  const memo = createLRUCache<{ seconds: number }>({ max: 500 });

  function secondsOfDocument(document: DocumentNode, operationName?: string | null): number {
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    if (!operation || operation.operation !== 'query') return 0;
    let seconds = ttls.contentSeconds;
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
          for (const key of [parent && `${parent}.${node.name.value}`, type && getNamedType(type).name]) {
            const ttl = key ? secondsByCoordinate.get(key) : undefined;
            if (ttl !== undefined && ttl < seconds) seconds = ttl;
          }
        },
      }),
    );
    return seconds;
  }

  return {
    ttls,
    ttlPerSchemaCoordinate,
    secondsFor(query, operationName) {
      const key = `${operationName ?? ''}\n${query}`;
      let entry = memo.get(key);
      if (!entry) {
        let seconds = 0;
        try {
          seconds = secondsOfDocument(parse(query), operationName);
        } catch {
          seconds = 0;
        }
        entry = { seconds };
        memo.set(key, entry);
      }
      return entry.seconds;
    },
  };
}
