import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { EditorialDatabase } from '../editorial/tables';
import type { Db } from '../db/database';

// Row types of webhook delivery (db/migrations/2026-12-07T12-00-00_webhook_deliveries.ts), added
// to the writing side's Database type the same way src/editorial/tables.ts adds its own.

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The JSON body of a delivery: the event and its data (src/events/webhook-payload.ts). */
export interface WebhookPayload {
  type: string;
  id: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event_id: number;
  event_type: string;
  article_id: number | null;
  delivery_id: Generated<string>;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: DefaultTimestamp;
  locked_until: NullableTimestamp;
  retry_from: DefaultTimestamp;
  last_status_code: number | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  delivered_at: NullableTimestamp;
  payload: ColumnType<WebhookPayload, string, string>;
}

export interface WebhookCursorTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  last_event_id: number;
  updated_at: DefaultTimestamp;
}

export interface WebhookDeliveryAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  started_at: ColumnType<Date, Date | string, never>;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  succeeded: boolean;
}

export type WebhookDatabase = EditorialDatabase & {
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_cursor: WebhookCursorTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
};
export type WebhookDb = Kysely<WebhookDatabase>;

export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type DeliveryAttemptRow = Selectable<WebhookDeliveryAttemptsTable>;

/** The same connection pool, typed with the webhook tables. */
export function webhookDb(db: Db | Kysely<EditorialDatabase>): WebhookDb {
  return db as unknown as WebhookDb;
}
