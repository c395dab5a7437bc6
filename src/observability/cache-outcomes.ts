import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { FinishedResponses } from '../cache/store';
import type { Metrics } from './metrics';

// Hits and misses of the caches the app builds (src/http/app.ts), counted from outside them:
// kabar_cache_lookups_total{cache, outcome}. A cache that knows more (a stale answer served while a
// fresh one is built) calls metrics.recordCacheOutcome() itself instead.

/**
 * The response cache's store, counting hits when a lookup finds an answer and misses when a new
 * answer is stored. (yoga's plugin asks the store twice for a request that misses, in onParams and
 * again in onExecute, so counting lookups would count every miss twice; an answer that cannot be
 * cached, such as one with errors, is not counted.)
 */
export function countedResponseStore(store: Cache, metrics: Metrics): Cache {
  const recordHit = (found: unknown) => {
    if (found) metrics.recordCacheOutcome('response', 'hit');
  };
  return {
    get(key) {
      const found = store.get(key);
      if (found && typeof (found as PromiseLike<unknown>).then === 'function') {
        return (found as Promise<Awaited<typeof found>>).then((value) => {
          recordHit(value);
          return value;
        });
      }
      recordHit(found);
      return found;
    },
    set(key, result, entities, ttl) {
      metrics.recordCacheOutcome('response', 'miss');
      return store.set(key, result, entities, ttl);
    },
    invalidate: (entities) => store.invalidate(entities),
  };
}

/** Finished GET answers, counting each lookup as a hit or a miss. */
export function countedFinishedResponses(finished: FinishedResponses, metrics: Metrics): FinishedResponses {
  return {
    keyOf: (request, url) => finished.keyOf(request, url),
    get(key) {
      const found = finished.get(key);
      metrics.recordCacheOutcome('finished', found ? 'hit' : 'miss');
      return found;
    },
    set: (key, response, ttlMs) => finished.set(key, response, ttlMs),
  };
}
