import { parseDocument } from 'htmlparser2';
import { getOuterHTML, textContent } from 'domutils';
import type { ChildNode, Element } from 'domhandler';
import type { BodyPart } from '../../content/body';
import { embedFromUrl, mediaEmbed } from '../../content/embeds';
import type { GalleryImage } from '../../db/types';
import { escapeHtml } from '../../search/highlight';
import type { WordPressMedia } from './media';

// WordPress HTML (a post as stored after shortcodes, or as the REST API renders it) read into body
// parts: galleries, images, embeds and media become blocks of their own, recognised by the classes
// and markup WordPress writes (and by the markup providers hand out for pasting: X's
// blockquote.twitter-tweet, Instagram's blockquote.instagram-media, TikTok's blockquote.tiktok-embed);
// everything else stays HTML for the one sanitiser. It runs before sanitising because the sanitiser
// removes the classes it reads.

const SERIALIZE = { encodeEntities: 'utf8' } as const;
const URL_ONLY = /^https?:\/\/[^\s<>"]+$/;

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function classes(element: Element): string[] {
  return (element.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

function hasClass(element: Element, ...names: string[]): boolean {
  const own = classes(element);
  return names.some((n) => own.includes(n));
}

function descendants(node: Element, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (children: ChildNode[]) => {
    for (const child of children) {
      if (!isElement(child)) continue;
      if (test(child)) found.push(child);
      walk(child.children);
    }
  };
  walk(node.children);
  return found;
}

function first(node: Element, test: (e: Element) => boolean): Element | null {
  return descendants(node, test)[0] ?? null;
}

function text(node: ChildNode): string {
  return textContent(node).replace(/\s+/g, ' ').trim();
}

function intOf(value: string | undefined): number | null {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function linkPart(url: string): BodyPart {
  return { kind: 'html', html: `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` };
}

/** The attachment id WordPress wrote on an image or its figure (class wp-image-N, data-id, attachment_N). */
function attachmentIdOf(img: Element, figure: Element | null): string | null {
  const fromClass = classes(img)
    .map((c) => /^wp-image-(\d+)$/.exec(c)?.[1])
    .find(Boolean);
  return (
    fromClass ??
    (/^\d+$/.test(img.attribs['data-id'] ?? '') ? img.attribs['data-id']! : null) ??
    figure?.attribs['data-attachment'] ??
    /^attachment_(\d+)$/.exec(figure?.attribs.id ?? '')?.[1] ??
    null
  );
}

function imageOf(img: Element, figure: Element | null, caption: string | null, media: WordPressMedia): GalleryImage | null {
  const url = img.attribs.src?.trim();
  if (!url) return null;
  const id = attachmentIdOf(img, figure);
  const attachment = id ? media.attachment(id) : undefined;
  const sameFile = attachment?.url === url;
  return {
    url,
    width: intOf(img.attribs.width) ?? (sameFile ? attachment!.width : null),
    height: intOf(img.attribs.height) ?? (sameFile ? attachment!.height : null),
    caption: caption || null,
    credit: attachment?.credit ?? null,
  };
}

function captionOf(container: Element): string | null {
  const caption = first(container, (e) => e.name === 'figcaption' || hasClass(e, 'wp-caption-text', 'gallery-caption'));
  return caption ? text(caption) || null : null;
}

function galleryParts(element: Element, media: WordPressMedia): BodyPart[] {
  const images: GalleryImage[] = [];
  const own = element.children.find(
    (c): c is Element => isElement(c) && (c.name === 'figcaption' || hasClass(c, 'blocks-gallery-caption')) && c.name !== 'figure',
  );
  for (const img of descendants(element, (e) => e.name === 'img')) {
    // The image's own figure (or list item) holds its caption.
    let holder: Element | null = img.parent as Element | null;
    while (holder && holder !== element && holder.name !== 'figure' && holder.name !== 'li') holder = holder.parent as Element | null;
    const item = holder && holder !== element ? holder : null;
    const image = imageOf(img, item, item ? captionOf(item) : null, media);
    if (image) images.push(image);
  }
  if (images.length === 0) return [];
  return [{ kind: 'block', block: { type: 'gallery', images, caption: own ? text(own) || null : null } }];
}

function embedUrlCandidates(element: Element): string[] {
  const urls: string[] = [];
  for (const e of descendants(element, () => true).concat(element)) {
    if (e.name === 'iframe' && e.attribs.src) urls.push(e.attribs.src);
    if (e.name === 'blockquote') {
      const permalink = e.attribs['data-instgrm-permalink'] ?? e.attribs.cite;
      if (permalink) urls.push(permalink);
    }
    if (e.name === 'a' && e.attribs.href) urls.push(e.attribs.href);
  }
  const own = text(element);
  if (URL_ONLY.test(own)) urls.unshift(own);
  return urls;
}

/** An embed from the first address inside that a provider is known for; a link to the first address otherwise. */
function embedParts(element: Element): BodyPart[] {
  const urls = embedUrlCandidates(element);
  // X's pasted markup links hashtags and t.co before the post itself: its status link is the last.
  const ordered = hasClass(element, 'twitter-tweet') ? [...urls].reverse() : urls;
  for (const url of ordered) {
    const embed = embedFromUrl(url);
    if (embed) return [{ kind: 'block', block: embed }];
  }
  const address = urls.find((u) => URL_ONLY.test(u) && !/\/embed\b/.test(u)) ?? urls[0];
  if (!address) return [];
  // A provider we do not know: its pasted markup's text (the post's words) is kept with the link.
  const words = element.name === 'blockquote' ? text(element) : '';
  return words ? [{ kind: 'html', html: getOuterHTML(element, SERIALIZE) }] : [linkPart(address)];
}

function mediaParts(element: Element): BodyPart[] {
  const player = element.name === 'video' || element.name === 'audio' ? element : first(element, (e) => e.name === 'video' || e.name === 'audio');
  if (!player) return [];
  const src = player.attribs.src ?? first(player, (e) => e.name === 'source')?.attribs.src;
  const embed = src ? (player.name === 'video' ? (embedFromUrl(src) ?? mediaEmbed('video', src)) : mediaEmbed('audio', src)) : null;
  const parts: BodyPart[] = embed ? [{ kind: 'block', block: embed }] : [];
  const caption = element === player ? null : captionOf(element);
  if (caption) parts.push({ kind: 'html', html: `<p>${escapeHtml(caption)}</p>` });
  return parts;
}

function isGallery(e: Element): boolean {
  return (
    hasClass(e, 'wp-block-gallery', 'gallery', 'blocks-gallery-grid', 'tiled-gallery') ||
    (e.name === 'figure' && descendants(e, (d) => d.name === 'figure' && !!first(d, (i) => i.name === 'img')).length > 1)
  );
}

function isEmbed(e: Element): boolean {
  return (
    hasClass(e, 'wp-block-embed', 'twitter-tweet', 'instagram-media', 'tiktok-embed', 'fb-post', 'fb-video', 'wp-embedded-content') ||
    (e.name === 'iframe' && !!e.attribs.src && !!embedFromUrl(e.attribs.src))
  );
}

function isMedia(e: Element): boolean {
  return e.name === 'video' || e.name === 'audio' || hasClass(e, 'wp-block-video', 'wp-block-audio', 'wp-video', 'wp-audio-shortcode');
}

/** A figure, caption box or paragraph that holds nothing but an image (and its caption). */
function lonelyImage(e: Element): Element | null {
  if (!(e.name === 'figure' || e.name === 'p' || hasClass(e, 'wp-caption'))) return null;
  const images = descendants(e, (d) => d.name === 'img');
  if (images.length !== 1) return null;
  const captionText = captionOf(e) ?? '';
  return text(e).length <= captionText.length ? images[0]! : null;
}

/** A paragraph that is only a URL (or a link whose text is its URL): WordPress embeds those. */
function lonelyUrl(e: Element): string | null {
  if (e.name !== 'p') return null;
  const own = text(e);
  if (!URL_ONLY.test(own)) return null;
  const links = descendants(e, (d) => d.name === 'a');
  if (links.length > 1 || (links[0] && links[0].attribs.href !== own)) return null;
  return own;
}

export function htmlToParts(html: string, media: WordPressMedia): BodyPart[] {
  const parts: BodyPart[] = [];
  let pending: string[] = [];
  const flush = () => {
    const joined = pending.join('').trim();
    if (joined) parts.push({ kind: 'html', html: joined });
    pending = [];
  };
  const push = (...made: BodyPart[]) => {
    flush();
    parts.push(...made);
  };
  const visit = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) {
        pending.push(getOuterHTML(node, SERIALIZE));
        continue;
      }
      if (node.name === 'script' || node.name === 'style') continue;
      if (isGallery(node)) push(...galleryParts(node, media));
      else if (isEmbed(node)) push(...embedParts(node));
      else if (isMedia(node)) push(...mediaParts(node));
      else if (lonelyImage(node)) {
        const image = imageOf(lonelyImage(node)!, node.name === 'p' ? null : node, captionOf(node), media);
        if (image) push({ kind: 'block', block: { type: 'image', ...image } });
      } else if (lonelyUrl(node)) {
        const url = lonelyUrl(node)!;
        const embed = embedFromUrl(url);
        push(embed ? { kind: 'block', block: embed } : linkPart(url));
      } else if (node.name === 'figcaption') {
        // The caption of a figure read apart (a table's, a pull quote's) stays as a paragraph.
        const caption = text(node);
        if (caption) push({ kind: 'html', html: `<p>${escapeHtml(caption)}</p>` });
      } else if (['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'figure'].includes(node.name)) {
        // Layout wrappers (groups, columns, plugin boxes) and figures that are not media (a table's,
        // a pull quote's) are dropped by the sanitiser anyway; what they hold is read as if it stood
        // at the top, or the sanitiser's figure would take its quote or table with it.
        flush();
        visit(node.children);
        flush();
      } else pending.push(getOuterHTML(node, SERIALIZE));
    }
  };
  visit(parseDocument(html).children);
  flush();
  return parts;
}
