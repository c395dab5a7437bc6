import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { migrateToLatest } from '../db/migrate';
import { openCliDatabase, runCommand } from './command';
import { createStaff, disableStaff, listStaff, resetStaffPassword } from '../editorial/staff';
import { editorialDb } from '../editorial/tables';
import { ROLES } from '../editorial/policy';

// `npm run staff -- add <email> --name "<name>" --role <role> | list | disable <email> |
// reset-password <email>`: newsroom accounts. A generated password is printed once, on a line of
// its own ("password: …"); only its scrypt hash is stored.

const USAGE = `Usage:
  npm run staff -- add <email> --name "<name>" --role <${ROLES.join('|')}>
                                         create an account (and its author profile); prints the password once
  npm run staff -- list                  list accounts
  npm run staff -- disable <email>       disable an account and end its sessions
  npm run staff -- reset-password <email>
                                         print a new password once; ends old sessions, re-enables the account`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' } },
  });
  const [command, email] = positionals;
  const needsEmail = command === 'add' || command === 'disable' || command === 'reset-password';
  if (!command || !['add', 'list', 'disable', 'reset-password'].includes(command) || (needsEmail && !email)) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'add' && (!values.name || !values.role)) {
    console.error(`"add" needs --name and --role.\n\n${USAGE}`);
    return 2;
  }
  const database = await openCliDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    const db = editorialDb(database.db);
    if (command === 'add') {
      const { staff, password } = await createStaff(db, { email: email!, name: values.name!, role: values.role! }, null);
      console.log(`Created ${staff.role} ${staff.name} <${staff.email}>. The password is shown only this once:`);
      console.log(`password: ${password}`);
    } else if (command === 'list') {
      const rows = await listStaff(db);
      if (rows.length === 0) console.log('No staff accounts yet. Create one with: npm run staff -- add <email> --name "<name>" --role admin');
      for (const s of rows) {
        console.log(`${s.email}\t${s.name}\t${s.role}\t${s.disabled_at ? `disabled ${s.disabled_at.toISOString()}` : 'active'}`);
      }
    } else if (command === 'disable') {
      const staff = await disableStaff(db, email!, null);
      console.log(`Disabled ${staff.email}; its sessions have ended.`);
    } else {
      const { staff, password } = await resetStaffPassword(db, email!, null);
      console.log(`New password for ${staff.email} (shown only this once; old sessions have ended):`);
      console.log(`password: ${password}`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(() => main(process.argv.slice(2)));
