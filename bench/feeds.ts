import autocannon from 'autocannon';
import { boundedInt, loopbackBaseUrl, option } from './lib/args';

// Latency and throughput of the syndication routes against a running Kabar, loopback only.
//
//   npx tsx bench/feeds.ts --url http://127.0.0.1:4000 [--key kbr_…] [--duration 5] [--connections 8]
//
// For each route it prints the size and the median of 10 sequential fetches; then it loads the
// site RSS for --duration seconds twice: full renders, and conditional GETs answered with 304
// (what well-behaved partners polling every 15 minutes mostly cost).

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, bytes: body.byteLength, status: response.status };
}

async function main(): Promise<void> {
  const base = loopbackBaseUrl();
  const key = option('key', '');
  const duration = boundedInt('duration', 5, 30);
  const connections = boundedInt('connections', 8, 100);
  const partner: Record<string, string> = key ? { 'x-kabar-partner-key': key } : {};

  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ latest(first: 1) { slug } sections { slug } }' }),
  });
  const { data } = (await response.json()) as { data: { latest: { slug: string }[]; sections: { slug: string }[] } };
  const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
  const routes: [string, Record<string, string>][] = [
    ['/feeds/rss.xml', {}],
    ['/feeds/rss.xml', partner],
    ['/feeds/atom.xml', partner],
    ['/feeds/feed.json', partner],
    ['/feeds/rss.xml?limit=100', partner],
    [`/feeds/sections/${data.sections[0]!.slug}/rss.xml`, partner],
    ['/sitemap.xml', {}],
    ['/sitemaps/news.xml', {}],
    [`/sitemaps/articles-${month}.xml`, {}],
    [`/articles/${data.latest[0]!.slug}.ninjs.json`, partner],
  ];
  for (const [path, headers] of routes) {
    const runs = [];
    for (let i = 0; i < 10; i += 1) runs.push(await timed(base + path, headers));
    const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
    console.log(
      `${path}${Object.keys(headers).length ? ' (partner)' : ''}: status ${runs[0]!.status}, ${runs[0]!.bytes} bytes, median ${sorted[5]!.toFixed(1)} ms`,
    );
  }

  const first = await fetch(`${base}/feeds/rss.xml`, { headers: partner });
  const etag = first.headers.get('etag') ?? '';
  await first.arrayBuffer();
  for (const [label, headers] of [
    ['full render', partner],
    ['304 Not Modified', { ...partner, 'if-none-match': etag }],
  ] as const) {
    const result = await autocannon({ url: `${base}/feeds/rss.xml`, headers, connections, duration });
    console.log(
      JSON.stringify({
        route: '/feeds/rss.xml',
        mode: label,
        connections,
        durationSeconds: duration,
        requestsPerSecond: Math.round(result.requests.average),
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
        statuses: { '2xx': result['2xx'], non2xx: result.non2xx },
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
