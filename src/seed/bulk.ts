import { sql } from 'kysely';
import type { Db } from '../db/database';

// Multi-row inserts through unnest(): one statement carries one array parameter per column, so a
// batch of any size stays far below PostgreSQL's 65,535 bind parameters, and the server parses one
// short statement instead of thousands of VALUES tuples.

export interface Column {
  name: string;
  /** PostgreSQL element type; the parameter is cast to an array of it. */
  type: string;
  values: readonly unknown[];
}

export async function insertColumns(db: Db, table: string, columns: readonly Column[]): Promise<number> {
  const rows = columns[0]?.values.length ?? 0;
  if (rows === 0) return 0;
  for (const column of columns) {
    if (column.values.length !== rows) throw new Error(`${table}.${column.name}: ${column.values.length} values for ${rows} rows`);
  }
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))})
    select * from unnest(${sql.join(columns.map((c) => sql`${sql.val(c.values)}::${sql.raw(c.type)}[]`))})`.execute(db);
  return rows;
}

/** Splits parallel column arrays into statements of at most `rowsPerStatement` rows. */
export async function insertColumnsInBatches(db: Db, table: string, columns: readonly Column[], rowsPerStatement: number): Promise<number> {
  const rows = columns[0]?.values.length ?? 0;
  for (let start = 0; start < rows; start += rowsPerStatement) {
    const end = Math.min(rows, start + rowsPerStatement);
    await insertColumns(
      db,
      table,
      columns.map((c) => ({ ...c, values: c.values.slice(start, end) })),
    );
  }
  return rows;
}
