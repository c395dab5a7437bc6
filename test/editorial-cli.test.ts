import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { useTestApp } from './helpers/app';
import { codeOf, op } from './helpers/editorial';

// The staff command as an operator runs it (through tsx): add prints a password once on a line of
// its own, and that password signs in; list, disable and reset-password do what they say.

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const { database, client } = useTestApp();

async function staff(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/staff.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.connectionString },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const passwordOf = (stdout: string) => /^password: (\S+)$/m.exec(stdout)?.[1];

describe('npm run staff', () => {
  it('add prints a password that signs in; list shows the account', async () => {
    const added = await staff('add', 'dewi@kabar.test', '--name', 'Dewi Lestari', '--role', 'editor');
    expect(added.code).toBe(0);
    const password = passwordOf(added.stdout);
    expect(password).toMatch(/^\S{20}$/);
    const signedIn = await client.graphql(op('SignIn'), { email: 'dewi@kabar.test', password });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data.signIn.staff).toMatchObject({ name: 'Dewi Lestari', role: 'EDITOR', email: 'dewi@kabar.test' });
    const author = await client.graphql('{ me { author { name slug } } }', {}, { authorization: `Bearer ${signedIn.data.signIn.token}` });
    expect(author.data.me.author).toMatchObject({ name: 'Dewi Lestari', slug: 'dewi-lestari' });

    const listed = await staff('list');
    expect(listed.stdout).toMatch(/dewi@kabar\.test\tDewi Lestari\teditor\tactive/);
  }, 60_000);

  it('disable ends sessions; reset-password prints a new password and re-enables', async () => {
    const added = await staff('add', 'budi@kabar.test', '--name', 'Budi Santoso', '--role', 'writer');
    const first = passwordOf(added.stdout);
    const token = (await client.graphql(op('SignIn'), { email: 'budi@kabar.test', password: first })).data.signIn.token;
    expect((await staff('disable', 'budi@kabar.test')).code).toBe(0);
    expect((await client.graphql('{ me { name } }', {}, { authorization: `Bearer ${token}` })).data.me).toBeNull();
    expect(codeOf(await client.graphql(op('SignIn'), { email: 'budi@kabar.test', password: first }))).toBe('UNAUTHENTICATED');

    const reset = await staff('reset-password', 'budi@kabar.test');
    const second = passwordOf(reset.stdout);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await client.graphql(op('SignIn'), { email: 'budi@kabar.test', password: second })).errors).toBeUndefined();
  }, 60_000);

  it('refuses bad arguments with the usage and a non-zero exit', async () => {
    const bad = await staff('add', 'x@kabar.test');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage');
    const role = await staff('add', 'y@kabar.test', '--name', 'Y', '--role', 'boss');
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('role');
  }, 60_000);
});
