import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createGraphQLError, createLRUCache, type Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';

// Automatic persisted queries (the APQ protocol of Apollo): a client sends only the SHA-256 of its
// document, in `extensions.persistedQuery.sha256Hash`, typically as a GET with a short URL a CDN can
// cache. An unknown hash answers PersistedQueryNotFound; the client then sends document and hash
// once, Kabar checks the hash and remembers the document, and the short form works from then on.
//
// Lookup and errors come from yoga's plugin-persisted-operations (the version matching our yoga);
// it serves a fixed list and has no registration step, which is the part added here.

/** Longest document accepted for registration; Kabar's own operations are a few kilobytes. */
export const MAX_PERSISTED_QUERY_LENGTH = 50_000;

export interface PersistedQueryStore {
  get(hash: string): Promise<string | null> | string | null;
  set(hash: string, query: string): Promise<unknown> | unknown;
}

export function createMemoryPersistedQueryStore(max = 1000): PersistedQueryStore {
  const cache = createLRUCache<string>({ max });
  return { get: (hash) => cache.get(hash) ?? null, set: (hash, query) => cache.set(hash, query) };
}

/** Shared by every instance; documents expire after a week unused (clients register again). */
export function createRedisPersistedQueryStore(redis: Redis, ttlSeconds = 7 * 86_400): PersistedQueryStore {
  return {
    async get(hash) {
      const key = `apq:${hash}`;
      // Redis being down reads as "not found": the client then sends the whole document.
      const query = await redis.get(key).catch(() => null);
      if (query !== null) void redis.expire(key, ttlSeconds).catch(() => undefined);
      return query;
    },
    set: (hash, query) => redis.set(`apq:${hash}`, query, 'EX', ttlSeconds).catch(() => undefined),
  };
}

interface PersistedQueryExtension {
  version: 1;
  sha256Hash: string;
}

function persistedQueryOf(extensions: unknown): PersistedQueryExtension | null {
  const value = (extensions as { persistedQuery?: Partial<PersistedQueryExtension> } | undefined)?.persistedQuery;
  return value?.version === 1 && typeof value.sha256Hash === 'string' ? (value as PersistedQueryExtension) : null;
}

/** Plugins in order: registration first, then the lookup that fills in `query` from the hash. */
export function usePersistedQueries(options: { store: PersistedQueryStore }): Plugin[] {
  const { store } = options;
  const register: Plugin = {
    async onParams({ params }) {
      const persisted = persistedQueryOf(params.extensions);
      if (!persisted || typeof params.query !== 'string') return;
      if (!/^[0-9a-f]{64}$/.test(persisted.sha256Hash)) {
        throw createGraphQLError('persistedQuery.sha256Hash must be the SHA-256 of the document as 64 lowercase hex digits.', {
          extensions: { code: 'PERSISTED_QUERY_INVALID', http: { status: 400 } },
        });
      }
      if (createHash('sha256').update(params.query).digest('hex') !== persisted.sha256Hash) {
        throw createGraphQLError('PersistedQueryMismatch: persistedQuery.sha256Hash is not the SHA-256 of the query that was sent.', {
          extensions: { code: 'PERSISTED_QUERY_MISMATCH', http: { status: 400 } },
        });
      }
      if (params.query.length <= MAX_PERSISTED_QUERY_LENGTH) await store.set(persisted.sha256Hash, params.query);
    },
  };
  const lookup = usePersistedOperations({
    allowArbitraryOperations: true,
    getPersistedOperation: (hash) => store.get(hash),
    customErrors: {
      // The wording and code APQ clients (Apollo, urql, graphql-request) look for before retrying.
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 200 } } },
    },
  });
  return [register, lookup];
}
