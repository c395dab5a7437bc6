import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createTestClient, type GraphQLResponse, type TestClient } from './helpers/client';
import { addStaff, codeOf, op, signInAs, type SignedIn } from './helpers/editorial';
import { createArticle } from '../src/editorial/articles';
import { findStaffByEmail } from '../src/editorial/staff';
import { editorialDb, type StaffRole } from '../src/editorial/tables';

// The role matrix: every editorial mutation (and staff-only query) with no token and with each role.
// Allowed: answers without errors. Not allowed: UNAUTHENTICATED without a token, FORBIDDEN with one.

type Who = 'anonymous' | StaffRole;
const WHO: Who[] = ['anonymous', 'writer', 'moderator', 'editor', 'admin'];

let database: TestDatabase;
let client: TestClient;
const signedIn = new Map<StaffRole, SignedIn>();

beforeAll(async () => {
  database = await createTestDatabase();
  client = createTestClient(database.db);
  for (const role of ['writer', 'moderator', 'editor', 'admin'] as StaffRole[]) signedIn.set(role, await signInAs(client, database.db, role));
});
afterAll(() => database.drop());

const headersOf = (who: Who) => (who === 'anonymous' ? {} : signedIn.get(who)!.headers);

/** A draft bylined to `who` (the writer's for anonymous), written through the service. */
async function draftOf(who: Who): Promise<{ id: string; version: number }> {
  const email = signedIn.get(who === 'anonymous' ? 'writer' : who)!.email;
  const staff = (await findStaffByEmail(editorialDb(database.db), email))!;
  const article = await createArticle(
    editorialDb(database.db),
    { id: staff.id, role: staff.role, authorId: staff.author_id, name: staff.name, email: staff.email },
    { title: `Draf ${Math.random()}`, section: 'nasional', bodyHtml: '<p>Isi.</p>' },
    { maxBodyBytes: 100_000, maxScheduleDays: 30 },
  );
  return { id: encodeGlobalID('Article', article.id), version: article.version };
}

const draftOfEditor = () => draftOf('editor');
async function publishedArticle() {
  const draft = await draftOfEditor();
  const res = await client.graphql(op('PublishArticle'), { id: draft.id, expectedVersion: draft.version }, headersOf('editor'));
  return { id: draft.id, version: res.data.publishArticle.article.version as number };
}
async function freshStaff() {
  const { email } = await addStaff(database.db, 'writer');
  const staff = (await findStaffByEmail(editorialDb(database.db), email))!;
  return { email, id: encodeGlobalID('Staff', staff.id) };
}

interface Case {
  name: string;
  allowed: Who[];
  run(who: Who): Promise<GraphQLResponse>;
}

const WRITERS: Who[] = ['writer', 'editor', 'admin'];
const EDITORS: Who[] = ['editor', 'admin'];
const ADMINS: Who[] = ['admin'];
const STAFF: Who[] = ['writer', 'moderator', 'editor', 'admin'];

const gql = (who: Who, query: string, variables: Record<string, unknown> = {}) => client.graphql(query, variables, headersOf(who));

const CASES: Case[] = [
  {
    name: 'signIn',
    allowed: WHO,
    run: async (who) => {
      const { email, password } = await addStaff(database.db, 'writer');
      return gql(who, op('SignIn'), { email, password });
    },
  },
  {
    name: 'signOut',
    allowed: STAFF,
    run: async (who) => {
      const headers = who === 'anonymous' ? {} : (await signInAs(client, database.db, who)).headers;
      return client.graphql('mutation { signOut }', {}, headers);
    },
  },
  {
    name: 'createArticle',
    allowed: WRITERS,
    run: (who) => gql(who, op('CreateArticle'), { input: { title: 'Judul', section: 'nasional', bodyHtml: '<p>x</p>' } }),
  },
  {
    name: 'updateArticle (own draft)',
    allowed: WRITERS,
    run: async (who) => {
      const d = await draftOf(who);
      return gql(who, op('UpdateArticle'), { id: d.id, expectedVersion: d.version, input: { title: 'Baru' } });
    },
  },
  {
    name: "updateArticle (another's draft)",
    allowed: EDITORS,
    run: async (who) => {
      const d = await draftOfEditor();
      return gql(who, op('UpdateArticle'), { id: d.id, expectedVersion: d.version, input: { title: 'Baru' } });
    },
  },
  {
    name: 'updateArticle (published article)',
    allowed: EDITORS,
    run: async (who) => {
      const a = await publishedArticle();
      return gql(who, op('UpdateArticle'), { id: a.id, expectedVersion: a.version, input: { subtitle: 'Ralat' } });
    },
  },
  {
    name: 'publishArticle (own draft)',
    allowed: EDITORS,
    run: async (who) => {
      const d = await draftOf(who);
      return gql(who, op('PublishArticle'), { id: d.id, expectedVersion: d.version });
    },
  },
  {
    name: 'publishArticle (schedule)',
    allowed: EDITORS,
    run: async (who) => {
      const d = await draftOf(who);
      return gql(who, op('PublishArticle'), { id: d.id, expectedVersion: d.version, at: new Date(Date.now() + 86_400_000).toISOString() });
    },
  },
  {
    name: 'unpublishArticle',
    allowed: EDITORS,
    run: async (who) => {
      const a = await publishedArticle();
      return gql(who, op('UnpublishArticle'), { id: a.id, expectedVersion: a.version });
    },
  },
  {
    name: 'restoreRevision (own draft)',
    allowed: WRITERS,
    run: async (who) => {
      const d = await draftOf(who);
      return gql(who, op('RestoreRevision'), { id: d.id, version: 1, expectedVersion: d.version });
    },
  },
  {
    name: 'restoreRevision (published article)',
    allowed: EDITORS,
    run: async (who) => {
      const a = await publishedArticle();
      return gql(who, op('RestoreRevision'), { id: a.id, version: 1, expectedVersion: a.version });
    },
  },
  {
    name: 'createPreviewLink',
    allowed: WRITERS,
    run: async (who) => gql(who, op('CreatePreviewLink'), { id: (await draftOfEditor()).id }),
  },
  {
    name: 'revokePreviewLink',
    allowed: WRITERS,
    run: async (who) => {
      const link = await gql('editor', op('CreatePreviewLink'), { id: (await draftOfEditor()).id });
      return gql(who, 'mutation($t: String!) { revokePreviewLink(token: $t) }', { t: link.data.createPreviewLink.token });
    },
  },
  {
    name: 'setEditorsPicks',
    allowed: EDITORS,
    run: async (who) => {
      const [a, b] = [await publishedArticle(), await publishedArticle()];
      return gql(who, 'mutation($id: ID!, $r: [ID!]!) { setEditorsPicks(id: $id, relatedIds: $r) { id } }', { id: a.id, r: [b.id] });
    },
  },
  {
    name: 'createTag',
    allowed: EDITORS,
    run: (who) => gql(who, 'mutation { createTag(name: "Pemilu 2029") { slug } }'),
  },
  {
    name: 'createSection',
    allowed: ADMINS,
    run: (who) =>
      gql(who, 'mutation($n: String!) { createSection(input: { name: $n }) { slug } }', { n: `Rubrik ${Math.random().toString(36).slice(2, 8)}` }),
  },
  {
    name: 'updateSection',
    allowed: ADMINS,
    run: (who) => gql(who, 'mutation { updateSection(slug: "nasional", input: { description: "Berita nasional" }) { slug } }'),
  },
  {
    name: 'createStaff',
    allowed: ADMINS,
    run: (who) =>
      gql(who, 'mutation($e: String!) { createStaff(input: { email: $e, name: "Baru", role: WRITER }) { password } }', {
        e: `baru.${Math.random()}@kabar.test`,
      }),
  },
  {
    name: 'setStaffRole',
    allowed: ADMINS,
    run: async (who) => gql(who, 'mutation($id: ID!) { setStaffRole(id: $id, role: EDITOR) { role } }', { id: (await freshStaff()).id }),
  },
  {
    name: 'disableStaff',
    allowed: ADMINS,
    run: async (who) => gql(who, 'mutation($e: String!) { disableStaff(email: $e) { disabled } }', { e: (await freshStaff()).email }),
  },
  {
    name: 'resetStaffPassword',
    allowed: ADMINS,
    run: async (who) => gql(who, 'mutation($e: String!) { resetStaffPassword(email: $e) { password } }', { e: (await freshStaff()).email }),
  },
  {
    name: 'createWebhook',
    allowed: ADMINS,
    run: (who) => gql(who, op('CreateWebhook'), { input: { url: 'https://hooks.kabar.test/x', events: ['*'] } }),
  },
  // Staff-only reads.
  { name: 'query editorArticle', allowed: WRITERS, run: async (who) => gql(who, op('EditorArticle'), { id: (await draftOfEditor()).id }) },
  { name: 'query editorArticles', allowed: WRITERS, run: (who) => gql(who, '{ editorArticles(first: 5) { edges { node { id status } } } }') },
  { name: 'query staffMembers', allowed: ADMINS, run: (who) => gql(who, '{ staffMembers { name } }') },
  { name: 'query auditLog', allowed: ADMINS, run: (who) => gql(who, '{ auditLog(first: 5) { edges { node { action } } } }') },
  { name: 'query webhooks', allowed: ADMINS, run: (who) => gql(who, '{ webhooks { url } }') },
];

const MATRIX = CASES.flatMap((c) => WHO.map((who) => [c.name, who, c.allowed.includes(who)] as const));

describe(`role matrix (${CASES.length} operations × ${WHO.length} callers = ${MATRIX.length} cells)`, () => {
  it.each(MATRIX)('%s as %s → allowed: %s', async (name, who, allowed) => {
    const res = await CASES.find((c) => c.name === name)!.run(who);
    if (allowed) {
      expect(res.errors).toBeUndefined();
    } else {
      expect(codeOf(res)).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    }
  });

  it("a writer never sees another staff member's e-mail; an admin does", async () => {
    const writerView = await gql('writer', '{ auditLog(first: 1) { edges { node { action } } } }');
    expect(codeOf(writerView)).toBe('FORBIDDEN');
    const d = await draftOfEditor();
    const rev = await gql(
      'writer',
      'query($id: ID!) { editorArticle(id: $id) { revisions(first: 1) { edges { node { editor { name email } } } } } }',
      { id: d.id },
    );
    expect(codeOf(rev)).toBe('FORBIDDEN');
    const adminRev = await gql(
      'admin',
      'query($id: ID!) { editorArticle(id: $id) { revisions(first: 1) { edges { node { editor { email } } } } } }',
      { id: d.id },
    );
    expect(adminRev.errors).toBeUndefined();
  });

  it('a bad or revoked token is UNAUTHENTICATED, and disabling an account ends its sessions', async () => {
    const bad = await client.graphql(
      op('CreateArticle'),
      { input: { title: 'x', section: 'nasional', bodyHtml: '' } },
      { authorization: 'Bearer kbs_nonsense' },
    );
    expect(codeOf(bad)).toBe('UNAUTHENTICATED');
    const victim = await signInAs(client, database.db, 'writer');
    expect((await client.graphql('{ me { role } }', {}, victim.headers)).data.me.role).toBe('WRITER');
    await gql('admin', 'mutation($e: String!) { disableStaff(email: $e) { disabled } }', { e: victim.email });
    expect((await client.graphql('{ me { role } }', {}, victim.headers)).data.me).toBeNull();
    const again = await client.graphql(op('CreateArticle'), { input: { title: 'x', section: 'nasional', bodyHtml: '' } }, victim.headers);
    expect(codeOf(again)).toBe('UNAUTHENTICATED');
  });

  it("a writer's draft is locked to them once an editor has scheduled it", async () => {
    const d = await draftOf('writer');
    const s = await gql('editor', op('PublishArticle'), {
      id: d.id,
      expectedVersion: d.version,
      at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const res = await gql('writer', op('UpdateArticle'), {
      id: d.id,
      expectedVersion: s.data.publishArticle.article.version,
      input: { title: 'Ubah' },
    });
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});
