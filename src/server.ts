import http from 'node:http';
import { loadConfig } from './config';
import { startService } from './service';

// The one place that opens a port.

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const service = await startService(config);
  // Handlers still running (a response can outlive its socket): the database must stay open for
  // them during shutdown, or their statements fail on a destroyed pool and their views are lost.
  let running = 0;
  let idle: (() => void) | null = null;
  let shuttingDown = false;
  const server = http.createServer((request, response) => {
    // Clients on keep-alive connections are asked to go away once shutdown has begun.
    if (shuttingDown) response.setHeader('connection', 'close');
    running += 1;
    void Promise.resolve(service.app(request, response))
      .catch(() => undefined)
      .finally(() => {
        running -= 1;
        if (running === 0) idle?.();
      });
  });
  // Keep-alive sockets must not hold shutdown hostage.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Kabar is ready in ${Date.now() - startedAt} ms: GraphiQL at http://localhost:${port}/graphql`);

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal}: finishing open requests, then stopping`);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.closeIdleConnections();
    // Event streams never finish by themselves: they end now (clients resume with Last-Event-ID).
    await service.live.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (running > 0) {
      await new Promise<void>((resolve) => {
        idle = resolve;
        setTimeout(resolve, SHUTDOWN_GRACE_MS).unref();
      });
    }
    await service.stop();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Kabar failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
