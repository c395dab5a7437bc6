import http from 'node:http';
import { loadConfig } from './config';
import { startService } from './service';
import { metricsRequestListener } from './observability/metrics-listener';

// The one place that opens a port, and the shutdown of a rolling deploy (README "Shutdown"):
// on SIGTERM /readyz answers 503 at once and long-lived responses are told to end (service.drain());
// after SHUTDOWN_DELAY_MS (the load balancer's time to notice) the port closes; requests in flight
// get SHUTDOWN_GRACE_MS to finish, every response from then on carries `Connection: close` and idle
// keep-alive connections are closed; then the view buffer flushes, the database closes, and the
// process exits.

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const { keepAliveTimeoutMs, shutdownGraceMs, shutdownDelayMs } = config.fleet;
  const service = await startService(config);
  const { logger } = service;
  // Handlers still running (a response can outlive its socket): the database must stay open for
  // them during shutdown, or their statements fail on a destroyed pool and their views are lost.
  let running = 0;
  let idle: (() => void) | null = null;
  let shuttingDown = false;
  const unanswered = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    // Clients on keep-alive connections are asked to go away once shutdown has begun.
    if (shuttingDown) response.setHeader('connection', 'close');
    else unanswered.add(response);
    running += 1;
    void Promise.resolve(service.app(request, response))
      .catch(() => undefined)
      .finally(() => {
        unanswered.delete(response);
        running -= 1;
        if (running === 0) idle?.();
      });
  });
  // Longer than load balancers' idle timeouts (60 s for AWS ALB, nginx's upstream keepalive_timeout),
  // so the balancer, not Kabar, closes an idle connection and never sends on one Kabar just closed.
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.headersTimeout = keepAliveTimeoutMs + 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // With METRICS_PORT, /metrics is served on a listener of its own (and not on PORT).
  const metricsServer = config.metricsPort === null ? null : http.createServer(metricsRequestListener(service.metrics, config.metricsToken));
  if (metricsServer) {
    await new Promise<void>((resolve, reject) => {
      metricsServer.once('error', reject);
      metricsServer.listen(config.metricsPort!, config.host, resolve);
    });
    logger.info(`metrics at http://localhost:${config.metricsPort}/metrics`);
  }
  logger.info(`Kabar is ready in ${Date.now() - startedAt} ms: GraphiQL at http://localhost:${port}/graphql`);

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    service.drain();
    metricsServer?.close();
    // Requests already in flight answer with Connection: close too (headers not sent yet).
    for (const response of unanswered) if (!response.headersSent) response.setHeader('connection', 'close');
    unanswered.clear();
    logger.info(`${signal}: not ready any more; finishing open requests (up to ${shutdownGraceMs} ms), then stopping`);
    if (shutdownDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, shutdownDelayMs));
    }
    const force = setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
    force.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Event streams never finish by themselves: they end now (clients resume with Last-Event-ID).
    await service.live.close();
    // A keep-alive connection that turns idle after its last response is closed too.
    const idleCloser = setInterval(() => server.closeIdleConnections(), 100);
    idleCloser.unref();
    await closed;
    clearInterval(idleCloser);
    if (running > 0) {
      await new Promise<void>((resolve) => {
        idle = resolve;
        setTimeout(resolve, shutdownGraceMs).unref();
      });
    }
    await service.stop();
    logger.info('stopped');
    // Log lines are written asynchronously; pino writes what is left when the process exits.
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Kabar failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
