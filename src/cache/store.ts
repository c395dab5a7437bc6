import type { Redis } from 'ioredis';
import { type Cache } from '@graphql-yoga/plugin-response-cache';
import { createRedisCache } from '@envelop/response-cache-redis';
import { LRUCache } from 'lru-cache';
import { stripIgnoredCharacters } from 'graphql';
import type { ContentGeneration } from './generation';
import { createMemoryAnswers, TaggedAnswers, type Lookup } from './tagged-store';

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
  /** In-memory store only: how many bytes of serialised answers to keep. */
  maxBytes: number;
}

export function generationKeyPrefix(generation: string): string {
  return `${generation}:`;
}

export function createResponseStore(options: ResponseStoreOptions): Cache {
  const { generation } = options;
  const inMemory = () => createByteBoundedCache(options.maxEntries, options.maxBytes);
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
 * (What yoga passes in differs from the stored object by internal extensions it strips, so the
 * text is made from the first value yoga hands over, not from the stored object.)
 */
function rememberSerialization(result: object): void {
  const target = result as { stringify?: (value: unknown) => string };
  const serialise = target.stringify ?? JSON.stringify;
  let text: string | undefined;
  target.stringify = (value) => (text ??= serialise(value));
}

/** Bytes an entry costs beyond its text: key, object headers, LRU bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * The in-memory store, bounded by the bytes of the answers it holds as well as their number: a few
 * huge answers cannot push memory up the way 2,000 of them would. (Strings count as UTF-16, two
 * bytes a character.)
 */
function createByteBoundedCache(maxEntries: number, maxBytes: number): Cache {
  const entries = new LRUCache<string, object>({
    max: maxEntries,
    maxSize: maxBytes,
    sizeCalculation: (value) => Math.max(1, ((value as { __kabarBytes?: number }).__kabarBytes ?? 0) + ENTRY_OVERHEAD_BYTES),
  });
  return {
    get: (key) => entries.get(key) as never,
    set(key, result, _entities, ttl) {
      // The size is measured once, on a miss; hits are served from the remembered text.
      Object.defineProperty(result, '__kabarBytes', { value: JSON.stringify(result).length * 2, enumerable: false });
      rememberSerialization(result);
      entries.set(key, result, { ttl: ttl > 0 && Number.isFinite(ttl) ? ttl : undefined });
    },
    invalidate() {
      return undefined;
    },
  };
}

export interface FinishedResponse {
  body: string;
  headers: [string, string][];
  etag: string;
}

export interface FinishedResponses {
  /** The key of a request, fixed when it arrives (in the generation design it names the generation of that moment). */
  keyOf(request: Request, url: URL): string;
  lookup(key: string): Promise<Lookup<FinishedResponse>> | Lookup<FinishedResponse>;
  store(key: string, response: FinishedResponse, tags: readonly string[], fresh: { ttlMs: number; staleMs: number }): void;
  /** The request that was to compute `key` produced nothing to keep. */
  abandon(key: string): void;
  /** Drops the answers carrying any of `tags` (tag design only). */
  invalidate(tags: readonly string[]): void;
  clear(): void;
}

export interface FinishedResponseLimits {
  maxEntries: number;
  maxBytes: number;
  allowedOrigins: ReadonlySet<string>;
}

/**
 * Finished answers to GET queries in this process (src/http/plugins/use-http-caching.ts), by
 * everything the answer depends on: the URL's query string, Accept (the media type) and Origin
 * (the CORS headers). In the generation design, keys start with the generation and everything is
 * dropped when it moves on; in the tag design, answers carry the tags of what they read.
 */
export function createFinishedResponses(generation: ContentGeneration | null, limits: FinishedResponseLimits): FinishedResponses {
  const sizeOf = (response: FinishedResponse) => response.body.length * 2 + ENTRY_OVERHEAD_BYTES;
  const keyOf = (prefix: string, request: Request, url: URL) => {
    // Only what changes the answer makes a key: the GraphQL parameters (the query without
    // insignificant white space and commas), the media type Accept chooses, and the Origin when it
    // is one that gets CORS headers. Junk parameters and other spellings of a query share one entry.
    const origin = request.headers.get('origin') ?? '';
    return [
      prefix,
      mediaTypeKey(request.headers.get('accept')),
      limits.allowedOrigins.has(origin) ? origin : '',
      normalisedQuery(url.searchParams.get('query')),
      url.searchParams.get('variables') ?? '',
      url.searchParams.get('operationName') ?? '',
      url.searchParams.get('extensions') ?? '',
    ].join('\n');
  };
  if (!generation) {
    const answers = new TaggedAnswers<FinishedResponse>(createMemoryAnswers({ maxEntries: limits.maxEntries, maxBytes: limits.maxBytes, sizeOf }), {
      waitMs: FINISHED_WAIT_MS,
    });
    return {
      keyOf: (request, url) => keyOf('', request, url),
      lookup: (key) => answers.lookup(key),
      store(key, response, tags, fresh) {
        const now = Date.now();
        void answers.store(key, { value: response, tags: [...tags], freshUntil: now + fresh.ttlMs, staleUntil: now + fresh.ttlMs + fresh.staleMs });
      },
      abandon: (key) => answers.abandon(key),
      invalidate: (tags) => void answers.invalidate(tags),
      clear: () => void answers.backend.clear(),
    };
  }
  const make = () => new LRUCache<string, FinishedResponse>({ max: limits.maxEntries, maxSize: limits.maxBytes, sizeCalculation: sizeOf });
  let entries = make();
  generation.onChange(() => {
    entries = make();
  });
  const current = (key: string) => key.startsWith(`${generation.current}\n`);
  return {
    keyOf: (request, url) => keyOf(generation.current, request, url),
    lookup(key) {
      const hit = current(key) ? entries.get(key) : undefined;
      return hit ? { outcome: 'HIT', answer: { value: hit, tags: [], freshUntil: 0, staleUntil: 0 } } : { outcome: 'MISS' };
    },
    store(key, response, _tags, fresh) {
      if (current(key)) entries.set(key, response, { ttl: fresh.ttlMs });
    },
    abandon: () => undefined,
    invalidate: () => undefined,
    clear() {
      entries = make();
    },
  };
}

/** How long a request waits for another computing the same finished answer. */
const FINISHED_WAIT_MS = 2_000;

/** The answer's media type follows Accept: graphql-response+json when asked for, JSON otherwise. */
function mediaTypeKey(accept: string | null): string {
  return accept?.includes('application/graphql-response+json') ? 'graphql-response' : 'json';
}

function normalisedQuery(query: string | null): string {
  if (!query) return '';
  try {
    return stripIgnoredCharacters(query);
  } catch {
    // Not valid GraphQL: it will be refused, and the refusal is not cached.
    return query;
  }
}
