import sanitizeHtml from 'sanitize-html';
import { LRUCache } from 'lru-cache';
import { ARTICLE_HTML_ALLOWLIST, stripControlCharacters } from './sanitise';

// Stored HTML was sanitised when it was written, but what is stored may have come another way (an
// old import, a direct SQL edit, a sanitiser bug since fixed), and the frontend puts it into pages
// with dangerouslySetInnerHTML. So the API cleans it again on the way out with the same allowlist
// (defence in depth, as the feeds do), and hardens what it lets through: links open no window
// handle to the page (rel), embedded players run sandboxed and load lazily.

const OUTPUT_OPTIONS: sanitizeHtml.IOptions = {
  ...ARTICLE_HTML_ALLOWLIST,
  allowedAttributes: {
    ...ARTICLE_HTML_ALLOWLIST.allowedAttributes,
    iframe: [...ARTICLE_HTML_ALLOWLIST.allowedAttributes.iframe, 'sandbox', 'loading', 'referrerpolicy', 'allow'],
  },
  transformTags: {
    a: (tagName, attribs) => {
      const rel = new Set((attribs.rel ?? '').split(/\s+/).filter(Boolean));
      rel.add('noopener');
      rel.add('noreferrer');
      const { target, ...rest } = attribs;
      // Only a new window is a meaningful target; named frames are not ours to address.
      return { tagName, attribs: { ...rest, ...(target === '_blank' ? { target } : {}), rel: [...rel].join(' ') } };
    },
    iframe: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...attribs,
        // Players need their scripts and their own origin; they get nothing else of the page's.
        sandbox: 'allow-scripts allow-same-origin allow-popups allow-presentation',
        loading: 'lazy',
        referrerpolicy: 'strict-origin-when-cross-origin',
        allow: 'encrypted-media; picture-in-picture; fullscreen',
      },
    }),
  },
};

// Cleaning costs far more than a lookup, and the same bodies are read over and over: each distinct
// stored string is cleaned once, within a bound in bytes.
const cleaned = new LRUCache<string, string>({
  maxSize: 32_000_000,
  sizeCalculation: (value, key) => Math.max(1, (value.length + key.length) * 2),
});

/** Stored HTML as the API gives it out: sanitised again and hardened (see above). */
export function outputHtml(stored: string): string {
  if (stored === '') return stored;
  const hit = cleaned.get(stored);
  if (hit !== undefined) return hit;
  const result = sanitizeHtml(stripControlCharacters(stored), OUTPUT_OPTIONS).trim();
  cleaned.set(stored, result);
  return result;
}
