import { sql } from 'kysely';
import { withoutPassword } from '../config';
import type { Db } from './database';

// Read replicas (DATABASE_REPLICA_URLS). A small router of our own rather than kysely-replication:
// that package (0.3, kysely-org) picks a replica per statement and routes by statement kind, while
// Kabar picks one database per request (in context creation, src/context.ts), sends whole classes
// of requests (staff, writers, a client right after its own write) to the primary, and needs health
// and lag checks, which it does not do. What is left to do is choosing a pool: this file.
//
// Health. A probe (every REPLICA_PROBE_INTERVAL_MS) reads the primary's pg_current_wal_lsn(), then
// each replica's pg_last_wal_replay_lsn(). The primary's LSNs of recent probes are kept with their
// times, so a replica's lag is "now − the time of the newest probe whose primary LSN the replica has
// replayed": zero on an idle primary (no pending WAL), unlike now() − pg_last_xact_replay_timestamp(),
// which grows while nothing is written. A replica that does not answer, is not in recovery, or lags
// more than REPLICA_MAX_LAG_SECONDS is skipped until a probe finds it well again; a failed
// connection marks it down at once. With no replica usable, public reads go to the primary.
//
// Content changes. When a committed content change is announced (the NOTIFY that starts a new cache
// generation), a replica may not have replayed it yet; an answer read there and cached under the
// new generation would stay stale for its TTL. So after each announcement no replica is used until
// a probe has seen it replay the primary's LSN read after the announcement (usually milliseconds;
// the router probes again every few ms meanwhile, and public reads go to the primary).

export interface ReplicaOptions {
  maxLagSeconds: number;
  probeIntervalMs: number;
  log?: (message: string) => void;
}

export interface ReplicaStatus {
  /** The replica's URL without its password. */
  url: string;
  healthy: boolean;
  /** Seconds behind the primary at the last probe (null: unknown). */
  lagSeconds: number | null;
  /** Public requests sent to it. */
  reads: number;
  error: string | null;
}

interface Replica {
  url: string;
  db: Db;
  healthy: boolean;
  replayLsn: bigint;
  lagSeconds: number | null;
  reads: number;
  error: string | null;
}

/** "16/B374D848" → a number that orders like the LSN. */
export function parseLsn(text: string | null | undefined): bigint {
  if (!text) return -1n;
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

const PROBE_TIMEOUT_MS = 1_000;
const HISTORY = 600;
const CATCH_UP_RETRY_MS = 5;

export class ReadRouter {
  private readonly replicas: Replica[];
  private readonly log: (message: string) => void;
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;
  private probeAgain = false;
  /** Primary LSNs of recent probes, oldest first. */
  private readonly history: Array<{ at: number; lsn: bigint }> = [];
  /** Content changes announced, and the newest one a primary LSN has been read after. */
  private changes = 0;
  private changesCovered = 0;
  private requiredLsn = -1n;
  private primaryReads = 0;

  constructor(
    private readonly primary: Db,
    replicas: ReadonlyArray<{ url: string; db: Db }>,
    private readonly options: ReplicaOptions,
  ) {
    this.replicas = replicas.map((r) => ({
      url: withoutPassword(r.url),
      db: r.db,
      healthy: false,
      replayLsn: -1n,
      lagSeconds: null,
      reads: 0,
      error: 'not probed yet',
    }));
    this.log = options.log ?? console.error;
  }

  get replicaCount(): number {
    return this.replicas.length;
  }

  /** Probes once (so the first requests can use healthy replicas), then every interval. */
  async start(): Promise<void> {
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.options.probeIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.probing;
    await Promise.all(this.replicas.map((r) => r.db.destroy()));
  }

  /** The database for a public request's reads: a usable replica (round robin), else the primary. */
  publicReads(): Db {
    const count = this.replicas.length;
    if (this.changes === this.changesCovered) {
      for (let i = 0; i < count; i += 1) {
        const replica = this.replicas[(this.next + i) % count]!;
        if (replica.healthy && replica.replayLsn >= this.requiredLsn) {
          this.next = (this.next + i + 1) % count;
          replica.reads += 1;
          return replica.db;
        }
      }
    }
    this.primaryReads += 1;
    return this.primary;
  }

  /** A committed content change was announced: use no replica until it has replayed it. */
  contentChanged(): void {
    this.changes += 1;
    void this.probe();
  }

  /** A statement on this replica's pool could not connect or lost its connection: skip it now. */
  connectionFailed(db: Db, error: Error): void {
    const replica = this.replicas.find((r) => r.db === db);
    // A full pool (pg's checkout timeout) is load, not a broken replica.
    if (!replica || !replica.healthy || /timeout exceeded when trying to connect/.test(error.message)) return;
    replica.healthy = false;
    replica.error = error.message;
    this.log(`[replicas] ${replica.url} skipped: ${error.message}`);
  }

  status(): { primaryReads: number; replicas: ReplicaStatus[] } {
    return {
      primaryReads: this.primaryReads,
      replicas: this.replicas.map((r) => ({ url: r.url, healthy: r.healthy, lagSeconds: r.lagSeconds, reads: r.reads, error: r.error })),
    };
  }

  /** Runs a probe, or asks the one in progress to be followed by another. */
  probe(): Promise<void> {
    if (this.probing) {
      this.probeAgain = true;
      return this.probing;
    }
    this.probing = this.probeOnce()
      .catch((error: unknown) => this.log(`[replicas] probe failed: ${String(error)}`))
      .finally(() => {
        this.probing = null;
        const again = this.probeAgain || this.changes !== this.changesCovered || this.waitingForCatchUp();
        this.probeAgain = false;
        if (again && this.timer) setTimeout(() => void this.probe(), CATCH_UP_RETRY_MS).unref();
      });
    return this.probing;
  }

  private waitingForCatchUp(): boolean {
    return this.replicas.some((r) => r.healthy && r.replayLsn < this.requiredLsn);
  }

  private async probeOnce(): Promise<void> {
    const changes = this.changes;
    const primary = await withTimeout(sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(this.primary), PROBE_TIMEOUT_MS);
    const at = Date.now();
    const lsn = parseLsn(primary.rows[0]?.lsn);
    this.history.push({ at, lsn });
    if (this.history.length > HISTORY) this.history.shift();
    if (changes !== this.changesCovered) {
      // Every change announced before this probe began is in the primary's WAL up to `lsn`.
      this.requiredLsn = lsn > this.requiredLsn ? lsn : this.requiredLsn;
      this.changesCovered = changes;
    }
    await Promise.all(this.replicas.map((replica) => this.probeReplica(replica)));
  }

  private async probeReplica(replica: Replica): Promise<void> {
    const wasHealthy = replica.healthy;
    try {
      const result = await withTimeout(
        sql<{
          recovering: boolean;
          replayed: string | null;
        }>`select pg_is_in_recovery() as recovering, pg_last_wal_replay_lsn()::text as replayed`.execute(replica.db),
        PROBE_TIMEOUT_MS,
      );
      const row = result.rows[0];
      if (!row?.recovering) throw new Error('not a replica (pg_is_in_recovery() is false)');
      replica.replayLsn = parseLsn(row.replayed);
      replica.lagSeconds = this.lagOf(replica.replayLsn);
      if (replica.lagSeconds > this.options.maxLagSeconds) throw new Error(`lags ${replica.lagSeconds.toFixed(1)} s behind the primary`);
      replica.healthy = true;
      replica.error = null;
      if (!wasHealthy) this.log(`[replicas] ${replica.url} in use (lag ${replica.lagSeconds.toFixed(1)} s)`);
    } catch (error) {
      replica.healthy = false;
      const message = error instanceof Error ? error.message : String(error);
      if (wasHealthy || replica.error !== message) this.log(`[replicas] ${replica.url} skipped: ${message}`);
      replica.error = message;
    }
  }

  /** 0 when the replica has replayed the primary's LSN of this probe; else seconds since the newest probe whose LSN it has. */
  private lagOf(replayLsn: bigint): number {
    const now = Date.now();
    for (let i = this.history.length - 1; i >= 0; i -= 1) {
      const entry = this.history[i]!;
      if (entry.lsn <= replayLsn) return i === this.history.length - 1 ? 0 : (now - entry.at) / 1000;
    }
    return this.history.length > 0 ? (now - this.history[0]!.at) / 1000 : Infinity;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Whether a request's reads must see the primary: staff, writes, and a client's reads just after its own write. */
export function readsFromPrimary(request: Request | undefined, query: string | undefined, cookieName: string): boolean {
  if (!request) return true;
  if (request.headers.has('authorization')) return true;
  const cookie = request.headers.get('cookie');
  if (cookie && cookie.includes(`${cookieName}=`)) return true;
  // A mutation (the word anywhere in the document: a false positive only costs a primary read).
  return query !== undefined && /\bmutation\b/.test(query);
}
