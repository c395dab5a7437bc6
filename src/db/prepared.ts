import { CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Compilable } from 'kysely';
import type { Db } from './database';
import type { Database } from './types';

// Hot reads, compiled once. Building a query with Kysely's builder costs more CPU than PostgreSQL
// takes to run a small indexed read, and turning a result into rows costs a conversion per column
// and row. The reads every page makes are therefore written with the builder as usual, compiled at
// start-up with named slots where the values go, and run as the same SQL text each time (which
// src/db/database.ts prepares per connection). List reads come back as one JSON value that
// PostgreSQL assembles and one JSON.parse reads.

/** Where a value goes in a statement compiled ahead of time. */
class Slot {
  constructor(readonly name: string) {}
}

/** A placeholder for the builder (typed as the value it stands for). */
export function slot<T>(name: string): T {
  return new Slot(name) as unknown as T;
}

/** A Kysely that only compiles: for building statements at module load, before any database exists. */
export const compiler: Db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A compiled read: one SQL expression with $1…$n that evaluates to a single JSON value. */
export interface PreparedRead<Values extends Record<string, unknown>, Result> {
  /** A scalar subquery, e.g. `(select json_agg(r) from (…) r)`. */
  readonly expression: string;
  bind(values: Values): unknown[];
  decode(json: unknown): Result;
}

function bindSlots(parameters: readonly unknown[], values: Record<string, unknown>): unknown[] {
  return parameters.map((p) => {
    if (!(p instanceof Slot)) return p;
    if (!(p.name in values)) throw new Error(`no value for ${p.name}`);
    return values[p.name];
  });
}

function prepared<Values extends Record<string, unknown>, Result>(
  expression: string,
  parameters: readonly unknown[],
  decode: (json: unknown) => Result,
): PreparedRead<Values, Result> {
  // Batching renumbers placeholders; a "$" anywhere else in the text would be renumbered too.
  if (expression.replace(/\$\d+/g, '').includes('$')) throw new Error('prepared reads must not contain "$" outside placeholders');
  return { expression, bind: (values) => bindSlots(parameters, values), decode };
}

/**
 * The rows of `query` as one JSON array, in `order` (an ORDER BY list over the query's output
 * columns, aliased `r`), each row an object keyed by column name.
 */
export function preparedList<Values extends Record<string, unknown>, Row>(query: Compilable<unknown>, order: string): PreparedRead<Values, Row[]> {
  const compiled = query.compile();
  const expression = `(select coalesce(json_agg(r order by ${order}), '[]'::json) from (${compiled.sql}) r)`;
  return prepared(expression, compiled.parameters, (json) => (json ?? []) as Row[]);
}

/**
 * Like preparedList, with the LIMIT written into the statement: one statement per page size (few
 * in practice). PostgreSQL can then keep one generic plan for it; with the limit as a parameter it
 * cannot tell the plan's cost and plans the statement afresh on every call.
 */
export function preparedListByLimit<Values extends Record<string, unknown>, Row>(
  query: (limit: number) => Compilable<unknown>,
  order: string,
): (limit: number) => PreparedRead<Values, Row[]> {
  const byLimit = new Map<number, PreparedRead<Values, Row[]>>();
  return (limit) => {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number; got ${limit}`);
    let read = byLimit.get(limit);
    if (!read) {
      read = preparedList<Values, Row>(query(limit), order);
      byLimit.set(limit, read);
    }
    return read;
  };
}

/** The first row of `query` as one JSON object, or undefined. */
export function preparedRow<Values extends Record<string, unknown>, Row>(query: Compilable<unknown>): PreparedRead<Values, Row | undefined> {
  const compiled = query.compile();
  const expression = `(select to_json(r) from (${compiled.sql}) r limit 1)`;
  return prepared(expression, compiled.parameters, (json) => (json ?? undefined) as Row | undefined);
}

/**
 * Where reads go. Repository functions of the read path take a Reader first: statements compiled
 * ahead of time go through `read()`, queries built per call (filters of any shape, search) run on
 * `db`. A request has one (`ctx.reader`, a ReadBatch); anything else wraps its Db in directReader().
 */
export interface Reader {
  /** The database, for queries built with Kysely at call time. */
  readonly db: Db;
  /** Runs a prepared read; a ReadBatch sends the reads of one moment together. */
  read<Values extends Record<string, unknown>, Result>(read: PreparedRead<Values, Result>, values: Values): Promise<Result>;
}

/** Runs one prepared read as a statement of its own. */
async function readAlone<Values extends Record<string, unknown>, Result>(
  db: Db,
  read: PreparedRead<Values, Result>,
  values: Values,
): Promise<Result> {
  const result = await db.executeQuery<{ v: unknown }>(CompiledQuery.raw(`select ${read.expression} as v`, read.bind(values)));
  return read.decode(result.rows[0]?.v);
}

/**
 * A reader without batching, for callers outside a GraphQL request (feeds, jobs, scripts). A
 * shared ReadBatch would tie unrelated callers together: one failing read fails its whole batch.
 */
export function directReader(db: Db): Reader {
  return { db, read: (read, values) => readAlone(db, read, values) };
}

interface Pending {
  read: PreparedRead<Record<string, unknown>, unknown>;
  parameters: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The prepared reads one request makes at the same moment, sent as one statement. GraphQL resolves
 * a page's root fields side by side (the article, Terbaru, the Terpopuler articles): each asks
 * here, and once the event loop has run everything that was ready (DataLoader batches included),
 * the reads go out together as `select (…) as v0, (…) as v1, …`, one round trip instead of three.
 * Because they are one statement, they succeed or fail together. One per request (src/context.ts).
 */
export class ReadBatch implements Reader {
  private queue: Pending[] = [];

  constructor(readonly db: Db) {}

  read<Values extends Record<string, unknown>, Result>(read: PreparedRead<Values, Result>, values: Values): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({
        read: read as PreparedRead<Record<string, unknown>, unknown>,
        parameters: read.bind(values),
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      // setImmediate runs after every promise callback and process.nextTick of this moment, which is
      // where DataLoader dispatches its batches: their reads join this statement too.
      if (this.queue.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const columns: string[] = [];
    const parameters: unknown[] = [];
    for (const [i, pending] of batch.entries()) {
      const offset = parameters.length;
      columns.push(`${pending.read.expression.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`)} as v${i}`);
      parameters.push(...pending.parameters);
    }
    try {
      const result = await this.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`select ${columns.join(', ')}`, parameters));
      const row = result.rows[0] ?? {};
      batch.forEach((pending, i) => pending.resolve(pending.read.decode(row[`v${i}`])));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
