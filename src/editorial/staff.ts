import { slugify } from '../content/slug';
import { badField, badUserInput, notFound } from './errors';
import { isRole } from './policy';
import { generatePassword, hashPassword } from './secrets';
import { writeAudit } from './audit';
import type { EditorialDb, StaffRole, StaffRow } from './tables';

// Staff accounts. Each is linked to an author profile (its byline); one is created when no author
// of that name exists yet. Passwords are generated, shown once, and stored only as scrypt hashes.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface NewStaff {
  email: string;
  name: string;
  role: string;
}

async function authorFor(db: EditorialDb, name: string): Promise<number> {
  const existing = await db.selectFrom('authors').select('id').where('name', '=', name).orderBy('id').executeTakeFirst();
  if (existing) return existing.id;
  const base = slugify(name) || 'penulis';
  const taken = new Set((await db.selectFrom('authors').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  const row = await db.insertInto('authors').values({ slug, name, bio: null, avatar_url: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Creates an account and returns it with its generated password (the only time it is visible). */
export async function createStaff(db: EditorialDb, input: NewStaff, actorId: number | null): Promise<{ staff: StaffRow; password: string }> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (!EMAIL.test(email)) throw badField('email', 'must be an e-mail address such as redaksi@example.com.');
  if (!name) throw badField('name', 'must not be empty.');
  if (!isRole(input.role)) throw badField('role', 'must be one of writer, editor, admin, moderator.');
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const staff = await db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('staff')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    if (exists) throw badField('email', 'already belongs to a staff account.');
    const authorId = await authorFor(trx, name);
    const row = await trx
      .insertInto('staff')
      .values({ email, name, role: input.role as StaffRole, author_id: authorId, password_hash: passwordHash })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { staffId: actorId, action: 'staff.created', entityType: 'staff', entityId: row.id, details: { email, role: row.role } });
    return row;
  });
  return { staff, password };
}

export function listStaff(db: EditorialDb): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('id').execute();
}

export function findStaffByEmail(db: EditorialDb, email: string): Promise<StaffRow | undefined> {
  return db
    .selectFrom('staff')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', normaliseEmail(email)))
    .executeTakeFirst();
}

export function findStaffByIds(db: EditorialDb, ids: readonly number[]): Promise<StaffRow[]> {
  return ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('staff')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
}

async function requireStaff(db: EditorialDb, email: string): Promise<StaffRow> {
  const staff = await findStaffByEmail(db, email);
  if (!staff) throw notFound(`No staff account has the e-mail "${email}".`);
  return staff;
}

/** Disables the account and revokes its sessions at once. */
export async function disableStaff(db: EditorialDb, email: string, actorId: number | null): Promise<StaffRow> {
  return db.transaction().execute(async (trx) => {
    const staff = await requireStaff(trx, email);
    const row = await trx
      .updateTable('staff')
      .set({ disabled_at: new Date(), updated_at: new Date() })
      .where('id', '=', staff.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('staff_sessions')
      .set({ revoked_at: new Date() })
      .where('staff_id', '=', staff.id)
      .where('revoked_at', 'is', null)
      .execute();
    await writeAudit(trx, { staffId: actorId, action: 'staff.disabled', entityType: 'staff', entityId: staff.id });
    return row;
  });
}

/** A new generated password (returned once); old sessions end. Re-enables a disabled account. */
export async function resetStaffPassword(db: EditorialDb, email: string, actorId: number | null): Promise<{ staff: StaffRow; password: string }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const staff = await db.transaction().execute(async (trx) => {
    const existing = await requireStaff(trx, email);
    const row = await trx
      .updateTable('staff')
      .set({ password_hash: passwordHash, disabled_at: null, updated_at: new Date() })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('staff_sessions')
      .set({ revoked_at: new Date() })
      .where('staff_id', '=', existing.id)
      .where('revoked_at', 'is', null)
      .execute();
    await trx.deleteFrom('sign_in_throttle').where('key', '=', `email:${row.email}`).execute();
    await writeAudit(trx, { staffId: actorId, action: 'staff.password-reset', entityType: 'staff', entityId: existing.id });
    return row;
  });
  return { staff, password };
}

export async function changeStaffRole(db: EditorialDb, staffId: number, role: string, actorId: number): Promise<StaffRow> {
  if (!isRole(role)) throw badField('role', 'must be one of writer, editor, admin, moderator.');
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('staff').select(['id', 'role']).where('id', '=', staffId).forUpdate().executeTakeFirst();
    if (!before) throw notFound('No staff account has this id.');
    if (before.id === actorId && role !== 'admin') throw badUserInput('Admins cannot demote themselves; ask another admin.', { field: 'role' });
    const row = await trx
      .updateTable('staff')
      .set({ role, updated_at: new Date() })
      .where('id', '=', staffId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      staffId: actorId,
      action: 'staff.role-changed',
      entityType: 'staff',
      entityId: staffId,
      details: { from: before.role, to: role },
    });
    return row;
  });
}
