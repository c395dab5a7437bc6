import { Redis } from 'ioredis';

/**
 * A Redis connection for the shared response cache and persisted queries. Keys carry the prefix
 * "kabar:" so Kabar can share a Redis with other applications. Start-up fails when Redis cannot be
 * reached; later outages make cache reads miss (answers come from the database) until it is back.
 */
export async function connectRedis(url: string, log: (message: string) => void, keyPrefix = 'kabar:'): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    // A cache that is down must not hold requests up: fail commands at once instead of queueing them.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message !== lastError) log(`[cache] redis: ${error.message}`);
    lastError = error.message;
  });
  redis.on('ready', () => {
    lastError = '';
  });
  await redis.connect();
  return redis;
}
