import type { Plugin } from 'graphql-yoga';
import { appendVary } from '../../common/http';

// CORS headers depend on the request's Origin (allowed origins get Access-Control-Allow-Origin, others
// get nothing), so every answer says `Vary: Origin`: a shared cache in front of Kabar (feeds, GET
// queries, media) must not hand one origin's answer to another.

export function useVaryOrigin(): Plugin {
  return {
    onResponse({ response }) {
      appendVary(response.headers, 'Origin');
    },
  };
}
