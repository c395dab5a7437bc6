import type { Plugin } from 'graphql-yoga';
import { pingDatabase, type Db } from '../../db/database';

export interface HealthOptions {
  db: Db;
  /** Milliseconds the readiness probe waits for the database. */
  readyTimeoutMs?: number;
  /** Aborted when shutdown begins: /readyz answers 503 from then on, so load balancers stop sending. */
  draining?: AbortSignal;
}

/**
 * `/healthz`: the process answers. `/readyz`: the database answers too (503 when it does not, and
 * from the moment shutdown begins).
 */
export function useHealth(options: HealthOptions): Plugin {
  const timeoutMs = options.readyTimeoutMs ?? 2000;
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') {
        endResponse(fetchAPI.Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } }));
        return;
      }
      if (url.pathname !== '/readyz') return;
      if (options.draining?.aborted) {
        endResponse(fetchAPI.Response.json({ status: 'draining' }, { status: 503, headers: { 'cache-control': 'no-store', connection: 'close' } }));
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          pingDatabase(options.db),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        endResponse(fetchAPI.Response.json({ status: 'ready', database: 'ok' }, { headers: { 'cache-control': 'no-store' } }));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        endResponse(fetchAPI.Response.json({ status: 'unavailable', database: reason }, { status: 503, headers: { 'cache-control': 'no-store' } }));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
