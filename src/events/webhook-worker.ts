import { sql } from 'kysely';
import type { WebhooksConfig } from '../config';
import type { Db } from '../db/database';
import type { ChangeFeed } from './change-feed';
import { fanOutChanges, type FanOutResult } from './webhook-fanout';
import { articleStates, redactArticle } from './webhook-payload';
import { sendWebhook, signPayload, USER_AGENT, type SendResult } from './webhook-sender';
import { webhookDb, type WebhookDb, type WebhookPayload } from './webhook-tables';

// The delivery worker of one process. Every process runs one; they share the work through the
// database:
//
// 1. fan-out (webhook-fanout.ts): new change events become deliveries, exactly once;
// 2. claim: due pending deliveries are taken with FOR UPDATE SKIP LOCKED and marked "delivering"
//    until a lease runs out (locked_until), in a short transaction that commits before any POST;
// 3. send (webhook-sender.ts), at most `concurrency` at once in this process and at most
//    `maxInFlightPerEndpoint` to one webhook across the fleet, webhooks taking turns;
// 4. record: the attempt goes into webhook_delivery_attempts; the delivery becomes "succeeded", or
//    "pending" again with its next attempt after a backoff, or "dead" once the retry window has
//    passed. The update only applies while this worker's claim still stands (same status and
//    attempt number), so a worker whose lease ran out cannot overwrite a newer attempt's outcome.
//
// Backoff: exponential with full jitter. After the n-th failed attempt the next one comes after a
// random delay below firstRetryMs × 2^(n-1) (capped at maxRetryDelayMs): the first retry within
// 10 s by default, then 20 s, 40 s, … An attempt that would start after retry_from +
// retryWindowSeconds (24 h by default) is not made: the delivery is dead-lettered instead.
//
// The worker wakes on its timer (pollIntervalMs) and whenever the change feed hands out events.
// A wake-up during a run (which lasts while deliveries are in flight, up to the timeout) is not
// left waiting for the run's end: the run fans out again and claims what is due as soon as it is
// nudged, within its concurrency.

export interface WebhookWorkerOptions {
  config: WebhooksConfig;
  /** PUBLIC_BASE_URL, for article URLs in payloads. */
  baseUrl: string;
  log?: (message: string) => void;
  /** Random numbers in [0, 1) for the jitter (tests pass their own). */
  random?: () => number;
}

export interface Claimed {
  id: number;
  deliveryId: string;
  attempt: number;
  url: string;
  secret: string;
  payload: WebhookPayload;
}

export interface DeliveryRun {
  fanOut: FanOutResult;
  attempted: number;
  succeeded: number;
  failed: number;
}

const EXPIRED_LEASES_PER_ROUND = 100;

export class WebhookWorker {
  private readonly db: WebhookDb;
  private readonly log: (message: string) => void;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private runAgain = false;
  /** Resolves the wait of a run in progress, so that it fans out and claims again. */
  private nudge: (() => void) | null = null;
  private stopped = false;

  constructor(
    db: Db,
    private readonly options: WebhookWorkerOptions,
  ) {
    this.db = webhookDb(db);
    this.log = options.log ?? ((message) => console.error(message));
    this.random = options.random ?? Math.random;
  }

  private get config(): WebhooksConfig {
    return this.options.config;
  }

  /** Runs on a timer and whenever the change feed hands out events. */
  start(changes?: ChangeFeed): this {
    this.timer = setInterval(() => this.wake(), this.config.pollIntervalMs);
    this.timer.unref();
    this.unsubscribe = changes?.subscribe(() => this.wake()) ?? null;
    this.wake();
    return this;
  }

  /** Asks for a run soon; calls during a run are folded into one more run. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.runAgain = true;
      this.nudge?.();
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.runAgain = false;
          await this.runOnce().catch((error: Error) => this.logFailure(error.message));
        } while (this.runAgain && !this.stopped);
      } finally {
        this.running = null;
      }
    })();
  }

  private lastFailure = { message: '', at: 0 };

  /** A failing run (the database is away) is reported when its message changes, else once a minute. */
  private logFailure(message: string): void {
    const now = Date.now();
    if (message === this.lastFailure.message && now - this.lastFailure.at < 60_000) return;
    this.lastFailure = { message, at: now };
    this.log(`[webhooks] delivery run failed: ${message}`);
  }

  /** Waits for a run in progress; no new run starts. Deliveries being sent finish first. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.running;
  }

  /** Fan-out, then every delivery that is due, `concurrency` at a time. */
  async runOnce(): Promise<DeliveryRun> {
    const fanOut = await fanOutChanges(this.db, { baseUrl: this.options.baseUrl });
    const run: DeliveryRun = { fanOut, attempted: 0, succeeded: 0, failed: 0 };
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const free = this.config.concurrency - inFlight.size;
      const claimed = free > 0 && !this.stopped ? await this.claim(free) : [];
      for (const delivery of claimed) {
        const sending: Promise<void> = this.attempt(delivery).then((ok) => {
          run.attempted += 1;
          if (ok) run.succeeded += 1;
          else run.failed += 1;
          inFlight.delete(sending);
        });
        inFlight.add(sending);
      }
      if (inFlight.size === 0) return run;
      // Full, or nothing more is due: wait for a free slot, or for a wake-up (new events).
      if (claimed.length === 0 || inFlight.size >= this.config.concurrency) {
        const nudged = new Promise<boolean>((resolve) => (this.nudge = () => resolve(true)));
        const woken = await Promise.race([nudged, Promise.race(inFlight).then(() => false)]);
        this.nudge = null;
        if (woken && !this.stopped) {
          this.runAgain = false;
          const more = await fanOutChanges(this.db, { baseUrl: this.options.baseUrl });
          run.fanOut = {
            events: run.fanOut.events + more.events,
            deliveries: run.fanOut.deliveries + more.deliveries,
            ran: run.fanOut.ran || more.ran,
          };
        }
      }
    }
  }

  /**
   * Claims up to `limit` due deliveries of enabled webhooks (FOR UPDATE SKIP LOCKED: rows another
   * process holds are passed over, never waited for) and commits the claim. No webhook gets more
   * than maxInFlightPerEndpoint deliveries in flight, and webhooks take turns, so one receiver's
   * backlog or slowness never holds up the others. Payloads whose article
   * stopped being public since fan-out are redacted first.
   */
  async claim(limit: number): Promise<Claimed[]> {
    const leaseSeconds = Math.ceil(this.config.timeoutMs / 1000) + 60;
    return this.db.transaction().execute(async (trx) => {
      // Deliveries whose worker went away mid-attempt (its lease ran out) are due again.
      await sql`
        update webhook_deliveries set status = 'pending', locked_until = null, next_attempt_at = locked_until,
               last_error = 'the attempt was not finished before its lease ran out (did a process stop?)'
         where id in (select id from webhook_deliveries where status = 'delivering' and locked_until < now()
                      order by locked_until limit ${EXPIRED_LEASES_PER_ROUND} for update skip locked)`.execute(trx);
      const { rows } = await sql<{
        id: number;
        delivery_id: string;
        attempts: number;
        article_id: number | null;
        payload: WebhookPayload;
        url: string;
        secret: string;
      }>`
        update webhook_deliveries d
           set status = 'delivering', attempts = d.attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
          from webhooks w
         where w.id = d.webhook_id
           and d.id in (select d2.id from webhook_deliveries d2
                         where d2.id in (
                           -- Per enabled webhook, its oldest due deliveries up to its free slots; then
                           -- round-robin: every webhook's first before any webhook's second.
                           select due.id from webhooks w2
                            cross join lateral (select count(*)::int as n from webhook_deliveries b
                                                 where b.webhook_id = w2.id and b.status = 'delivering') busy
                            cross join lateral (select x.id, x.next_attempt_at,
                                                       row_number() over (order by x.next_attempt_at, x.id) as position
                                                  from webhook_deliveries x
                                                 where x.webhook_id = w2.id and x.status = 'pending' and x.next_attempt_at <= now()
                                                 order by x.next_attempt_at, x.id
                                                 limit greatest(${this.config.maxInFlightPerEndpoint} - busy.n, 0)) due
                            where w2.disabled_at is null
                            order by due.position, due.next_attempt_at, due.id
                            limit ${limit})
                         for update of d2 skip locked)
        returning d.id, d.delivery_id, d.attempts, d.article_id, d.payload, w.url, w.secret`.execute(trx);
      const articleIds = [...new Set(rows.map((r) => r.article_id).filter((id): id is number => id !== null))];
      const states = await articleStates(trx, articleIds);
      const claimed: Claimed[] = [];
      for (const row of rows) {
        let payload = row.payload;
        if (row.article_id !== null) {
          const redacted = redactArticle(payload, states.get(row.article_id), row.article_id, this.options.baseUrl);
          if (redacted !== payload) {
            payload = redacted;
            await trx
              .updateTable('webhook_deliveries')
              .set({ payload: JSON.stringify(payload) })
              .where('id', '=', row.id)
              .execute();
          }
        }
        claimed.push({ id: row.id, deliveryId: row.delivery_id, attempt: row.attempts, url: row.url, secret: row.secret, payload });
      }
      return claimed;
    });
  }

  /** One attempt of a claimed delivery: send, then record. True when the endpoint took it. */
  async attempt(delivery: Claimed): Promise<boolean> {
    const body = JSON.stringify(delivery.payload);
    const startedAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-kabar-delivery': delivery.deliveryId,
      'x-kabar-event': delivery.payload.type,
      'x-kabar-signature': signPayload(delivery.secret, body, Math.floor(Date.now() / 1000)),
    };
    const result = await sendWebhook(delivery.url, body, headers, {
      timeoutMs: this.config.timeoutMs,
      allowPrivateAddresses: this.config.allowPrivateAddresses,
    });
    try {
      await this.record(delivery, startedAt, result);
    } catch (error) {
      // The lease runs out and the delivery is tried again: at least once, never lost.
      this.log(`[webhooks] could not record the outcome of delivery ${delivery.deliveryId}: ${(error as Error).message}`);
    }
    return result.ok;
  }

  /** Delay before the attempt after `attempts` failed ones: full jitter below an exponential bound. */
  retryDelayMs(attempts: number): number {
    const bound = Math.min(this.config.maxRetryDelayMs, this.config.firstRetryMs * 2 ** Math.min(attempts - 1, 40));
    return Math.floor(this.random() * bound);
  }

  private async record(delivery: Claimed, startedAt: Date, result: SendResult): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_delivery_attempts')
        .values({
          delivery_id: delivery.id,
          attempt: delivery.attempt,
          started_at: startedAt,
          duration_ms: result.durationMs,
          status_code: result.statusCode,
          error: result.error?.slice(0, 1000) ?? null,
          succeeded: result.ok,
        })
        .execute();
      const update = () => trx.updateTable('webhook_deliveries');
      const claimStands = (q: ReturnType<typeof update>) =>
        q.where('id', '=', delivery.id).where('status', '=', 'delivering').where('attempts', '=', delivery.attempt);
      if (result.ok) {
        await claimStands(
          update().set({ status: 'succeeded', delivered_at: sql`now()`, locked_until: null, last_status_code: result.statusCode, last_error: null }),
        ).execute();
        return;
      }
      const delayMs = this.retryDelayMs(delivery.attempt);
      const next = sql<Date>`now() + make_interval(secs => ${delayMs / 1000})`;
      await claimStands(
        update().set({
          status: sql`case when ${next} > retry_from + make_interval(secs => ${this.config.retryWindowSeconds}) then 'dead' else 'pending' end`,
          next_attempt_at: next,
          locked_until: null,
          last_status_code: result.statusCode,
          last_error: result.error?.slice(0, 1000) ?? null,
        }),
      ).execute();
    });
  }
}
