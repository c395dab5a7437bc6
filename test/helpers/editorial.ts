import { createStaff } from '../../src/editorial/staff';
import { editorialDb } from '../../src/editorial/tables';
import type { Db } from '../../src/db/database';
import type { StaffRole } from '../../src/editorial/tables';
import type { TestClient } from './client';
import { readOperation } from './operations';

// Staff accounts and signed-in clients for the editorial tests.

export interface SignedIn {
  token: string;
  email: string;
  role: StaffRole;
  headers: Record<string, string>;
}

let counter = 0;

export async function addStaff(db: Db, role: StaffRole, name = `Staf ${role} ${++counter}`): Promise<{ email: string; password: string }> {
  const email = `${role}.${++counter}.${Date.now()}@kabar.test`;
  const { password } = await createStaff(editorialDb(db), { email, name, role }, null);
  return { email, password };
}

export async function signInAs(client: TestClient, db: Db, role: StaffRole, name?: string): Promise<SignedIn> {
  const { email, password } = await addStaff(db, role, name);
  const res = await client.graphql(readOperation('editorial/SignIn'), { email, password });
  if (res.errors) throw new Error(`sign-in failed: ${JSON.stringify(res.errors)}`);
  const token = res.data.signIn.token as string;
  return { token, email, role, headers: { authorization: `Bearer ${token}` } };
}

export const op = (name: string) => readOperation(`editorial/${name}`);

export function codeOf(res: { errors?: { extensions?: Record<string, unknown> }[] }): unknown {
  return res.errors?.[0]?.extensions?.code;
}

/** Creates a draft through the API and returns its id and version. */
export async function createDraft(
  client: TestClient,
  who: SignedIn,
  input: Record<string, unknown> = {},
): Promise<{ id: string; version: number; slug: string }> {
  const res = await client.graphql(
    op('CreateArticle'),
    {
      input: {
        title: `Banjir rob di pesisir utara ${++counter}`,
        section: 'nasional',
        bodyHtml: '<p>Air laut naik sejak pagi.</p><p>Warga mengungsi.</p>',
        ...input,
      },
    },
    who.headers,
  );
  if (res.errors) throw new Error(`createArticle failed: ${JSON.stringify(res.errors)}`);
  return res.data.createArticle.article;
}
