import autocannon from 'autocannon';
import { boundedInt, loopbackBaseUrl } from './lib/args';

// Load test of the page-view beacon (POST /views) against a running Kabar, loopback only.
//
//   npx tsx bench/views.ts --url http://127.0.0.1:4000 --duration 10 --connections 50
//
// It asks the GraphQL API for the newest published articles, then sends sendBeacon-style bodies
// (text/plain JSON with a browser User-Agent) spread over them, so the look-up cache and the
// buffer see several articles. It prints requests/s, latency percentiles and the status counts.
// Kabar writes the counts to article_views_hourly every VIEW_FLUSH_INTERVAL_MS and on shutdown.

const BROWSER = 'Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

async function main(): Promise<void> {
  const base = loopbackBaseUrl();
  const duration = boundedInt('duration', 10, 60);
  const connections = boundedInt('connections', 50, 500);
  const articles = boundedInt('articles', 20, 100);

  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ latest(first: ${articles}) { slug } }` }),
  });
  const { data } = (await response.json()) as { data?: { latest: { slug: string }[] } };
  const slugs = data?.latest.map((a) => a.slug) ?? [];
  if (slugs.length === 0) throw new Error('no published articles to send views for');

  let next = 0;
  const result = await autocannon({
    url: `${base}/views`,
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER },
    connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ slug: slugs[next++ % slugs.length] }) }) }],
  });

  const summary = {
    target: `${base}/views`,
    connections,
    durationSeconds: duration,
    articles: slugs.length,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    status2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  console.log(JSON.stringify(summary, null, 2));
  if (result.non2xx > 0 || result.errors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
