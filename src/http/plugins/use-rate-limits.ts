import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Budget, RateLimitedClient, RateLimits } from '../rate-limits';
import type { PartnerDirectory } from '../partner-directory';
import { operationCost } from './use-query-limits';

export interface RateLimitOptions {
  limits: RateLimits;
  partners: PartnerDirectory;
  /** The request's client address (TRUST_PROXY applied). */
  addressOf: (request: Request, serverContext: unknown) => string;
}

/** Paths that are never counted: load balancers probe them constantly from a few addresses. */
const UNCOUNTED_PATHS = new Set(['/healthz', '/readyz', '/_yoga/health']);

/**
 * Rate limits in points (src/http/rate-limits.ts), as two plugins:
 * - `onRequest`, early: every request costs 1 point before anything else is done for it (cached
 *   answers too), and a client over its budget gets 429 with Retry-After at once;
 * - `onOperation`, right after the query limits: a GraphQL operation costs what its cost analysis
 *   says, charged before it runs; one that does not fit is refused with 429 and RATE_LIMITED.
 * Every counted answer carries RateLimit-Limit, -Remaining, -Reset and -Policy, so clients can pace
 * themselves. The onOperation plugin also writes the headers, after the HTTP caching plugin has
 * stored its copy, so no client's numbers are ever served to another from a cache.
 */
export function useRateLimits(options: RateLimitOptions): { onRequest: Plugin; onOperation: Plugin } {
  const { limits, partners } = options;
  const clients = new WeakMap<Request, RateLimitedClient>();
  const budgets = new WeakMap<Request, Budget>();

  async function identify(request: Request, url: URL, serverContext: unknown): Promise<RateLimitedClient> {
    const address = options.addressOf(request, serverContext);
    const key = partners.keyOf(request, url);
    if (!key) return limits.anonymous(address);
    // An unknown key costs a lookup: the address pays a point for it, so guessing keys is not free.
    if (!partners.remembers(key)) {
      const budget = await limits.charge(limits.anonymous(address), 1);
      if (budget.exceeded) return limits.anonymous(address);
    }
    const partner = await partners.find(key).catch(() => null);
    return partner ? limits.partner(partner.id, partner.rate_limit_points) : limits.anonymous(address);
  }

  const onRequest: Plugin = {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (!limits.enabled || UNCOUNTED_PATHS.has(url.pathname)) return;
      const client = await identify(request, url, serverContext);
      clients.set(request, client);
      const budget = await limits.charge(client, 1);
      budgets.set(request, budget);
      if (!budget.exceeded) return;
      const body = JSON.stringify({ errors: [refusal(budget, 1).toJSON()] });
      endResponse(
        new fetchAPI.Response(body, {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(budget.resetSeconds) },
        }),
      );
    },
  };

  const onOperation: Plugin = {
    async onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
      const client = request && clients.get(request);
      const cost = operationCost(args.contextValue);
      // The request's own point is paid; an operation costing 1 or less costs nothing more.
      if (!request || !client || cost === undefined || cost <= 1) return;
      const budget = await limits.charge(client, cost - 1);
      budgets.set(request, budget);
      if (budget.exceeded) setResultAndStopExecution({ errors: [refusal(budget, cost)] });
    },
    onResponse({ request, response }) {
      const budget = budgets.get(request);
      if (!budget) return;
      const headers = response.headers;
      headers.set('ratelimit-limit', String(budget.limit));
      headers.set('ratelimit-remaining', String(budget.remaining));
      headers.set('ratelimit-reset', String(budget.resetSeconds));
      headers.set('ratelimit-policy', `${budget.limit};w=${budget.windowSeconds};comment="${budget.kind} points of query cost"`);
      if (budget.exceeded) headers.set('retry-after', String(budget.resetSeconds));
    },
  };

  // A subscription is charged once, when it starts: the events of a live stream cost no points.
  onOperation.onSubscribe = async (payload) => {
    await onOperation.onExecute!(payload as unknown as Parameters<NonNullable<Plugin['onExecute']>>[0]);
  };
  return { onRequest, onOperation };
}

function refusal(budget: Budget, cost: number): GraphQLError {
  return new GraphQLError(
    `Rate limit reached: this request costs ${cost} point(s) and ${budget.remaining} of ${budget.limit} are left in this ${budget.windowSeconds}-second window. ` +
      `Try again in ${budget.resetSeconds} s, ask for less (smaller pages, no totalCount), or use a partner key for a larger quota.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        cost,
        limit: budget.limit,
        remaining: budget.remaining,
        retryAfterSeconds: budget.resetSeconds,
        http: { status: 429, headers: { 'retry-after': String(budget.resetSeconds) } },
      },
    },
  );
}
