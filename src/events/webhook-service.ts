import type { WebhooksConfig } from '../config';
import type { Db } from '../db/database';
import { startPeriodic } from '../jobs/periodic';
import type { ChangeFeed } from './change-feed';
import { pruneDeliveries } from './webhook-deliveries';
import { webhookDb } from './webhook-tables';
import { WebhookWorker } from './webhook-worker';

const RETENTION_INTERVAL_MS = 3_600_000;
const RETENTION_BATCH = 10_000;

/**
 * The webhook work of a Kabar process (src/service.ts): the delivery worker, woken by the change
 * feed, and the hourly pruning of old finished deliveries.
 */
export function startWebhookDelivery(
  db: Db,
  config: WebhooksConfig,
  baseUrl: string,
  changes: ChangeFeed | undefined,
  log: (message: string) => void,
): { stop(): Promise<void> } {
  const worker = new WebhookWorker(db, { config, baseUrl, log }).start(changes);
  const retention = startPeriodic(
    'webhook-retention',
    RETENTION_INTERVAL_MS,
    () => pruneDeliveries(webhookDb(db), new Date(Date.now() - config.retentionDays * 86_400_000), RETENTION_BATCH),
    log,
  );
  return {
    async stop() {
      await retention.stop();
      await worker.stop();
    },
  };
}
