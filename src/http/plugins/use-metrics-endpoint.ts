import type { Plugin } from 'graphql-yoga';
import type { Metrics } from '../../observability/metrics';
import { refuseScrape, type MetricsAccess } from '../../observability/metrics-access';

export interface MetricsEndpointOptions {
  metrics: Metrics;
  access: MetricsAccess;
  /** The client's address (src/http/client-address.ts). */
  addressOf(request: Request, serverContext: unknown): string;
}

/**
 * `GET /metrics`: Prometheus's text format (src/observability/metrics.ts), for loopback clients or
 * with the bearer token (src/observability/metrics-access.ts).
 */
export function useMetricsEndpoint(options: MetricsEndpointOptions): Plugin {
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return;
      const refusal = refuseScrape(options.access, request.headers.get('authorization'), options.addressOf(request, serverContext));
      if (refusal) {
        endResponse(
          fetchAPI.Response.json(
            { error: refusal.message },
            { status: refusal.status, headers: { 'cache-control': 'no-store', ...refusal.headers } },
          ),
        );
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const body = await options.metrics.text();
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          headers: { 'content-type': options.metrics.contentType, 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
