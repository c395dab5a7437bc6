import autocannon from 'autocannon';
import type { ScenarioPlan } from './scenarios';

// Fixed concurrency for a fixed time (autocannon, in the runner's process, never the server's).
// Every response is checked for GraphQL errors and for being a full answer before it counts;
// warm-up responses, and every 25th measured one, are parsed and checked in full.

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  durationSeconds: number;
  /** Stop after this many requests instead of after the duration. */
  amount?: number;
  plan: ScenarioPlan;
  /** Parse and check every n-th response in full (1: all). */
  fullCheckEvery: number;
}

export interface LoadResult {
  /** Good answers per second: 2xx, no GraphQL errors, the expected data. */
  rps: number;
  ok: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Connection errors, timeouts and answers with GraphQL errors or missing data. */
  errors: number;
  non2xx: number;
  durationSeconds: number;
  firstProblem: string | null;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { plan } = options;
  let ok = 0;
  let bad = 0;
  let seen = 0;
  let firstProblem: string | null = null;
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds }),
    timeout: 10,
    requests: [{ setupRequest: (request: any) => ({ ...request, ...plan.next() }) }],
    verifyBody: (body: string) => {
      seen += 1;
      let problem = plan.check(body);
      if (!problem && seen % options.fullCheckEvery === 0) problem = plan.fullCheck(body);
      if (problem) {
        bad += 1;
        firstProblem ??= problem;
        return false;
      }
      ok += 1;
      return true;
    },
  } as autocannon.Options);
  const result = await instance;
  const duration = result.duration || options.durationSeconds;
  return {
    rps: ok / duration,
    ok,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + bad,
    non2xx: result.non2xx,
    durationSeconds: duration,
    firstProblem:
      firstProblem ?? (result.non2xx > 0 ? `${result.non2xx} non-2xx answers` : result.errors > 0 ? `${result.errors} connection errors` : null),
  };
}
