import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';
import { refuseScrape } from './metrics-access';

/**
 * The handler of the METRICS_PORT listener (src/server.ts opens it): `GET /metrics` and nothing
 * else. Any address may scrape it unless METRICS_TOKEN is set; the port is meant to be reachable
 * from the monitoring network only.
 */
export function metricsRequestListener(metrics: Metrics, token: string | null): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only /metrics is served on this port\n');
      return;
    }
    const refusal = refuseScrape({ token, anyAddress: true }, request.headers.authorization ?? null, request.socket.remoteAddress ?? '');
    if (refusal) {
      response.writeHead(refusal.status, { 'content-type': 'text/plain', ...refusal.headers }).end(`${refusal.message}\n`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    metrics.text().then(
      (body) => {
        response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  };
}
