import type { ArticleRecord } from './articles';

// Public URLs of content. Demo and imported media may be stored as site-relative paths; readers and
// partners always get absolute URLs.

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

export function absoluteUrl(pathOrUrl: string, baseUrl: string): string {
  return new URL(pathOrUrl, `${baseUrl}/`).toString();
}

/** The article's address: its canonical URL when it has one (imports), else /read/YYYY/MM/DD/slug in WIB. */
export function articleUrl(article: Pick<ArticleRecord, 'canonical_url' | 'published_at' | 'slug'>, baseUrl: string): string {
  if (article.canonical_url) return article.canonical_url;
  const wib = new Date(article.published_at.getTime() + WIB_OFFSET_MS).toISOString();
  return `${baseUrl}/read/${wib.slice(0, 4)}/${wib.slice(5, 7)}/${wib.slice(8, 10)}/${article.slug}`;
}

export interface ShareLinks {
  whatsapp: string;
  facebook: string;
  x: string;
  telegram: string;
  email: string;
}

export function shareLinks(title: string, url: string): ShareLinks {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return {
    whatsapp: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${u}`,
    x: `https://x.com/intent/post?text=${t}&url=${u}`,
    telegram: `https://t.me/share/url?url=${u}&text=${t}`,
    email: `mailto:?subject=${t}&body=${u}`,
  };
}
