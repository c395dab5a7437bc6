import type { Plugin } from 'graphql-yoga';
import { createHash } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { CachePolicy } from '../../cache/policy';
import type { CacheOutcome, StoredAnswer, TaggedAnswers } from '../../cache/tagged-store';
import { entityTag } from '../../cache/tags';
import { failedForDatabaseOutage } from '../errors';

/** Variables with object keys in a fixed order, so {a, b} and {b, a} share an entry. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** What Kabar's caches did for one request: read by the HTTP layer for its headers. */
export interface RequestCacheState {
  key: string;
  /** The cache's epoch when the request began (see TaggedAnswers.epoch). */
  epoch: number;
  outcome?: CacheOutcome;
  /** Tags of the answer (stored or served). */
  tags?: string[];
  /** The answer shows a list: it is fresh for the list TTL only. */
  lists?: boolean;
  answer?: StoredAnswer;
  /** An expired answer to serve if this request's execution fails for a database outage. */
  fallback?: StoredAnswer;
  stored?: boolean;
}

/** Requests whose cache state is kept at once (more are in flight only when clients leave early). */
const MAX_OPEN_STATES = 50_000;

/** Per-request cache states, by request. */
export class RequestCacheStates {
  private serial = 0;
  // Bounded: a request that never reaches onResponse (its client left) cannot leak its state; the
  // oldest go first. A Map, not an LRUCache: lru-cache's delete of its only entry clears the whole
  // cache, filling arrays of `max` slots, and here that is every request (a tenth of a cache hit's CPU).
  private readonly bySerial = new Map<string, RequestCacheState>();
  private readonly byRequest = new WeakMap<Request, RequestCacheState>();

  begin(request: Request, key: string, epoch: number): string {
    const serial = String((this.serial = (this.serial + 1) % Number.MAX_SAFE_INTEGER));
    const state: RequestCacheState = { key, epoch };
    this.bySerial.set(serial, state);
    if (this.bySerial.size > MAX_OPEN_STATES) this.bySerial.delete(this.bySerial.keys().next().value!);
    this.byRequest.set(request, state);
    return `${key}#${serial}`;
  }

  /** The state a key handed out by begin() belongs to (undefined for any other string). */
  ofKey(keyWithSerial: string): RequestCacheState | undefined {
    const at = keyWithSerial.lastIndexOf('#');
    return at < 0 ? undefined : this.bySerial.get(keyWithSerial.slice(at + 1));
  }

  of(request: Request): RequestCacheState | undefined {
    return this.byRequest.get(request);
  }

  end(keyWithSerial: string): void {
    const at = keyWithSerial.lastIndexOf('#');
    if (at >= 0) this.bySerial.delete(keyWithSerial.slice(at + 1));
  }
}

export interface TaggedResponseCachingOptions {
  answers: TaggedAnswers;
  policy: CachePolicy;
  states: RequestCacheStates;
  listTtlMs: number;
  staleMs: number;
  /** How long past its stale period an answer is kept for database outages (StoredAnswer.keepUntil). */
  outageGraceMs?: number;
}

/**
 * The response cache by what answers read (issue 13): yoga's plugin-response-cache finds the
 * entities in each answer (it adds `id` and `__typename` to every selection), the cache policy
 * adds the answer's lists, and the answer is stored under those tags (src/cache/tagged-store.ts).
 * A change drops exactly the answers carrying its tags (src/cache/freshness.ts); lists refresh
 * within the list TTL; an expired answer is served stale while one request recomputes it; and
 * concurrent misses of one key are computed once.
 *
 * yoga's Cache interface gives get/set only the key, so the key carries a per-request serial
 * ("<hash>#<serial>") through which get and set find their request's state.
 */
export function useTaggedResponseCaching(options: TaggedResponseCachingOptions): Plugin[] {
  const { answers, policy, states } = options;
  const cacheable = new WeakMap<Request, boolean>();
  const keyOfRequest = new WeakMap<Request, string>();
  const classify: Plugin = {
    onParams({ request, params }) {
      const query = typeof params.query === 'string' ? params.query : null;
      cacheable.set(request, query !== null && policy.secondsFor(query, params.operationName) > 0);
    },
  };
  const adapter: Cache = {
    async get(keyWithSerial) {
      const state = states.ofKey(keyWithSerial);
      if (!state) return undefined;
      if (state.outcome === undefined) {
        const found = await answers.lookup(state.key);
        state.outcome = found.outcome;
        state.answer = found.answer;
        state.fallback = found.fallback;
        state.tags = found.answer?.tags;
      }
      return state.outcome === 'MISS' ? undefined : state.answer?.value;
    },
    async set(keyWithSerial, result, entities, ttl) {
      const state = states.ofKey(keyWithSerial);
      if (!state) return;
      const tags = new Set<string>(state.tags ?? []);
      for (const entity of entities) {
        const tag = entityTag(entity.typename, entity.id);
        if (tag) tags.add(tag);
      }
      // A lookup that found nothing (an article not published yet) is as fresh as a list: it must
      // not hide a publication for longer.
      const foundNothing = Object.values(result.data ?? {}).some((value) => value === null);
      const ttlMs = state.lists || foundNothing ? Math.min(ttl, options.listTtlMs) : ttl;
      const now = Date.now();
      state.tags = [...tags];
      // A change was applied while this answer was computed: it may hold what the change replaced.
      if (answers.epoch !== state.epoch) return;
      state.stored = true;
      const staleUntil = now + ttlMs + options.staleMs;
      await answers.store(state.key, {
        value: result,
        tags: state.tags,
        freshUntil: now + ttlMs,
        staleUntil,
        keepUntil: staleUntil + (options.outageGraceMs ?? 0),
      });
    },
    invalidate() {
      // Changes invalidate by tag through src/cache/freshness.ts, not through mutations.
      return undefined;
    },
  };
  const responseCache = useResponseCache({
    cache: adapter,
    session: () => null,
    // A request with credentials is never answered from, or stored in, the shared cache.
    enabled: (request) => cacheable.get(request) === true && !request.headers.has('authorization'),
    ttl: policy.ttls.contentSeconds * 1000,
    ttlPerSchemaCoordinate: policy.ttlPerSchemaCoordinate,
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    buildResponseCacheKey: async ({ documentString, operationName, variableValues, request }) => {
      const stableVariables = JSON.stringify(sortKeys(variableValues ?? {}));
      const key = createHash('sha256')
        .update(`${documentString}|${operationName ?? ''}|${stableVariables}`)
        .digest('base64url');
      const reads = policy.readsOf(documentString, operationName);
      const keyWithSerial = states.begin(request, key, answers.epoch);
      const state = states.ofKey(keyWithSerial)!;
      state.tags = reads.tags;
      state.lists = reads.lists;
      keyOfRequest.set(request, keyWithSerial);
      return keyWithSerial;
    },
  });
  // The database is away and this answer had expired: the copy kept for outages is served instead
  // of a 503 (labelled STALE). After the response cache's own onExecuteDone, which has already seen
  // the failure and stored nothing; a take-down drops the kept copy with the rest (by tag).
  const outageFallback: Plugin = {
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      return {
        onExecuteDone({ result, setResult }) {
          const state = request ? states.of(request) : undefined;
          if (!state?.fallback || Symbol.asyncIterator in result || !failedForDatabaseOutage(result.errors)) return;
          setResult(state.fallback.value);
          state.outcome = 'STALE';
          state.tags = state.fallback.tags;
        },
      };
    },
  };
  const settle: Plugin = {
    onResponse({ request }) {
      const keyWithSerial = keyOfRequest.get(request);
      if (!keyWithSerial) return;
      const state = states.ofKey(keyWithSerial);
      // The computing request ended without storing (an error): whoever waits computes for itself.
      if (state?.outcome === 'MISS' && !state.stored) answers.abandon(state.key);
      states.end(keyWithSerial);
    },
  };
  return [classify, responseCache, outageFallback, settle];
}
