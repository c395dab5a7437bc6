import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { useTestDatabase } from './helpers/app';
import { TEST_BASE_URL, testConfig } from './helpers/client';
import { WebhookWorker } from '../src/events/webhook-worker';
import { verifySignature } from '../src/events/webhook-sender';

// `npm run webhooks` as an operator runs it (through tsx): add prints the secret once and that
// secret verifies real deliveries; deliveries shows the log; redeliver --failed and disable work.

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const database = useTestDatabase();

async function webhooks(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/webhooks.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.connectionString, NODE_ENV: 'test' },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let status = 500;
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (c: Buffer) => chunks.push(c));
  request.on('end', () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
    response.writeHead(status).end();
  });
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('npm run webhooks', () => {
  it('add, list, deliveries, redeliver --failed, disable', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cli`;
    const added = await webhooks('add', url, '--events', 'article.updated,article.withdrawn');
    expect(added.code).toBe(0);
    const secret = /^secret: (whsec_\S+)$/m.exec(added.stdout)?.[1];
    expect(secret).toBeDefined();
    const id = /Registered webhook (\d+)/.exec(added.stdout)![1]!;
    expect((await webhooks('add', url, '--events', 'nope')).stderr).toMatch(/unknown event\(s\) nope/);

    const article = await sql<{ id: number }>`select id from articles where status = 'published' order by id limit 1`.execute(database.db);
    await sql`update articles set title = 'Dari baris perintah' where id = ${article.rows[0]!.id}`.execute(database.db);
    const worker = new WebhookWorker(database.db, {
      config: { ...testConfig().webhooks, retryWindowSeconds: 0 },
      baseUrl: TEST_BASE_URL,
      log: () => undefined,
    });
    await worker.runOnce();
    expect(received).toHaveLength(1);

    const listed = await webhooks('list');
    expect(listed.stdout).toContain(`${id}\t${url}\tarticle.updated,article.withdrawn\tactive\tpending 0, succeeded 0, dead 1`);
    const log = await webhooks('deliveries', id, '--status', 'dead');
    const deliveryId = String(received[0]!.headers['x-kabar-delivery']);
    expect(log.stdout).toContain(`${deliveryId}\tdead\tarticle.updated`);
    expect(log.stdout).toContain('HTTP 500');

    status = 200;
    expect((await webhooks('redeliver', '--failed', id)).stdout).toMatch(/^1 failed delivery of webhook \d+ will be sent again now/);
    await worker.runOnce();
    expect(received).toHaveLength(2);
    expect(received[1]!.headers['x-kabar-delivery']).toBe(deliveryId);
    // The secret printed once verifies what the receiver got.
    expect(verifySignature(secret!, received[1]!.body, String(received[1]!.headers['x-kabar-signature']))).toBe(true);

    expect((await webhooks('redeliver', deliveryId)).stdout).toContain(`Delivery ${deliveryId} (article.updated) will be sent again now.`);
    expect((await webhooks('disable', id)).code).toBe(0);
    expect((await webhooks('list')).stdout).toMatch(new RegExp(`^${id}\\t.*\\tdisabled `, 'm'));
    // Disabled: the waiting redelivery is kept, not sent.
    await worker.runOnce();
    expect(received).toHaveLength(2);
    expect((await webhooks('redeliver', '00000000-0000-4000-8000-000000000000')).code).toBe(1);
  }, 90_000);
});
