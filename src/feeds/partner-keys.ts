import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database';

// Partner keys unlock full-text feeds. A key is "kbr_" and 43 base64url characters (32 random
// bytes); only its SHA-256 is stored, so a leaked database does not leak usable keys.

const KEY_PREFIX = 'kbr_';
const KEY_PATTERN = /^kbr_[A-Za-z0-9_-]{43}$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/;

export interface PartnerKeySummary {
  id: number;
  name: string;
  keyPrefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** Points of query cost per rate-limit window; null: the default for partners. */
  rateLimitPoints: number | null;
}

export class PartnerKeyError extends Error {}

export function hashPartnerKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikePartnerKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function checkPartnerName(name: string): string {
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) {
    throw new PartnerKeyError(
      `Partner name "${name}" is not allowed: use 1 to 100 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.`,
    );
  }
  return trimmed;
}

/** Creates a key for a partner and returns it; this is the only time the key is ever visible. */
export async function createPartnerKey(db: Db, rawName: string): Promise<{ key: string; summary: PartnerKeySummary }> {
  const name = checkPartnerName(rawName);
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('partner_keys')
    .values({ name, key_hash: hashPartnerKey(key), key_prefix: key.slice(0, 8) })
    // The partial unique index allows one active key per name; a clash means one already exists.
    .onConflict((oc) => oc.column('name').where('revoked_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new PartnerKeyError(`Partner "${name}" already has an active key. Revoke it first, or add the new key under another name.`);
  }
  return { key, summary: toSummary(row) };
}

export async function listPartnerKeys(db: Db): Promise<PartnerKeySummary[]> {
  const rows = await db.selectFrom('partner_keys').selectAll().orderBy('name').orderBy('created_at').orderBy('id').execute();
  return rows.map(toSummary);
}

/** Revokes the partner's active key; returns how many keys were revoked (0 or 1). */
export async function revokePartnerKey(db: Db, rawName: string): Promise<number> {
  const name = rawName.trim();
  const result = await db
    .updateTable('partner_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ActivePartner {
  id: number;
  name: string;
  rate_limit_points: number | null;
}

/**
 * Sets the partner's own rate limit (points per window), or goes back to the default with null.
 * Returns how many active keys were changed (0 or 1).
 */
export async function setPartnerRateLimit(db: Db, rawName: string, points: number | null): Promise<number> {
  if (points !== null && (!Number.isInteger(points) || points < 1 || points > 1_000_000_000)) {
    throw new PartnerKeyError(`A partner's rate limit must be a whole number of points from 1 to 1000000000, or "default"; got ${points}.`);
  }
  const result = await db
    .updateTable('partner_keys')
    .set({ rate_limit_points: points })
    .where('name', '=', rawName.trim())
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The partner a key belongs to, or null for an unknown, malformed or revoked key. */
export async function findActivePartner(db: Db, key: string): Promise<ActivePartner | null> {
  if (!looksLikePartnerKey(key)) return null;
  const row = await db
    .selectFrom('partner_keys')
    .select(['id', 'name', 'rate_limit_points'])
    .where('key_hash', '=', hashPartnerKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

function toSummary(row: {
  id: number;
  name: string;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
  rate_limit_points: number | null;
}): PartnerKeySummary {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    rateLimitPoints: row.rate_limit_points,
  };
}
