import type { ArticleRow } from '../db/types';
import type { ImageShape } from './blocks';

type HeroColumns = Pick<ArticleRow, 'hero_image_url' | 'hero_image_width' | 'hero_image_height' | 'hero_image_caption' | 'hero_image_credit'>;

/**
 * An article's lead image as the Image type shows it, or null. The `type` tag is what the Image
 * type's isTypeOf (shared with body image blocks) recognises.
 */
export function heroImageOf(article: HeroColumns): (ImageShape & { type: 'image' }) | null {
  if (!article.hero_image_url) return null;
  return {
    type: 'image',
    url: article.hero_image_url,
    width: article.hero_image_width,
    height: article.hero_image_height,
    caption: article.hero_image_caption,
    credit: article.hero_image_credit,
  };
}
