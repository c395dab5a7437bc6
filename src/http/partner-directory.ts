import { LRUCache } from 'lru-cache';
import type { Db } from '../db/database';
import { findActivePartner, looksLikePartnerKey, type ActivePartner } from '../feeds/partner-keys';
import { PARTNER_KEY_HEADER } from './feeds/partner';

/** How long a key's partner (or its absence) is remembered; a revoked key stops working within it. */
const REMEMBER_MS = 60_000;

/**
 * Partners by key, remembered for a minute, so a partner's requests do not each cost a database
 * lookup before they are counted against its quota. Keys that are not valid are remembered too.
 */
export class PartnerDirectory {
  private readonly known = new LRUCache<string, { partner: ActivePartner | null }>({ max: 10_000, ttl: REMEMBER_MS });

  constructor(private readonly db: Db) {}

  /** The key a request presents (header, or `?key=` for feed readers that cannot set headers). */
  keyOf(request: Request, url: URL): string | null {
    const key = request.headers.get(PARTNER_KEY_HEADER)?.trim() || url.searchParams.get('key')?.trim();
    return key && looksLikePartnerKey(key) ? key : null;
  }

  /** Whether the key's partner is already known, so looking it up costs nothing. */
  remembers(key: string): boolean {
    return this.known.has(key);
  }

  /** The active partner behind `key`, null for none; throws when the database cannot be asked. */
  async find(key: string): Promise<ActivePartner | null> {
    const remembered = this.known.get(key);
    if (remembered) return remembered.partner;
    const partner = await findActivePartner(this.db, key);
    this.known.set(key, { partner });
    return partner;
  }
}
