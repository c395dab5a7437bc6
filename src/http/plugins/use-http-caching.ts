import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { CachePolicy } from '../../cache/policy';
import type { FinishedResponse, FinishedResponses } from '../../cache/store';
import type { Lookup } from '../../cache/tagged-store';
import { cdnTagHeaders } from '../../cache/tags';
import type { RequestCacheStates } from './use-response-caching';
import { appendVary, etagMatches } from '../../common/http';

export interface HttpCachingOptions {
  policy: CachePolicy;
  graphqlEndpoint: string;
  /**
   * With the response cache on: finished answers to GET queries, kept by URL, so that a repeat is
   * answered as it arrives, before yoga parses anything.
   */
  finished?: FinishedResponses;
  /** The response cache's per-request outcomes and tags (tag design): X-Kabar-Cache and CDN tag headers. */
  states?: RequestCacheStates;
  /** Tag design (unset: generation design): answers that show lists are fresh for this long (ms) at the CDN and here. */
  listTtlMs?: number;
  /** Cache-Control's stale-while-revalidate and stale-if-error, in seconds. */
  staleSeconds?: number;
  staleIfErrorSeconds?: number;
  /** How long past its stale period a finished answer is kept for database outages (StoredAnswer.keepUntil). */
  outageGraceMs?: number;
}

// A 304 has no body, so nothing may describe one.
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding'];

interface Outcome {
  query?: string;
  operationName?: string | null;
  cacheable: boolean;
}

/**
 * HTTP caching of public GraphQL reads, so a CDN or the browser can keep them: a successful query
 * sent with GET gets `Cache-Control: public, max-age=<TTL of what it selects>`, `Vary: Accept` and
 * a weak ETag (a hash of the body); a request whose If-None-Match names the current body gets
 * `304 Not Modified` with no body. Answers with errors, and everything that is not a GET query, are
 * marked `no-store` (or left alone, for POST).
 */
export function useHttpCaching(options: HttpCachingOptions): Plugin {
  const outcomes = new WeakMap<Request, Outcome>();
  const { finished } = options;
  const keys = new WeakMap<Request, { key: string; epoch: number; fallback?: FinishedResponse }>();
  const served = new WeakSet<Request>();
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!finished || request.method !== 'GET' || url.pathname !== options.graphqlEndpoint) return;
      const key = finished.keyOf(request, url);
      const epoch = finished.epoch;
      const serve = (found: Lookup<FinishedResponse>) => {
        const hit = found.answer?.value;
        if (found.outcome === 'MISS' || !hit) {
          keys.set(request, { key, epoch, fallback: found.fallback?.value });
          return;
        }
        served.add(request);
        const headers = new fetchAPI.Headers(hit.headers);
        if (options.states) headers.set('x-kabar-cache', found.outcome);
        if (etagMatches(request.headers.get('if-none-match'), hit.etag)) {
          for (const name of BODY_HEADERS) headers.delete(name);
          endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        } else {
          endResponse(new fetchAPI.Response(hit.body, { status: 200, headers }));
        }
      };
      const found = finished.lookup(key);
      return found instanceof Promise ? found.then(serve) : serve(found);
    },
    onParams({ request, params }) {
      if (request.method !== 'GET') return;
      outcomes.set(request, { query: params.query, operationName: params.operationName, cacheable: false });
    },
    onExecutionResult({ request, result }) {
      const outcome = outcomes.get(request);
      if (!outcome || !result || Symbol.asyncIterator in result) return;
      outcome.cacheable = !(result.errors && result.errors.length > 0) && result.data != null;
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (served.has(request) || new URL(request.url).pathname !== options.graphqlEndpoint) return;
      const state = options.states?.of(request);
      const pending = keys.get(request);
      if (request.method !== 'GET') {
        // The response cache labels what it stores with its own key; that is no validator for clients.
        response.headers.delete('etag');
        response.headers.delete('last-modified');
        if (state?.outcome) response.headers.set('x-kabar-cache', state.outcome);
        return;
      }
      const outcome = outcomes.get(request);
      let seconds = outcome?.cacheable && outcome.query ? options.policy.secondsFor(outcome.query, outcome.operationName) : 0;
      if (options.listTtlMs && seconds > 0 && outcome?.query && options.policy.readsOf(outcome.query, outcome.operationName).lists) {
        seconds = Math.min(seconds, Math.max(1, Math.floor(options.listTtlMs / 1000)));
      }
      // Copied name by name in lower case: the fetch ponyfill's Headers, copied whole, keeps the
      // original spelling and then fails to delete or replace "ETag" as "etag".
      const headers = new fetchAPI.Headers();
      response.headers.forEach((value, name) => headers.append(name.toLowerCase(), value));
      // The response cache labels its answers with its own key; the body hash below replaces it.
      headers.delete('last-modified');
      headers.delete('etag');
      // Only plain JSON answers are cached; a multipart or event-stream answer (Accept:
      // multipart/mixed) is passed on as a stream, whose length the server works out itself:
      // copying the declared length alongside gave clients two Content-Length headers.
      const isJson = /json/.test(headers.get('content-type') ?? '');
      // The database is away and the answer had expired: the copy kept for outages, not a 503.
      if (response.status === 503 && finished && pending?.fallback) {
        finished.abandon(pending.key);
        const fallbackHeaders = new fetchAPI.Headers(pending.fallback.headers);
        fallbackHeaders.set('x-kabar-cache', 'STALE');
        setResponse(new fetchAPI.Response(pending.fallback.body, { status: 200, headers: fallbackHeaders }));
        return;
      }
      if (response.status !== 200 || seconds <= 0 || !isJson) {
        if (finished && pending) finished.abandon(pending.key);
        headers.delete('content-length');
        headers.delete('etag');
        headers.set('cache-control', 'no-store');
        setResponse(new fetchAPI.Response(response.body, { status: response.status, statusText: response.statusText, headers }));
        return;
      }
      const body = await response.text();
      const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
      headers.set('etag', etag);
      const staleParts = `, stale-while-revalidate=${options.staleSeconds ?? 0}, stale-if-error=${options.staleIfErrorSeconds ?? 0}`;
      headers.set('cache-control', `public, max-age=${seconds}${staleParts}`);
      // The body's media type follows the Accept header (graphql-response+json or json).
      appendVary(headers, 'Accept');
      const tags = state?.tags ?? [];
      if (options.listTtlMs) {
        const read = tags.length > 0 || !outcome?.query ? tags : options.policy.readsOf(outcome.query, outcome.operationName).tags;
        for (const [name, value] of cdnTagHeaders(read)) headers.set(name, value);
      }
      // What is kept for the next request is that request's answer; this one says how it was made.
      const kept: [string, string][] = [...headers];
      if (state?.outcome) headers.set('x-kabar-cache', state.outcome);
      else if (options.states) headers.set('x-kabar-cache', 'MISS');
      if (finished && pending) {
        // Kept only if no change was applied while it was computed (it may predate the change), and
        // only if it is new: a stale copy the response cache served must not start a new life here.
        if (finished.epoch === pending.epoch && state?.outcome !== 'STALE') {
          finished.store(pending.key, { body, headers: kept, etag }, tags, {
            ttlMs: seconds * 1000,
            staleMs: (options.staleSeconds ?? 0) * 1000,
            keepMs: options.outageGraceMs ?? 0,
          });
        } else {
          finished.abandon(pending.key);
        }
      }
      if (etagMatches(request.headers.get('if-none-match'), etag)) {
        for (const name of BODY_HEADERS) headers.delete(name);
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      setResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}
