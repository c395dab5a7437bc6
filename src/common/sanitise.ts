import type sanitizeHtml from 'sanitize-html';

// The one HTML allowlist: article bodies are cleaned with it when they are written
// (src/content/body.ts), and feeds clean them again with it on the way out (src/feeds/html.ts),
// because partners' software renders whatever we send. Each adds only what its readers need.

/** Embeds that may appear as iframes, by host, with the provider name blocks report. */
export const EMBED_HOSTS: Record<string, string> = {
  'www.youtube.com': 'youtube',
  'youtube.com': 'youtube',
  'www.youtube-nocookie.com': 'youtube',
  'player.vimeo.com': 'vimeo',
  'platform.twitter.com': 'x',
  'www.instagram.com': 'instagram',
  'www.tiktok.com': 'tiktok',
  'open.spotify.com': 'spotify',
  'www.facebook.com': 'facebook',
};

/**
 * Structural tags only: no scripts, styles, handlers or forms, and no style, class or event
 * attributes. Relative and protocol-relative URLs are refused by the scheme check.
 */
export const HTML_ALLOWLIST = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'a',
    'br',
    'ul',
    'ol',
    'li',
    'blockquote',
    'cite',
    'figure',
    'figcaption',
    'img',
    'iframe',
    'span',
    'sup',
    'sub',
    // Tables carry data (election counts, prices) that has no other form.
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    // Self-hosted media of an imported site; never autoplaying, never with scripts.
    'video',
    'audio',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    video: ['src', 'controls', 'width', 'height', 'poster'],
    audio: ['src', 'controls'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'], video: ['http', 'https'], audio: ['http', 'https'] },
  allowedIframeHostnames: Object.keys(EMBED_HOSTS),
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Content of these is dropped entirely, not just their tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'object', 'embed'],
} satisfies sanitizeHtml.IOptions;

/** The allowlist plus the article body's own attributes: link targets and the image credit. */
export const ARTICLE_HTML_ALLOWLIST = {
  ...HTML_ALLOWLIST,
  allowedAttributes: {
    ...HTML_ALLOWLIST.allowedAttributes,
    a: [...HTML_ALLOWLIST.allowedAttributes.a, 'target'],
    figcaption: ['data-credit'],
  },
} satisfies sanitizeHtml.IOptions;

// C0 controls other than tab/newline/carriage return are invalid in XML feeds and never meaningful.
export function stripControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '');
}
