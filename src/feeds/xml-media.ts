import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { FeedImage } from './model';

/** Media RSS <media:content> for the hero image, with its size; shared by the RSS and Atom feeds. */
export function appendMediaContent(parent: XMLBuilder, image: FeedImage): void {
  const attrs: Record<string, string> = { url: image.url, medium: 'image' };
  if (image.type) attrs.type = image.type;
  if (image.width) attrs.width = String(image.width);
  if (image.height) attrs.height = String(image.height);
  const media = parent.ele('media:content', attrs);
  if (image.caption) media.ele('media:description', { type: 'plain' }).txt(image.caption);
  if (image.credit) media.ele('media:credit').txt(image.credit);
}
