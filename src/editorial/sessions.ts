import { sql } from 'kysely';
import { hashToken, randomToken, verifyPassword, decoyPasswordHash } from './secrets';
import { findStaffByEmail, normaliseEmail } from './staff';
import { writeAudit } from './audit';
import { tooManyAttempts, unauthenticated } from './errors';
import type { Actor } from './policy';
import type { EditorialDb, StaffRow } from './tables';

// Sign-in, bearer tokens and the throttle on failed attempts.
//
// Failures are counted per e-mail address and per client (address) in the database, so every Kabar
// process sees the same counts. From the `slowAfter`-th failure of an e-mail each further attempt
// waits a little longer before it is answered; at `maxFailures` the e-mail is locked for
// `lockSeconds` (a client address at four times as many). Unknown
// e-mails are counted, checked against a decoy hash and answered exactly like wrong passwords.

export interface SignInSettings {
  sessionTtlSeconds: number;
  maxFailures: number;
  lockSeconds: number;
  /** Failures after which answers slow down (doubling from 250 ms, at most 4 s). */
  slowAfter?: number;
}

export interface SignInResult {
  token: string;
  expiresAt: Date;
  staff: StaffRow;
}

const WRONG = 'E-mail or password is wrong, or the account is disabled.';
const CLIENT_ALLOWANCE = 4;

function throttleKeys(email: string, client: string | null): string[] {
  return [`email:${email}`, ...(client ? [`client:${client}`] : [])];
}

async function lockedFor(db: EditorialDb, keys: string[]): Promise<number> {
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select(sql<number>`extract(epoch from (locked_until - now()))`.as('seconds'))
    .where('key', 'in', keys)
    .where('locked_until', '>', sql<Date>`now()`)
    .execute();
  return Math.max(0, ...rows.map((r) => Number(r.seconds)));
}

/**
 * Counts one failure on each key and locks the keys that reach their limit. A client address gets
 * CLIENT_ALLOWANCE times the e-mail limit: a newsroom behind one proxy shares an address, and a
 * few typos must not lock everybody out. Returns the e-mail key's count (within the window).
 */
async function recordFailure(db: EditorialDb, keys: string[], settings: SignInSettings): Promise<number> {
  const window = `${settings.lockSeconds} seconds`;
  const rows = await sql<{ key: string; failures: number }>`
    insert into sign_in_throttle as t (key, failures, first_failure_at)
    select k, 1, now() from unnest(${keys}::text[]) as k
    on conflict (key) do update set
      failures = case when t.first_failure_at < now() - ${window}::interval then 1 else t.failures + 1 end,
      first_failure_at = case when t.first_failure_at < now() - ${window}::interval then now() else t.first_failure_at end,
      locked_until = case
        when t.first_failure_at >= now() - ${window}::interval
         and t.failures + 1 >= ${settings.maxFailures} * (case when t.key like 'client:%' then ${CLIENT_ALLOWANCE} else 1 end)
        then now() + ${window}::interval else t.locked_until end
    returning key, failures`.execute(db);
  return rows.rows.find((r) => r.key.startsWith('email:'))?.failures ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function signIn(
  db: EditorialDb,
  credentials: { email: string; password: string; client: string | null },
  settings: SignInSettings,
): Promise<SignInResult> {
  const email = normaliseEmail(credentials.email);
  const keys = throttleKeys(email, credentials.client);
  const locked = await lockedFor(db, keys);
  if (locked > 0) throw tooManyAttempts(locked);
  const staff = await findStaffByEmail(db, email);
  const valid = await verifyPassword(credentials.password, staff?.password_hash ?? (await decoyPasswordHash()));
  if (!staff || !valid || staff.disabled_at) {
    const failures = await recordFailure(db, keys, settings);
    await writeAudit(db, { staffId: staff?.id ?? null, action: 'staff.sign-in-failed', details: { email, client: credentials.client } });
    const lockedNow = await lockedFor(db, keys);
    if (lockedNow > 0) throw tooManyAttempts(lockedNow);
    const slowAfter = settings.slowAfter ?? 3;
    if (failures >= slowAfter) await sleep(Math.min(4000, 250 * 2 ** (failures - slowAfter)));
    throw unauthenticated(WRONG);
  }
  const token = randomToken('kbs');
  const expiresAt = new Date(Date.now() + settings.sessionTtlSeconds * 1000);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('staff_sessions')
      .values({ token_hash: hashToken(token), staff_id: staff.id, expires_at: expiresAt })
      .execute();
    // A success clears the e-mail's count; the client's stays (one client guessing many e-mails).
    await trx.deleteFrom('sign_in_throttle').where('key', '=', `email:${email}`).execute();
    await writeAudit(trx, { staffId: staff.id, action: 'staff.signed-in', entityType: 'staff', entityId: staff.id });
  });
  return { token, expiresAt, staff };
}

/** The signed-in staff member of a bearer token: null when unknown, expired, revoked or disabled. */
export async function actorOfToken(db: EditorialDb, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select(['staff.id', 'staff.role', 'staff.author_id', 'staff.name', 'staff.email'])
    .where('staff_sessions.token_hash', '=', hashToken(token))
    .where('staff_sessions.revoked_at', 'is', null)
    .where('staff_sessions.expires_at', '>', sql<Date>`now()`)
    .where('staff.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, role: row.role, authorId: row.author_id, name: row.name, email: row.email } : null;
}

export async function signOut(db: EditorialDb, token: string, staffId: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  await writeAudit(db, { staffId, action: 'staff.signed-out', entityType: 'staff', entityId: staffId });
  return Number(result.numUpdatedRows) > 0;
}
