import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Compilable,
} from 'kysely';
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

export interface PreparedRead<Values extends Record<string, unknown>, Result> {
  readonly sql: string;
  run(db: Db, values: Values): Promise<Result>;
}

function bind(parameters: readonly unknown[], values: Record<string, unknown>): unknown[] {
  return parameters.map((p) => {
    if (!(p instanceof Slot)) return p;
    if (!(p.name in values)) throw new Error(`no value for ${p.name}`);
    return values[p.name];
  });
}

/**
 * The rows of `query` as one JSON array, in `order` (an ORDER BY list over the query's output
 * columns, aliased `r`), each row an object keyed by column name.
 */
export function preparedList<Values extends Record<string, unknown>, Row>(
  query: Compilable<unknown>,
  order: string,
): PreparedRead<Values, Row[]> {
  const compiled = query.compile();
  const text = sql`select coalesce(json_agg(r order by ${sql.raw(order)}), '[]'::json) as rows from (${sql.raw(compiled.sql)}) r`.compile(compiler).sql;
  return {
    sql: text,
    async run(db, values) {
      const result = await db.executeQuery<{ rows: Row[] }>(CompiledQuery.raw(text, bind(compiled.parameters, values)));
      return result.rows[0]?.rows ?? [];
    },
  };
}

/** The first row of `query` as one JSON object, or undefined. */
export function preparedRow<Values extends Record<string, unknown>, Row>(query: Compilable<unknown>): PreparedRead<Values, Row | undefined> {
  const compiled = query.compile();
  const text = sql`select to_json(r) as row from (${sql.raw(compiled.sql)}) r limit 1`.compile(compiler).sql;
  return {
    sql: text,
    async run(db, values) {
      const result = await db.executeQuery<{ row: Row }>(CompiledQuery.raw(text, bind(compiled.parameters, values)));
      return result.rows[0]?.row;
    },
  };
}

/** JSON carries timestamps as ISO strings; these columns become Dates again. */
export function reviveDates<T extends object>(row: T, columns: readonly string[]): T {
  const record = row as Record<string, unknown>;
  for (const column of columns) {
    const value = record[column];
    if (typeof value === 'string') record[column] = new Date(value);
  }
  return row;
}
