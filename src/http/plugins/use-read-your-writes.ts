import type { Plugin } from 'graphql-yoga';
import { getOperationAST } from 'graphql';

// Read-your-writes with read replicas: the answer to a mutation sets a short-lived cookie, and a
// request that carries it reads from the primary (src/db/replicas.ts readsFromPrimary), so the
// client sees its own write even on a replica that has not replayed it yet. Staff requests (bearer
// token) always read from the primary; this is for everyone else who writes (comments, reports).
// A cookie rather than a per-address mark: it needs no shared store, works across processes, and
// two readers behind one NAT address do not push each other to the primary.

export interface ReadYourWritesOptions {
  cookie: string;
  seconds: number;
  secure: boolean;
}

export function useReadYourWrites(options: ReadYourWritesOptions): Plugin {
  const wrote = new WeakSet<Request>();
  const cookie = `${options.cookie}=1; Max-Age=${options.seconds}; Path=/; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const request = (args.contextValue as { request?: Request }).request;
      if (operation?.operation === 'mutation' && request) wrote.add(request);
    },
    onResponse({ request, response }) {
      if (wrote.has(request)) response.headers.append('set-cookie', cookie);
    },
  };
}
