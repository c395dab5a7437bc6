import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print } from 'graphql';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
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
  /** Stores the document unless a bound says no; resolves to whether it was stored. */
  set(hash: string, query: string): Promise<boolean> | boolean;
}

/** In memory: least recently used documents go first once `maxBytes` of them are held. */
export function createMemoryPersistedQueryStore(maxBytes = 5_000_000): PersistedQueryStore {
  const cache = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (query) => Math.max(1, query.length * 2) });
  return {
    get: (hash) => cache.get(hash) ?? null,
    set: (hash, query) => {
      cache.set(hash, query);
      return cache.has(hash);
    },
  };
}

/**
 * Shared by every instance. A document expires a day after its last use (clients register again),
 * and the whole fleet registers at most `maxBytesPerHour` of new documents an hour, so what Redis
 * holds for APQ stays bounded (24 times that) whatever clients send.
 */
export function createRedisPersistedQueryStore(redis: Redis, options: { ttlSeconds?: number; maxBytesPerHour?: number } = {}): PersistedQueryStore {
  const ttlSeconds = options.ttlSeconds ?? 86_400;
  const maxBytesPerHour = options.maxBytesPerHour ?? 2_000_000;
  return {
    async get(hash) {
      const key = `apq:${hash}`;
      // Redis being down reads as "not found": the client then sends the whole document.
      const query = await redis.get(key).catch(() => null);
      if (query !== null) void redis.expire(key, ttlSeconds).catch(() => undefined);
      return query;
    },
    async set(hash, query) {
      try {
        const budget = `apq-bytes:${Math.floor(Date.now() / 3_600_000)}`;
        const used = await redis.incrby(budget, query.length);
        if (used === query.length) void redis.expire(budget, 7_200).catch(() => undefined);
        if (used > maxBytesPerHour) return false;
        await redis.set(`apq:${hash}`, query, 'EX', ttlSeconds);
        return true;
      } catch {
        return false;
      }
    },
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

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The operations Kabar knows (the repository's operations/ folder, or any folder of .graphql files),
 * by the SHA-256 of their text as written and of graphql-js's print of it, so a client may hash
 * either form.
 */
export function loadKnownOperations(folder: string): Map<string, string> {
  const known = new Map<string, string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.graphql')) {
        const text = readFileSync(file, 'utf8');
        known.set(sha256Hex(text), text);
        known.set(sha256Hex(print(parse(text))), text);
      }
    }
  };
  visit(folder);
  return known;
}

export interface PersistedQueryOptions {
  store: PersistedQueryStore;
  /**
   * Only these operations (hash → document) are run, sent by hash or as text; nothing is
   * registered. Unset: automatic persisted queries, registration bounded by the store and by
   * `allowRegistration`.
   */
  knownOnly?: Map<string, string>;
  /** Whether this request may register a document (e.g. the client's registration rate). */
  allowRegistration?: (request: Request, serverContext: unknown) => Promise<boolean> | boolean;
}

/** Plugins in order: registration first, then the lookup that fills in `query` from the hash. */
export function usePersistedQueries(options: PersistedQueryOptions): Plugin[] {
  const { store, knownOnly } = options;
  const register: Plugin = {
    async onParams({ params, request, context }) {
      const persisted = persistedQueryOf(params.extensions);
      if (knownOnly && typeof params.query === 'string' && !knownOnly.has(sha256Hex(params.query))) {
        throw createGraphQLError(
          'This server runs only known operations (PERSISTED_QUERIES=known): send the SHA-256 of one of them in extensions.persistedQuery.sha256Hash, or its exact text.',
          { extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } } },
        );
      }
      if (!persisted || typeof params.query !== 'string') return;
      if (!/^[0-9a-f]{64}$/.test(persisted.sha256Hash)) {
        throw createGraphQLError('persistedQuery.sha256Hash must be the SHA-256 of the document as 64 lowercase hex digits.', {
          extensions: { code: 'PERSISTED_QUERY_INVALID', http: { status: 400 } },
        });
      }
      if (sha256Hex(params.query) !== persisted.sha256Hash) {
        throw createGraphQLError('PersistedQueryMismatch: persistedQuery.sha256Hash is not the SHA-256 of the query that was sent.', {
          extensions: { code: 'PERSISTED_QUERY_MISMATCH', http: { status: 400 } },
        });
      }
      // A document that is not kept still runs; the client just sends it whole again next time.
      if (knownOnly || params.query.length > MAX_PERSISTED_QUERY_LENGTH) return;
      if (options.allowRegistration && !(await options.allowRegistration(request, context))) return;
      await store.set(persisted.sha256Hash, params.query);
    },
  };
  const lookup = usePersistedOperations({
    allowArbitraryOperations: true,
    getPersistedOperation: (hash) => (knownOnly ? (knownOnly.get(hash) ?? null) : store.get(hash)),
    customErrors: {
      // The wording and code APQ clients (Apollo, urql, graphql-request) look for before retrying.
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 200 } } },
    },
  });
  return [register, lookup];
}
