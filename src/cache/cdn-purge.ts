// Purges at the CDN by tag after each change (src/cache/freshness.ts). Two request shapes, the ones
// the big CDNs accept for tag purges:
//   fastly:     POST <CDN_PURGE_URL> with {"surrogate_keys": [...]} and, for a soft purge (mark
//               stale, keep serving while refreshed), the header Fastly-Soft-Purge: 1
//               (https://www.fastly.com/documentation/reference/api/purging/)
//   cloudflare: POST <CDN_PURGE_URL> with {"tags": [...]}; Cloudflare has no soft purge, so soft
//               tags are purged too (https://developers.cloudflare.com/cache/how-to/purge-cache/purge-by-tags/)
// A failed call is retried a few times with growing delays, then logged; purges are not queued
// beyond that: the CDN's own max-age bounds what a lost purge can cost.

export type PurgeStyle = 'fastly' | 'cloudflare';

export interface CdnPurgerOptions {
  url: string;
  token?: string | null;
  style: PurgeStyle;
  log: (message: string) => void;
  /** Delays before each retry (ms). */
  retryDelaysMs?: number[];
  timeoutMs?: number;
}

/** Tags per call: Fastly takes 256 surrogate keys per request, Cloudflare 30 tags per call. */
const TAGS_PER_CALL: Record<PurgeStyle, number> = { fastly: 256, cloudflare: 30 };

export class CdnPurger {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: CdnPurgerOptions) {}

  /** Purges `tags` (and marks `softTags` stale where the CDN can); calls go out one after another. */
  purge(tags: readonly string[], softTags: readonly string[] = []): Promise<void> {
    const work = async () => {
      const { style } = this.options;
      const hard = style === 'cloudflare' ? [...new Set([...tags, ...softTags])] : [...tags];
      const soft = style === 'cloudflare' ? [] : [...softTags];
      for (const [list, isSoft] of [
        [hard, false],
        [soft, true],
      ] as const) {
        for (let i = 0; i < list.length; i += TAGS_PER_CALL[style]) await this.send(list.slice(i, i + TAGS_PER_CALL[style]), isSoft);
      }
    };
    this.queue = this.queue.then(work, work);
    return this.queue;
  }

  private async send(tags: string[], soft: boolean): Promise<void> {
    const { url, token, style, log } = this.options;
    const body = JSON.stringify(style === 'fastly' ? { surrogate_keys: tags } : { tags });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (soft) headers['fastly-soft-purge'] = '1';
    const delays = this.options.retryDelaysMs ?? [1_000, 4_000, 15_000];
    for (let attempt = 0; ; attempt += 1) {
      let problem: string;
      try {
        const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return;
        problem = `HTTP ${response.status}`;
      } catch (error) {
        problem = (error as Error).message;
      }
      const delay = delays[attempt];
      if (delay === undefined) {
        log(`[cdn] purge of ${tags.length} tag(s) failed after ${attempt + 1} attempts (${problem}): ${tags.slice(0, 10).join(' ')}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }
}
