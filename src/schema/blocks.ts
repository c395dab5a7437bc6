import { builder } from './builder';
import type { ReadBlock } from '../content/body';
import { absoluteUrl } from '../content/urls';
import { outputHtml } from '../common/output-html';

// Article body blocks. Fields that share a name across members (url, html, text) have one type and
// nullability everywhere, so a client can select them side by side in one document.

type BlockOf<T extends ReadBlock['type']> = Extract<ReadBlock, { type: T }>;

export const ParagraphBlock = builder.objectRef<BlockOf<'paragraph'>>('Paragraph').implement({
  description: 'A paragraph of body text as sanitised inline HTML (links, emphasis).',
  isTypeOf: (block) => (block as ReadBlock).type === 'paragraph',
  fields: (t) => ({
    html: t.string({
      description: 'Sanitised inline HTML; links carry rel="noopener noreferrer".',
      resolve: (block) => outputHtml(block.html),
    }),
  }),
});

export const HeadingBlock = builder.objectRef<BlockOf<'heading'>>('Heading').implement({
  description: 'A subheading inside the body.',
  isTypeOf: (block) => (block as ReadBlock).type === 'heading',
  fields: (t) => ({
    level: t.exposeInt('level', { description: 'Heading level, 2 to 6 (the title is level 1).' }),
    text: t.exposeString('text', { description: 'Plain text of the heading.' }),
  }),
});

export interface ImageShape {
  url: string;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
}

export const ImageBlock = builder.objectRef<ImageShape & { type?: 'image' }>('Image').implement({
  description: "An image: a body figure, or an article's hero image.",
  isTypeOf: (block) => (block as ReadBlock).type === 'image',
  fields: (t) => ({
    url: t.field({
      type: 'URL',
      description: 'Absolute image URL.',
      resolve: (image, _args, ctx) => absoluteUrl(image.url, ctx.config.publicBaseUrl),
    }),
    width: t.exposeInt('width', { nullable: true, description: 'Width in pixels, when known.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Height in pixels, when known.' }),
    caption: t.exposeString('caption', { nullable: true, description: 'Caption shown under the image.' }),
    credit: t.exposeString('credit', { nullable: true, description: 'Photographer or agency credit.' }),
  }),
});

export const QuoteBlock = builder.objectRef<BlockOf<'quote'>>('Quote').implement({
  description: 'A pull quote or block quotation.',
  isTypeOf: (block) => (block as ReadBlock).type === 'quote',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The quoted words, plain text.' }),
    attribution: t.exposeString('attribution', { nullable: true, description: 'Who said it.' }),
  }),
});

export const EmbedBlock = builder.objectRef<BlockOf<'embed'>>('Embed').implement({
  description: 'Embedded third-party media (YouTube, X, Instagram, …) from an allowlisted host.',
  isTypeOf: (block) => (block as ReadBlock).type === 'embed',
  fields: (t) => ({
    provider: t.exposeString('provider', {
      description: 'youtube, vimeo, x, instagram, tiktok, facebook, spotify, video or audio (a self-hosted file), or other.',
    }),
    url: t.field({ type: 'URL', description: 'Address of the embedded media.', resolve: (embed) => embed.url }),
    html: t.string({
      description: 'Sanitised iframe (or, for self-hosted files, video or audio) markup to render the embed, sandboxed and lazily loaded.',
      resolve: (embed) => outputHtml(embed.html),
    }),
  }),
});

export const GalleryBlock = builder.objectRef<BlockOf<'gallery'>>('Gallery').implement({
  description: 'Several images shown together (a photo story or gallery), in the order the editor chose.',
  isTypeOf: (block) => (block as ReadBlock).type === 'gallery',
  fields: (t) => ({
    images: t.field({
      type: [ImageBlock],
      description: 'The images, each with its own caption and credit.',
      resolve: (gallery) => gallery.images.map((image) => ({ ...image, type: 'image' as const })),
    }),
    caption: t.exposeString('caption', { nullable: true, description: 'Caption of the gallery as a whole.' }),
  }),
});

export const AdSlotBlock = builder.objectRef<BlockOf<'adSlot'>>('AdSlot').implement({
  description: "A place for an in-article advertisement, positioned by the publication's ad rule.",
  isTypeOf: (block) => (block as ReadBlock).type === 'adSlot',
  fields: (t) => ({
    slotId: t.exposeString('slotId', { description: 'Stable slot name for the ad server, e.g. "inarticle-1".' }),
    position: t.exposeInt('position', { description: '1 for the first ad slot in the article, 2 for the second, …' }),
  }),
});

const BLOCK_TYPE_NAMES: Record<ReadBlock['type'], string> = {
  paragraph: 'Paragraph',
  heading: 'Heading',
  image: 'Image',
  quote: 'Quote',
  embed: 'Embed',
  gallery: 'Gallery',
  adSlot: 'AdSlot',
};

export const Block = builder.unionType('Block', {
  description: 'One block of an article body, in reading order.',
  types: [ParagraphBlock, HeadingBlock, ImageBlock, QuoteBlock, EmbedBlock, GalleryBlock, AdSlotBlock],
  // Named directly from the block's type: no trying each member's isTypeOf in turn (an article
  // page has dozens of blocks).
  resolveType: (block) => BLOCK_TYPE_NAMES[(block as ReadBlock).type],
});
