import { Kysely, sql } from 'kysely';

// A reader's tsquery behind a function that the planner charges per call. For a common word
// ("kabar": two thirds of all articles) PostgreSQL otherwise prefers a sequential scan that tests
// every article's search vector, reading and decompressing every one (~450 ms at 100,000 articles:
// the planner does not count detoasting). Charged per row, that filter looks as costly as it is, and
// the GIN index with a bitmap heap scan wins: the function runs once, only matching rows are visited
// and none of their vectors is read (~110 ms for the same word). Rare words took that path anyway.
// plpgsql and STABLE: never inlined, never folded into a constant while planning. (A higher cost
// tips plans over the JIT threshold, which costs more than it saves here.)
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function kabar_search_tsquery(q text) returns tsquery
    language plpgsql stable strict parallel safe cost 100
    as $fn$ begin return q::tsquery; end $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists kabar_search_tsquery(text)`.execute(db);
}
