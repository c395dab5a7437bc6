import { Redis } from 'ioredis';

/** Longest wait between two attempts to reach Redis. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * A Redis connection for the shared response cache and persisted queries. Keys carry the prefix
 * "kabar:" so Kabar can share a Redis with other applications. Redis is a cache, not a dependency:
 * Kabar starts while it is down and connects when it appears; while it is away, cache reads miss
 * and answers come from the database. Resolves at once; the connection is made in the background.
 */
export async function connectRedis(url: string, log: (message: string) => void, keyPrefix = 'kabar:'): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    // A cache that is down must not hold requests up: fail commands at once instead of queueing them.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  });
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message !== lastError) log(`[cache] redis: ${error.message}`);
    lastError = error.message;
  });
  redis.on('ready', () => {
    if (lastError) log('[cache] redis: connected again');
    lastError = '';
  });
  // The first attempt may fail (Redis not up yet); ioredis keeps trying with the strategy above.
  redis.connect().catch(() => undefined);
  return redis;
}

/** Resolves once `redis` is connected (for tests and tools that need it at once). */
export function redisReady(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis did not connect within ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
