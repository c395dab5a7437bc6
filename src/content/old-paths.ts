import type { Reader } from '../db/prepared';

// Addresses articles had before they came to Kabar (an imported site's permalinks), so that a
// frontend can redirect a link from a search engine, a WhatsApp share or another site. Paths are
// kept in one normal form, and a path asked for is put in the same form before it is looked up.

/** Query parameters that name a post on a WordPress site (/?p=123, /?page_id=7); all others are noise. */
const IDENTIFYING_PARAMETERS = ['p', 'page_id', 'attachment_id'];
const MAX_PATH_LENGTH = 2000;

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The normal form of an address's path: a full URL or a path, with the host, fragment, trailing
 * slash and every query parameter but a post id left out, percent-encoding decoded, and lower case
 * (WordPress slugs are). Null when there is nothing left to look up.
 */
export function normaliseArticlePath(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed || trimmed.length > MAX_PATH_LENGTH) return null;
  let url: URL;
  try {
    url = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
      ? new URL(trimmed)
      : new URL(trimmed.startsWith('/') ? trimmed : `/${trimmed}`, 'http://path.invalid');
  } catch {
    return null;
  }
  const path = decodeSafely(url.pathname)
    .replace(/\/index\.php(?=\/|$)/, '')
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '')
    .toLowerCase();
  const query = IDENTIFYING_PARAMETERS.flatMap((name) => {
    const value = url.searchParams.get(name);
    return value && /^\d+$/.test(value) ? [`${name}=${value}`] : [];
  });
  const normal = `${path || '/'}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  return normal === '/' ? null : normal;
}

/** The article a path meant before its import, if any (only visible articles are answered by the caller). */
export async function findArticleIdByOldPath(reader: Reader, path: string): Promise<number | null> {
  const row = await reader.db.selectFrom('article_old_paths').select('article_id').where('path', '=', path).executeTakeFirst();
  return row?.article_id ?? null;
}
