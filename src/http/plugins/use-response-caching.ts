import type { Plugin } from 'graphql-yoga';
import { createHash } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { ContentGeneration } from '../../cache/generation';
import { generationKeyPrefix } from '../../cache/store';
import type { CachePolicy } from '../../cache/policy';

export interface ResponseCachingOptions {
  generation: ContentGeneration;
  store: Cache;
  policy: CachePolicy;
}

/**
 * Answers repeated public queries from the response cache (yoga's plugin-response-cache) without
 * parsing, validating or executing them. Keys are the content generation plus a hash of the
 * document, operation name and variables; there are no sessions (everything here is public).
 * Mutations (recordView) and introspection are never cached; mutations invalidate nothing.
 */
export function useResponseCaching(options: ResponseCachingOptions): Plugin[] {
  const { generation, store, policy } = options;
  // Only queries are cached. (With invalidateViaMutation off, the plugin would otherwise store and
  // replay mutation results too: a second recordView would never reach the counter.)
  const cacheable = new WeakMap<Request, boolean>();
  const classify: Plugin = {
    onParams({ request, params }) {
      cacheable.set(request, typeof params.query === 'string' && policy.secondsFor(params.query, params.operationName) > 0);
    },
  };
  const responseCache = useResponseCache({
    cache: store,
    session: () => null,
    // A request with credentials is never answered from, or stored in, the shared cache.
    enabled: (request) => cacheable.get(request) === true && !request.headers.has('authorization'),
    ttl: policy.ttls.contentSeconds * 1000,
    ttlPerSchemaCoordinate: policy.ttlPerSchemaCoordinate,
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    buildResponseCacheKey: async ({ documentString, operationName, variableValues }) => {
      // The key names the generation the request started under.
      const prefix = generationKeyPrefix(generation.current);
      const stableVariables = JSON.stringify(sortKeys(variableValues ?? {}));
      return `${prefix}${createHash('sha256')
        .update(`${documentString}|${operationName ?? ''}|${stableVariables}`)
        .digest('base64url')}`;
    },
  });
  return [classify, responseCache];
}

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
