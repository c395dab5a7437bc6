import { loadConfig } from '../config';
import { openCliDatabase, runCommand } from './command';
import { migrateToLatest } from '../db/migrate';
import { createPartnerKey, listPartnerKeys, revokePartnerKey, setPartnerRateLimit } from '../feeds/partner-keys';

// `npm run partner -- add <name> | list | revoke <name>`: manages the keys that unlock full-text
// feeds. A new key is printed once; only its hash is stored.

const USAGE = `Usage:
  npm run partner -- add <name>      create a key for a partner and print it (shown only once)
  npm run partner -- list            list partners and their keys' first characters
  npm run partner -- revoke <name>   revoke the partner's active key (its feeds fall back to 401)
  npm run partner -- limit <name> <points|default>
                                     set the partner's rate limit in points of query cost per
                                     window (RATE_LIMIT_WINDOW_SECONDS), or go back to
                                     RATE_LIMIT_PARTNER_POINTS`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `limit` takes the points last, after a name that may contain spaces.
  const limit = command === 'limit' ? rest.pop() : undefined;
  const name = rest.join(' ').trim();
  if (!command || !['add', 'list', 'revoke', 'limit'].includes(command) || (command !== 'list' && !name)) {
    console.error(USAGE);
    return 2;
  }
  const database = await openCliDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    if (command === 'add') {
      const { key, summary } = await createPartnerKey(database.db, name);
      console.log(`Key for partner "${summary.name}" (shown only once; store it now):\n\n  ${key}\n`);
      console.log('Send it as the X-Kabar-Partner-Key header, or as ?key=… on feed URLs, to get full-text feeds.');
    } else if (command === 'list') {
      const keys = await listPartnerKeys(database.db);
      if (keys.length === 0) console.log('No partner keys yet. Create one with: npm run partner -- add <name>');
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
        const quota = k.rateLimitPoints === null ? 'default limit' : `limit ${k.rateLimitPoints} points`;
        console.log(`${k.name}\t${k.keyPrefix}…\tcreated ${k.createdAt.toISOString()}\t${state}\t${quota}`);
      }
    } else if (command === 'limit') {
      const points = limit === 'default' ? null : Number(limit);
      if (points !== null && !/^\d+$/.test(limit ?? '')) {
        console.error(`The limit must be a whole number of points or "default"; got "${limit ?? ''}".\n\n${USAGE}`);
        return 2;
      }
      if ((await setPartnerRateLimit(database.db, name, points)) === 0) {
        console.error(`Partner "${name}" has no active key. See the partners with: npm run partner -- list`);
        return 1;
      }
      console.log(`Partner "${name}" now has ${points === null ? 'the default rate limit' : `a rate limit of ${points} points per window`}.`);
    } else {
      const revoked = await revokePartnerKey(database.db, name);
      if (revoked === 0) {
        console.error(`Partner "${name}" has no active key. See the partners with: npm run partner -- list`);
        return 1;
      }
      console.log(`Revoked the key of partner "${name}".`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(() => main(process.argv.slice(2)));
