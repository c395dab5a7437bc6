import { sql, type RawBuilder } from 'kysely';

// The visibility rule, the one place it is written: a reader sees an article whose status is
// published or scheduled and whose publish time has come. Everything public (GraphQL, feeds,
// sitemaps, search, Terpopuler, Artikel Terkait) filters with these.
//
// Literals, not parameters: the partial indexes of the content migration carry this very status
// predicate, and the generic plan of a prepared statement (reused for every call) can only use
// them when it can see the values.

/** The article row `table` (a table name or alias) has a status that is, or will become, public. */
export function hasPublicStatus(table: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${table}.status`)} in ('published', 'scheduled')`;
}

/**
 * The article row `table` is visible at `at`: by default the statement's own now(), the clock
 * every public read uses; Terpopuler passes the instant it computes for.
 */
export function isVisible(table: string, at: RawBuilder<Date> = sql<Date>`now()`): RawBuilder<boolean> {
  return sql<boolean>`(${hasPublicStatus(table)} and ${sql.ref(`${table}.published_at`)} <= ${at})`;
}
