import type { Redis } from 'ioredis';
import { createInMemoryCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { createRedisCache } from '@envelop/response-cache-redis';
import { createLRUCache } from 'graphql-yoga';
import type { ContentGeneration } from './generation';

// Where cached responses live: in this process (an LRU of `maxEntries` answers), or in Redis when
// REDIS_URL is set, shared by every Kabar instance. Either way keys begin with the content
// generation; answers of an older generation are never handed out, and are never stored.
//
// Entity bookkeeping (which answer mentions which article) is left out on purpose: a content change
// starts a new generation instead, and the Redis store's per-entity sets would otherwise grow
// without an expiry.

export interface ResponseStoreOptions {
  generation: ContentGeneration;
  /** Shared store; without it, answers are kept in memory. */
  redis?: Redis | null;
  /** In-memory store only: how many answers to keep. */
  maxEntries: number;
}

export function generationKeyPrefix(generation: string): string {
  return `${generation}:`;
}

export function createResponseStore(options: ResponseStoreOptions): Cache {
  const { generation } = options;
  const inMemory = () => createInMemoryCache({ max: options.maxEntries });
  let store: Cache = options.redis ? failSoft(createRedisCache({ redis: options.redis })) : inMemory();
  if (!options.redis) {
    // A new generation makes every entry unreachable: let them go at once rather than by LRU.
    generation.onChange(() => {
      store = inMemory();
    });
  }
  const isCurrent = (key: string) => key.startsWith(generationKeyPrefix(generation.current));
  return {
    get(key) {
      return isCurrent(key) ? store.get(key) : undefined;
    },
    set(key, result, _entities, ttl) {
      if (!isCurrent(key)) return undefined;
      if (!options.redis) rememberSerialization(result);
      return store.set(key, result, [], ttl);
    },
    invalidate() {
      // Content changes move the generation on (see generation.ts); nothing to find and delete.
      return undefined;
    },
  };
}

/** A store that is unreachable behaves as empty: the answer comes from the database instead. */
function failSoft(store: Cache): Cache {
  return {
    get: (key) => Promise.resolve(store.get(key)).catch(() => undefined),
    set: (key, result, entities, ttl) => Promise.resolve(store.set(key, result, entities, ttl)).catch(() => undefined),
    invalidate: (entities) => Promise.resolve(store.invalidate(entities)).catch(() => undefined),
  };
}

/**
 * An answer kept in memory is the same object on every hit; yoga serialises it with its `stringify`
 * when it has one. Serialising once and handing out the same text saves the largest cost of a hit.
 * (What yoga passes in only differs from the stored object by internal extensions it strips.)
 */
function rememberSerialization(result: object): void {
  const target = result as { stringify?: (value: unknown) => string };
  const serialise = target.stringify ?? JSON.stringify;
  let text: string | undefined;
  target.stringify = (value) => (text ??= serialise(value));
}

export interface FinishedResponse {
  body: string;
  headers: [string, string][];
  etag: string;
}

export interface FinishedResponses {
  /** The key of a request, fixed when it arrives (it names the content generation of that moment). */
  keyOf(request: Request, url: URL): string;
  get(key: string): FinishedResponse | undefined;
  set(key: string, response: FinishedResponse, ttlMs: number): void;
}

/**
 * Finished answers to GET queries in this process (src/http/plugins/use-http-caching.ts), by content
 * generation and everything the answer depends on: the URL's query string, Accept (the media type)
 * and Origin (the CORS headers). Dropped wholesale when the generation moves on.
 */
export function createFinishedResponses(generation: ContentGeneration, maxEntries: number): FinishedResponses {
  const make = () => createLRUCache<FinishedResponse>({ max: maxEntries });
  let entries = make();
  generation.onChange(() => {
    entries = make();
  });
  return {
    keyOf: (request, url) =>
      `${generation.current}\n${request.headers.get('accept') ?? ''}\n${request.headers.get('origin') ?? ''}\n${url.search}`,
    get: (key) => (key.startsWith(`${generation.current}\n`) ? entries.get(key) : undefined),
    set: (key, response, ttlMs) => {
      if (key.startsWith(`${generation.current}\n`)) entries.set(key, response, { ttl: ttlMs });
    },
  };
}
