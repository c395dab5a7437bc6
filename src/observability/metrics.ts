import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobObserver } from '../jobs/periodic';
import type { PoolStats } from '../db/database';
import { LabelCap } from './labels';

export { LabelCap, operationNamesIn, routeOf } from './labels';

// What the service is doing, in Prometheus's text format (prom-client), served at /metrics
// (src/http/plugins/use-metrics-endpoint.ts). Every name starts with kabar_.
//
// One Metrics per service (src/service.ts creates it and hands it to the app, the jobs and the
// database); an app made without one makes its own, so tests that build many apps in one process
// never register a name twice in one registry. The process's own figures (heap, event-loop delay,
// CPU, GC: prom-client's default metrics) exist once per process and are added to every scrape.
//
// Label values come from a closed set or are capped (LabelCap): a client choosing operation names
// cannot create an unbounded number of series.

export type CacheName = 'response' | 'finished' | 'feed';
export type CacheOutcome = 'hit' | 'miss' | 'stale';

/** Unnamed operations, and requests whose operation is not known (a parse error, a non-GraphQL path). */
export const ANONYMOUS_OPERATION = 'anonymous';
/** Operation names beyond the cap, and names that are not GraphQL names. */
export const OTHER_OPERATION = 'other';
/** Distinct operation names labelled besides the known operations (operations/); later ones are "other". */
export const MAX_OTHER_OPERATION_NAMES = 100;
const MAX_ERROR_CODES = 50;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

let processRegistry: Registry | null = null;

/** Heap, event-loop delay, CPU, GC and handles of this process (one set per process). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'kabar_' });
  }
  return processRegistry;
}

export interface MetricsOptions {
  /** Names of the operations the service knows (e.g. those in operations/): always labelled by name. */
  knownOperations?: Iterable<string>;
  /** Distinct other operation names labelled before the rest are pooled as "other". */
  maxOtherOperations?: number;
}

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATEMENT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

interface OperationSeries {
  count: Counter.Internal;
  duration: Histogram.Internal<'operation'>;
}

export class Metrics implements JobObserver {
  readonly registry = new Registry();
  private readonly operations: LabelCap;
  private readonly errorCodes = new LabelCap(MAX_ERROR_CODES, 'OTHER');
  private readonly operationSeries = new Map<string, OperationSeries>();
  private readonly graphqlRequests: Counter<'operation'>;
  private readonly graphqlDuration: Histogram<'operation'>;
  private readonly graphqlErrors: Counter<'code'>;
  private readonly httpRequests: Counter<'route' | 'status_class'>;
  private readonly httpDuration: Histogram<'route'>;
  private readonly cacheLookups: Counter<'cache' | 'outcome'>;
  private readonly statementDuration: Histogram;
  private readonly statementErrors: Counter;
  private readonly jobRuns: Counter<'job'>;
  private readonly jobFailures: Counter<'job'>;
  private readonly jobDuration: Histogram<'job'>;
  private readonly jobLeader: Gauge<'job'>;
  private readonly sseSubscribers: Gauge;
  private readSse?: () => number;
  private readReplicas?: () => { url: string; lagSeconds: number | null }[];
  private readonly replicaLag: Gauge<'replica'>;
  private readonly pools = new Map<string, () => PoolStats | undefined>();
  private viewBuffer: (() => number) | null = null;

  constructor(options: MetricsOptions = {}) {
    // Started with the first Metrics of the process: CPU time and event-loop delay count from here.
    processMetrics();
    this.operations = new LabelCap(options.maxOtherOperations ?? MAX_OTHER_OPERATION_NAMES, OTHER_OPERATION, [
      ANONYMOUS_OPERATION,
      ...(options.knownOperations ?? []),
    ]);
    const registers = [this.registry];
    this.graphqlRequests = new Counter({
      name: 'kabar_graphql_requests_total',
      help: 'GraphQL requests answered, by operation name (unnamed: anonymous; beyond the cap: other)',
      labelNames: ['operation'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'kabar_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to its response, by operation name',
      labelNames: ['operation'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'kabar_graphql_errors_total',
      help: 'GraphQL errors in answers, by extensions.code (NO_CODE when an error has none)',
      labelNames: ['code'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'kabar_http_requests_total',
      help: 'HTTP requests answered, by route and status class (2xx, 3xx, 4xx, 5xx)',
      labelNames: ['route', 'status_class'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'kabar_http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to its response, by route',
      labelNames: ['route'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'kabar_cache_lookups_total',
      help: 'Cache lookups by cache (response, finished, feed) and outcome (hit, miss, stale)',
      labelNames: ['cache', 'outcome'],
      registers,
    });
    this.statementDuration = new Histogram({
      name: 'kabar_db_statement_duration_seconds',
      help: 'Time PostgreSQL took to answer one SQL statement (after a connection was checked out)',
      buckets: STATEMENT_BUCKETS,
      registers,
    });
    this.statementErrors = new Counter({ name: 'kabar_db_statement_errors_total', help: 'SQL statements that failed', registers });
    const pools = this.pools;
    const poolGauge = (name: string, help: string, value: (stats: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'],
        registers,
        collect() {
          for (const [pool, read] of pools) {
            const stats = read();
            if (stats) this.set({ pool }, value(stats));
          }
        },
      });
    poolGauge('kabar_db_pool_connections_in_use', 'Pooled database connections checked out', (s) => s.total - s.idle);
    poolGauge('kabar_db_pool_connections_idle', 'Pooled database connections open and idle', (s) => s.idle);
    poolGauge('kabar_db_pool_waiting_checkouts', 'Checkouts waiting for a pooled database connection', (s) => s.waiting);
    this.jobRuns = new Counter({ name: 'kabar_job_runs_total', help: 'Runs of background jobs in this process', labelNames: ['job'], registers });
    this.jobFailures = new Counter({
      name: 'kabar_job_failures_total',
      help: 'Runs of background jobs in this process that failed',
      labelNames: ['job'],
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'kabar_job_duration_seconds',
      help: 'Duration of background job runs in this process',
      labelNames: ['job'],
      buckets: JOB_BUCKETS,
      registers,
    });
    this.jobLeader = new Gauge({
      name: 'kabar_job_leader',
      help: '1 when this process led (ran) the latest run of the job, 0 when another process did',
      labelNames: ['job'],
      registers,
    });
    const viewBuffer = () => this.viewBuffer;
    new Gauge({
      name: 'kabar_view_buffer_pending_views',
      help: 'Page views counted in memory and not yet written to the database',
      registers,
      collect() {
        const read = viewBuffer();
        if (read) this.set(read());
      },
    });
    const readSubscribers = () => this.sseSubscriberCount;
    this.sseSubscribers = new Gauge({
      name: 'kabar_sse_subscribers',
      help: 'Open server-sent-event subscriptions',
      registers,
      collect() {
        const count = readSubscribers();
        if (count !== undefined) this.set(count);
      },
    });
    const readReplicas = () => this.readReplicas?.();
    this.replicaLag = new Gauge({
      name: 'kabar_db_replica_lag_seconds',
      help: 'Replication lag of each read replica, as last measured',
      labelNames: ['replica'],
      registers,
      collect() {
        for (const replica of readReplicas() ?? []) if (replica.lagSeconds !== null) this.set({ replica: replica.url }, replica.lagSeconds);
      },
    });
  }

  /** The Content-Type of `text()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Everything, in Prometheus's text format: this service's metrics and the process's. */
  async text(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own}\n${process}`;
  }

  /** The label an operation name is counted under (anonymous, its name, or other). */
  operationLabel(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    if (!GRAPHQL_NAME.test(name)) return OTHER_OPERATION;
    return this.operations.label(name);
  }

  /** One GraphQL request answered. `operation` is the name the client gave (or none). */
  graphqlRequest(operation: string | null | undefined, durationMs: number): void {
    const label = this.operationLabel(operation);
    let series = this.operationSeries.get(label);
    if (!series) {
      series = { count: this.graphqlRequests.labels(label), duration: this.graphqlDuration.labels(label) };
      this.operationSeries.set(label, series);
    }
    series.count.inc();
    series.duration.observe(durationMs / 1000);
  }

  /** An error in a GraphQL answer, by its extensions.code. */
  graphqlError(code: unknown): void {
    const label = typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? this.errorCodes.label(code) : 'NO_CODE';
    this.graphqlErrors.inc({ code: label });
  }

  /** One HTTP request answered; `route` is one of a fixed set (routeOf). */
  httpRequest(route: string, status: number, durationMs: number): void {
    this.httpRequests.inc({ route, status_class: `${Math.floor(status / 100)}xx` });
    this.httpDuration.observe({ route }, durationMs / 1000);
  }

  /** A cache lookup's outcome; for the caches to call (response cache, finished GET answers, feeds). */
  recordCacheOutcome(cache: CacheName, outcome: CacheOutcome): void {
    this.cacheLookups.inc({ cache, outcome });
  }

  /** One SQL statement finished (src/db/database.ts observeStatements). */
  statement(durationMs: number, failed: boolean): void {
    this.statementDuration.observe(durationMs / 1000);
    if (failed) this.statementErrors.inc();
  }

  /** Reports the connections of `name`'s pool at each scrape. */
  observePool(name: string, read: () => PoolStats | undefined): void {
    this.pools.set(name, read);
  }

  /** Reports the views waiting in the view buffer at each scrape. */
  /** The read replicas' lag as their router last measured it, read at each scrape (src/db/replicas.ts). */
  observeReplicas(read: () => { url: string; lagSeconds: number | null }[]): void {
    this.readReplicas = read;
  }

  /** The live hub's subscriber count, read at each scrape (src/live/hub.ts). */
  observeSseSubscribers(read: () => number): void {
    this.readSse = read;
  }

  private get sseSubscriberCount(): number | undefined {
    return this.readSse?.();
  }

  observeViewBuffer(read: () => number): void {
    this.viewBuffer = read;
  }

  jobRan(job: string, outcome: { durationMs: number; ok: boolean }): void {
    this.jobRuns.inc({ job });
    if (!outcome.ok) this.jobFailures.inc({ job });
    this.jobDuration.observe({ job }, outcome.durationMs / 1000);
    this.jobLeader.set({ job }, 1);
  }

  jobLed(job: string, leader: boolean): void {
    this.jobLeader.set({ job }, leader ? 1 : 0);
  }

  /** A server-sent-event subscription opened. */
  sseSubscribed(): void {
    this.sseSubscribers.inc();
  }

  /** A server-sent-event subscription closed. */
  sseUnsubscribed(): void {
    this.sseSubscribers.dec();
  }

  /** The measured lag of a replica; name it without credentials (host:port). */
  setReplicaLag(replica: string, seconds: number): void {
    this.replicaLag.set({ replica }, seconds);
  }
}
