import { stripIgnoredCharacters } from 'graphql';
import { createMemoryAnswers, TaggedAnswers, type Lookup } from './tagged-store';

// Finished answers to GET queries (src/http/plugins/use-http-caching.ts), kept in this process
// with the tags of what they read, like the response cache's answers (src/cache/tagged-store.ts).

/** Bytes an entry costs beyond its text: key, object headers, LRU bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 512;

export interface FinishedResponse {
  body: string;
  headers: [string, string][];
  etag: string;
}

export interface FinishedResponses {
  /** The key of a request. */
  keyOf(request: Request, url: URL): string;
  /** Moves on with every invalidation: an answer computed across one is not kept (it may predate the change). */
  readonly epoch: number;
  lookup(key: string): Promise<Lookup<FinishedResponse>> | Lookup<FinishedResponse>;
  /** `keepMs`: how much longer than the stale period it is kept for database outages (see StoredAnswer.keepUntil). */
  store(key: string, response: FinishedResponse, tags: readonly string[], fresh: { ttlMs: number; staleMs: number; keepMs?: number }): void;
  /** The request that was to compute `key` produced nothing to keep. */
  abandon(key: string): void;
  /** Drops the answers carrying any of `tags`. */
  invalidate(tags: readonly string[]): void;
  clear(): void;
}

export interface FinishedResponseLimits {
  maxEntries: number;
  maxBytes: number;
  allowedOrigins: ReadonlySet<string>;
}

/**
 * Finished answers to GET queries in this process, by everything the answer depends on: the
 * URL's query string, Accept (the media type) and Origin (the CORS headers).
 */
export function createFinishedResponses(limits: FinishedResponseLimits): FinishedResponses {
  const sizeOf = (response: FinishedResponse) => response.body.length * 2 + ENTRY_OVERHEAD_BYTES;
  const answers = new TaggedAnswers<FinishedResponse>(createMemoryAnswers({ maxEntries: limits.maxEntries, maxBytes: limits.maxBytes, sizeOf }), {
    waitMs: FINISHED_WAIT_MS,
  });
  return {
    // Only what changes the answer makes a key: the GraphQL parameters (the query without
    // insignificant white space and commas), the media type Accept chooses, and the Origin when it
    // is one that gets CORS headers. Junk parameters and other spellings of a query share one entry.
    keyOf(request, url) {
      const origin = request.headers.get('origin') ?? '';
      return [
        mediaTypeKey(request.headers.get('accept')),
        limits.allowedOrigins.has(origin) ? origin : '',
        normalisedQuery(url.searchParams.get('query')),
        url.searchParams.get('variables') ?? '',
        url.searchParams.get('operationName') ?? '',
        url.searchParams.get('extensions') ?? '',
      ].join('\n');
    },
    get epoch() {
      return answers.epoch;
    },
    lookup: (key) => answers.lookup(key),
    store(key, response, tags, fresh) {
      const now = Date.now();
      const staleUntil = now + fresh.ttlMs + fresh.staleMs;
      void answers.store(key, {
        value: response,
        tags: [...tags],
        freshUntil: now + fresh.ttlMs,
        staleUntil,
        keepUntil: staleUntil + (fresh.keepMs ?? 0),
      });
    },
    abandon: (key) => answers.abandon(key),
    invalidate: (tags) => void answers.invalidate(tags),
    clear: () => void answers.clear(),
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
