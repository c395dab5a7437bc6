import { builder } from './builder';
import type { Config } from '../config';

export const PublicationRef = builder.objectRef<Config>('Publication').implement({
  description: 'The publication itself: name, address and where else readers can follow it.',
  fields: (t) => ({
    name: t.string({ description: 'Site name.', resolve: (c) => c.siteName }),
    url: t.field({ type: 'URL', description: 'Home page address.', resolve: (c) => `${c.publicBaseUrl}/` }),
    language: t.string({ description: 'BCP 47 language code of the publication, "id".', resolve: () => 'id' }),
    timeZone: t.string({ description: 'IANA time zone for date lines, "Asia/Jakarta" (WIB).', resolve: () => 'Asia/Jakarta' }),
    googleNewsUrl: t.field({ type: 'URL', nullable: true, description: 'The publication on Google News.', resolve: (c) => c.googleNewsUrl }),
    whatsappChannelUrl: t.field({
      type: 'URL',
      nullable: true,
      description: "The publication's WhatsApp channel.",
      resolve: (c) => c.whatsappChannelUrl,
    }),
    adEveryParagraphs: t.int({
      description: 'The in-article ad rule: an ad slot after every N-th paragraph (0: none).',
      resolve: (c) => c.adEveryParagraphs,
    }),
  }),
});

builder.queryFields((t) => ({
  publication: t.field({
    type: PublicationRef,
    description: 'Facts about the publication for page chrome (header, footer, follow links).',
    resolve: (_root, _args, ctx) => ctx.config,
  }),
}));
