import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { useTestDatabase } from './helpers/app';
import { sparePort } from './helpers/servers';

// A rolling deploy's shutdown, with a real socket and a real process (src/server.ts): on SIGTERM
// /readyz answers 503 at once, a request in flight finishes (with Connection: close), the port then
// closes and the process exits 0 within its grace period. Keep-alive lasts KEEP_ALIVE_TIMEOUT_MS.

const database = useTestDatabase();
const ROOT = path.resolve(__dirname, '..');
let child: ChildProcess;
let port: number;
let output = '';

function get(pathname: string, agent?: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname, agent }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
  });
}

beforeAll(async () => {
  port = await sparePort();
  child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.connectionString,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      // The test reads the server's log lines (NODE_ENV=test would make them silent).
      LOG_LEVEL: 'info',
      KEEP_ALIVE_TIMEOUT_MS: '61000',
      SHUTDOWN_DELAY_MS: '400',
      SHUTDOWN_GRACE_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!output.includes('Kabar is ready')) {
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 70_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

it('keeps idle connections open for KEEP_ALIVE_TIMEOUT_MS, then drains on SIGTERM', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const before = await get('/readyz', agent);
  expect(before.status).toBe(200);
  expect(before.headers['keep-alive']).toBe('timeout=61');

  // A request in flight when SIGTERM arrives: its body is still on its way.
  const inFlight = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection, body }));
      },
    );
    request.on('error', reject);
    request.write('{"query":"{ sections { slug } ');
    setTimeout(() => request.end('}"}'), 700);
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const signalledAt = Date.now();
  child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 100));
  // Not ready any more at once, while the port is still open (SHUTDOWN_DELAY_MS), on the kept-alive connection.
  const during = await get('/readyz', agent);
  expect(during.status).toBe(503);
  expect(JSON.parse(during.body)).toEqual({ status: 'draining' });
  expect(during.headers.connection).toBe('close');
  const finished = await inFlight;
  expect(finished.status).toBe(200);
  expect(JSON.parse(finished.body).data.sections.length).toBeGreaterThan(0);
  expect(finished.connection).toBe('close');
  expect(await exited).toBe(0);
  expect(Date.now() - signalledAt).toBeLessThan(5000);
  expect(output).toContain('stopped');
  agent.destroy();
}, 20_000);
