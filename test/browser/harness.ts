import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { startService, type KabarService } from '../../src/service';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

// What the browser tests run against: Kabar on an ephemeral loopback port (in-process, on a clone of
// the seeded test template), the example frontend built for that Kabar and served from another
// origin (so CORS is real), and Debian's Chromium driven by playwright-core. Nothing leaves the machine.

export const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLE_DIR = path.join(ROOT, 'examples', 'react-news');
export const ARTIFACTS_DIR = path.join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const run = promisify(execFile);

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serves a built single-page app: files as they are, any other path gets index.html. */
function staticServer(dir: string): http.Server {
  return http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, path.normalize(pathname));
    const target = file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dir, 'index.html');
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(target).pipe(res);
  });
}

export interface Stack {
  kabarUrl: string;
  frontendUrl: string;
  service: KabarService;
  browser: Browser;
  stop(): Promise<void>;
}

/** `env`: settings that replace the defaults below (e.g. a shorter SCHEDULER_INTERVAL_MS for the newsroom tests). */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  if (!fs.existsSync(path.join(EXAMPLE_DIR, 'node_modules', 'vite'))) {
    throw new Error(`The example frontend is not installed: run "npm ci" in ${path.relative(ROOT, EXAMPLE_DIR)}`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's "chromium" package (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    const database: TestDatabase = await createTestDatabase({ poolSize: 2 });
    cleanups.push(() => database.drop());

    // Ports first: Kabar's own address goes into its image URLs, the frontend's into its CORS list.
    let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
    const kabarServer = http.createServer((req, res) => handler(req, res));
    const kabarUrl = await listen(kabarServer);
    cleanups.push(() => close(kabarServer));
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabar-react-news-'));
    cleanups.push(async () => fs.rmSync(outDir, { recursive: true, force: true }));
    const frontendServer = staticServer(outDir);
    const frontendUrl = await listen(frontendServer);
    cleanups.push(() => close(frontendServer));

    const config = loadConfig({
      DATABASE_URL: database.connectionString,
      DB_POOL_SIZE: '4',
      PUBLIC_BASE_URL: kabarUrl,
      CORS_ORIGINS: frontendUrl,
      VIEW_FLUSH_INTERVAL_MS: '200',
      TRENDING_REFRESH_INTERVAL_MS: '1000',
      NODE_ENV: 'test',
      // Fresh answers: the view-beacon test watches Terpopuler move (response caching has its own tests).
      RESPONSE_CACHE: 'false',
      ...env,
    });
    const [started, built] = await Promise.allSettled([
      startService(config, () => undefined),
      run(
        process.execPath,
        [path.join(EXAMPLE_DIR, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
        {
          cwd: EXAMPLE_DIR,
          env: { ...process.env, VITE_KABAR_URL: kabarUrl },
        },
      ),
    ]);
    if (started.status === 'fulfilled') {
      const service = started.value;
      // Stopped after the HTTP server has closed, before its database is dropped.
      cleanups.splice(1, 0, () => service.stop());
    }
    if (started.status === 'rejected') throw started.reason;
    if (built.status === 'rejected') throw new Error(`vite build of the example failed: ${String(built.reason)}`);
    const service = started.value;
    handler = service.app;

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    cleanups.push(() => browser.close());
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    return { kabarUrl, frontendUrl, service, browser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
