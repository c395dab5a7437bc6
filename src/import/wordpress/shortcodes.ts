import { escapeHtml } from '../../search/highlight';
import { embedFromUrl } from '../../content/embeds';
import type { WordPressAttachment, WordPressMedia } from './media';

// WordPress's media shortcodes, expanded to the HTML WordPress itself renders for them (figures
// with classes the HTML reader in ./html-parts.ts recognises), with attachments resolved from the
// export. Other shortcodes are plugins' and their output cannot be known: an enclosing one keeps
// its content, a self-closing one is dropped.

const MEDIA_SHORTCODE = /\[(caption|wp_caption|gallery|embed|video|audio|playlist)\b([^\]]*)\](?:([\s\S]*?)\[\/\1\])?/gi;
const OTHER_SHORTCODE = /\[\/?[a-z][\w-]*(\s[^\]]*)?\]/gi;
// shortcode_parse_atts(): name="value", name='value', name=value, "value", 'value', value.
const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;

export function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let positional = 0;
  for (const m of text.replace(/[\u00a0\u200b]/g, ' ').matchAll(ATTRIBUTE)) {
    if (m[1]) attributes[m[1].toLowerCase()] = m[2]!;
    else if (m[3]) attributes[m[3].toLowerCase()] = m[4]!;
    else if (m[5]) attributes[m[5].toLowerCase()] = m[6]!;
    else attributes[String(positional++)] = m[7] ?? m[8] ?? m[9]!;
  }
  return attributes;
}

export interface ShortcodeContext {
  postId: string | null;
  media: WordPressMedia;
  problems: string[];
}

function figureOf(attachment: WordPressAttachment, id: string): string {
  const size = `${attachment.width ? ` width="${attachment.width}"` : ''}${attachment.height ? ` height="${attachment.height}"` : ''}`;
  const caption = attachment.caption ? `<figcaption>${escapeHtml(attachment.caption)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(attachment.url)}" data-id="${escapeHtml(id)}"${size} alt="">${caption}</figure>`;
}

function idsOf(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => /^\d+$/.test(id));
}

function gallery(attributes: Record<string, string>, context: ShortcodeContext): string {
  const ids = idsOf(attributes.ids ?? attributes.include);
  const listed: (readonly [string, WordPressAttachment | undefined])[] =
    ids.length > 0 ? ids.map((id) => [id, context.media.attachment(id)] as const) : context.postId ? context.media.attachmentsOf(context.postId) : [];
  const missing = listed.filter(([, a]) => !a).map(([id]) => id);
  if (missing.length > 0) context.problems.push(`gallery images not in the export: attachment ${missing.join(', ')}`);
  const figures = listed.filter(([, a]) => a && a.kind === 'image').map(([id, a]) => figureOf(a!, id));
  return figures.length > 0 ? `<figure class="wp-block-gallery">${figures.join('')}</figure>` : '';
}

function caption(attributes: Record<string, string>, content: string): string {
  const img = /<img\b[^>]*>/i.exec(content)?.[0];
  if (!img) return content;
  const text = (attributes.caption ?? content.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/gi, '')).trim();
  const attachment = /^attachment_(\d+)$/.exec(attributes.id ?? '')?.[1];
  return `<figure class="wp-caption"${attachment ? ` data-attachment="${attachment}"` : ''}>${img}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
}

function media(kind: 'video' | 'audio', src: string | undefined, label?: string | null): string {
  if (!src) return '';
  if (kind === 'video' && embedFromUrl(src)) return `<figure class="wp-block-embed"><div>${escapeHtml(src)}</div></figure>`;
  const caption = label ? `<figcaption>${escapeHtml(label)}</figcaption>` : '';
  return `<figure class="wp-block-${kind}"><${kind} src="${escapeHtml(src)}" controls></${kind}>${caption}</figure>`;
}

function playlist(attributes: Record<string, string>, context: ShortcodeContext): string {
  const kind = attributes.type === 'video' ? 'video' : 'audio';
  const ids = idsOf(attributes.ids ?? attributes.include);
  const tracks: (readonly [string, WordPressAttachment | undefined])[] =
    ids.length > 0 ? ids.map((id) => [id, context.media.attachment(id)] as const) : context.postId ? context.media.attachmentsOf(context.postId) : [];
  const missing = tracks.filter(([, a]) => !a).map(([id]) => id);
  if (missing.length > 0) context.problems.push(`playlist tracks not in the export: attachment ${missing.join(', ')}`);
  return tracks
    .filter(([, a]) => a && a.kind === kind)
    .map(([, a]) => media(kind, a!.url, a!.caption || a!.title))
    .join('\n');
}

function expandOne(tag: string, attributes: Record<string, string>, content: string, context: ShortcodeContext): string {
  switch (tag) {
    case 'caption':
    case 'wp_caption':
      return caption(attributes, content);
    case 'gallery':
      return gallery(attributes, context);
    case 'embed': {
      const url = content.trim() || attributes.src || attributes['0'] || '';
      return url ? `<figure class="wp-block-embed"><div>${escapeHtml(url)}</div></figure>` : '';
    }
    case 'video':
      return media('video', attributes.src ?? attributes.mp4 ?? attributes.m4v ?? attributes.webm ?? attributes.ogv ?? content.trim());
    case 'audio':
      return media('audio', attributes.src ?? attributes.mp3 ?? attributes.m4a ?? attributes.ogg ?? attributes.wav ?? content.trim());
    case 'playlist':
      return playlist(attributes, context);
    default:
      return content;
  }
}

/** Expands media shortcodes to HTML, keeps the content of other enclosing ones and drops the rest. */
export function expandShortcodes(text: string, context: ShortcodeContext): string {
  if (!text.includes('[')) return text;
  return text
    .replace(
      MEDIA_SHORTCODE,
      (_whole, tag: string, attributes: string, content: string | undefined) =>
        `\n\n${expandOne(tag.toLowerCase(), shortcodeAttributes(attributes), content ?? '', context)}\n\n`,
    )
    .replace(OTHER_SHORTCODE, '');
}
