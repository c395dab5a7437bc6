import type { Plugin } from 'graphql-yoga';
import type { GraphQLSchema } from 'graphql';
import { selectsPrivateField } from '../../editorial/private-fields';

export interface PrivateAnswersOptions {
  schema: GraphQLSchema;
  graphqlEndpoint: string;
}

/**
 * Answers that belong to one person (anything sent with an Authorization header, and operations
 * selecting staff fields or previews) get `Cache-Control: private, no-store`: no CDN, proxy or
 * browser may keep them. Registered after useHttpCaching, so its word is the last.
 */
export function usePrivateAnswers(options: PrivateAnswersOptions): Plugin {
  const privateRequests = new WeakSet<Request>();
  return {
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (request && selectsPrivateField(options.schema, args.document)) privateRequests.add(request);
    },
    onResponse({ request, response }) {
      if (new URL(request.url).pathname !== options.graphqlEndpoint) return;
      if (privateRequests.has(request) || request.headers.has('authorization')) {
        response.headers.set('cache-control', 'private, no-store');
        response.headers.delete('etag');
      }
    },
  };
}
