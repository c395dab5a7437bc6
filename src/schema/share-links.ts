import { builder } from './builder';
import type { ShareLinks } from '../content/urls';

export const ShareLinksRef = builder.objectRef<ShareLinks>('ShareLinks').implement({
  description: 'Ready-made share URLs for an article, WhatsApp first as readers in Indonesia use it most.',
  fields: (t) => ({
    whatsapp: t.field({ type: 'URL', description: 'Share via WhatsApp (wa.me).', resolve: (l) => l.whatsapp }),
    facebook: t.field({ type: 'URL', description: 'Share on Facebook.', resolve: (l) => l.facebook }),
    x: t.field({ type: 'URL', description: 'Post on X (Twitter).', resolve: (l) => l.x }),
    telegram: t.field({ type: 'URL', description: 'Share via Telegram.', resolve: (l) => l.telegram }),
    email: t.field({ type: 'URL', description: 'A mailto: link with the title and URL.', resolve: (l) => l.email }),
  }),
});
