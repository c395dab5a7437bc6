import type { Db } from '../../db/database';
import { findActivePartner } from '../../feeds/partner-keys';

// Partners get full text for a valid key, sent in this header or the "key" query parameter (for
// feed readers that cannot set headers). Without a key a request gets the public feed.

export const PARTNER_KEY_HEADER = 'x-kabar-partner-key';

/** The partner behind the request's key: undefined without a key, null for a key that is not valid. */
export async function partnerOf(db: Db, request: Request, url: URL): Promise<{ name: string } | null | undefined> {
  const key = request.headers.get(PARTNER_KEY_HEADER)?.trim() || url.searchParams.get('key')?.trim();
  if (!key) return undefined;
  return findActivePartner(db, key);
}
