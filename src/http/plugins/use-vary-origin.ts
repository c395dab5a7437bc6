import type { Plugin } from 'graphql-yoga';

// CORS headers depend on the request's Origin (allowed origins get Access-Control-Allow-Origin, others
// get nothing), so every answer says `Vary: Origin`: a shared cache in front of Kabar (feeds, GET
// queries, media) must not hand one origin's answer to another.

export function useVaryOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (!vary) {
        response.headers.set('vary', 'Origin');
        return;
      }
      const tokens = vary.split(',').map((token) => token.trim().toLowerCase());
      if (!tokens.includes('origin') && !tokens.includes('*')) response.headers.set('vary', `${vary}, Origin`);
    },
  };
}
