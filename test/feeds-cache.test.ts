import { DocumentCache } from '../src/feeds/cache';

// The microcache in front of the feed builders: shared builds, expiry, failures, bounds.

describe('DocumentCache', () => {
  let now = 0;
  const clock = () => now;
  const size = (value: string) => value.length;

  it('builds once for concurrent requests and reuses the value until it expires', async () => {
    const cache = new DocumentCache<string>({ ttlMs: 1000, now: clock });
    let builds = 0;
    const build = async () => {
      builds += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return `v${builds}`;
    };
    expect(await Promise.all([cache.get('a', build, size), cache.get('a', build, size), cache.get('a', build, size)])).toEqual(['v1', 'v1', 'v1']);
    now += 999;
    expect(await cache.get('a', build, size)).toBe('v1');
    now += 1;
    expect(await cache.get('a', build, size)).toBe('v2');
    expect(builds).toBe(2);
  });

  it('does not remember a failed build', async () => {
    const cache = new DocumentCache<string>({ ttlMs: 1000, now: clock });
    await expect(cache.get('b', () => Promise.reject(new Error('database down')), size)).rejects.toThrow('database down');
    expect(await cache.get('b', async () => 'ok', size)).toBe('ok');
  });

  it('keeps at most maxEntries and maxBytes, dropping the least recently used first', async () => {
    const cache = new DocumentCache<string>({ ttlMs: 60_000, maxEntries: 2, maxBytes: 10, now: clock });
    await cache.get('x', async () => 'xxxx', size);
    await cache.get('y', async () => 'yyyy', size);
    await cache.get('x', async () => 'new', size); // a hit: x is now the most recent
    await cache.get('z', async () => 'zzzz', size); // evicts y
    expect(cache.size).toBe(2);
    expect(await cache.get('y', async () => 'rebuilt', size)).toBe('rebuilt');
    expect(await cache.get('big', async () => 'b'.repeat(11), size)).toHaveLength(11);
    expect(cache.size).toBeLessThanOrEqual(2);
  });

  it('builds every time when the time to live is 0', async () => {
    const cache = new DocumentCache<string>({ ttlMs: 0, now: clock });
    let builds = 0;
    await cache.get('c', async () => `v${++builds}`, size);
    await cache.get('c', async () => `v${++builds}`, size);
    expect(builds).toBe(2);
  });
});
