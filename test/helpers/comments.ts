import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import type { TestClient } from './client';
import { readOperation } from './operations';

// Articles and comments for the comment tests.

export const commentOp = (name: string) => readOperation(`comments/${name}`);

let counter = 0;

/** A fresh reader e-mail (each test its own, so first-comment holds and rate limits do not leak). */
export function readerEmail(): string {
  return `pembaca.${++counter}.${Date.now()}@contoh.id`;
}

/** The newest published articles: slug and global id. */
export async function newestArticles(client: TestClient, count: number): Promise<{ id: string; slug: string }[]> {
  const res = await client.graphql(`query($n: Int) { latest(first: $n) { id slug } }`, { n: count });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.latest;
}

export async function post(
  client: TestClient,
  input: { articleId: string; body: string; authorEmail?: string; authorName?: string; parentId?: string; website?: string },
  headers: Record<string, string> = {},
) {
  return client.graphql(
    commentOp('PostComment'),
    { input: { authorName: 'Budi Santoso', authorEmail: input.authorEmail ?? readerEmail(), ...input } },
    headers,
  );
}

/** Marks an e-mail as approved before, as if a moderator had approved one of its comments. */
export async function approveAuthor(db: Db, email: string): Promise<void> {
  await sql`insert into comment_authors (email, approved_at) values (${email}, now())
    on conflict (email) do update set approved_at = now()`.execute(db);
}
