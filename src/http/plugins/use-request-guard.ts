import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { readBodyLimited } from '../../common/http';

// Malformed and oversized requests are the client's fault and get a 4xx that says what was wrong,
// before anything parses, executes or touches the database. Without this guard yoga accepts
// bodies up to 25 MB, answers broken GET `variables` JSON with a 500, and a NUL character in a
// slug reaches PostgreSQL (which rejects it: another 500).

export interface RequestGuardOptions {
  graphqlEndpoint: string;
  /** Largest GraphQL request body accepted, in bytes. */
  maxBodyBytes: number;
}

/** An answer to a request that is refused before GraphQL sees it. */
function refusal(fetchAPI: { Response: typeof Response }, status: number, message: string, headers: Record<string, string> = {}): Response {
  return fetchAPI.Response.json(
    { errors: [{ message, extensions: { code: status === 413 ? 'REQUEST_TOO_LARGE' : 'BAD_REQUEST' } }] },
    { status, headers: { 'cache-control': 'no-store', ...headers } },
  );
}

const NUL_MESSAGE = 'The request contains a NUL character (U+0000), which no slug, id, query or variable may contain.';

/** True when `text` holds a NUL character, literally or as a JSON escape. */
function containsNul(text: string): boolean {
  return text.includes('\u0000') || /\\u0000/i.test(text);
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function badRequest(message: string, status = 400) {
  return createGraphQLError(message, { extensions: { code: status === 413 ? 'REQUEST_TOO_LARGE' : 'BAD_REQUEST', http: { status } } });
}

function parseJsonParameter(name: string, raw: string | null): Record<string, unknown> | undefined {
  if (raw === null || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest(`The "${name}" URL parameter is not valid JSON; send a JSON object, e.g. ${name}={"slug":"..."}.`);
  }
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`The "${name}" URL parameter must be a JSON object.`);
  return value as Record<string, unknown>;
}

export function useRequestGuard(options: RequestGuardOptions): Plugin {
  const { maxBodyBytes, graphqlEndpoint } = options;
  const tooLarge = `The request body is larger than ${maxBodyBytes} bytes, the most this API accepts. Send the query with variables, or as a persisted query.`;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const decoded = safeDecode(url.pathname + url.search);
      if (decoded === null) {
        endResponse(refusal(fetchAPI, 400, 'The URL contains a malformed percent-encoding.'));
        return;
      }
      if (containsNul(decoded)) {
        endResponse(refusal(fetchAPI, 400, NUL_MESSAGE));
        return;
      }
      const declared = request.headers.get('content-length');
      if (url.pathname === graphqlEndpoint && declared !== null && Number(declared) > maxBodyBytes) {
        endResponse(refusal(fetchAPI, 413, tooLarge));
      }
    },
    onRequestParse({ request, url, setRequestParser }) {
      if (url.pathname !== graphqlEndpoint) return;
      if (request.method === 'GET') {
        // yoga's own GET parser throws a plain SyntaxError (a 500) on broken JSON.
        setRequestParser(() => {
          const get = (name: string) => url.searchParams.get(name);
          return {
            query: get('query') ?? undefined,
            operationName: get('operationName') ?? undefined,
            variables: parseJsonParameter('variables', get('variables')),
            extensions: parseJsonParameter('extensions', get('extensions')),
          };
        });
        return;
      }
      if (request.method !== 'POST') return;
      const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (mediaType !== 'application/json' && mediaType !== 'application/graphql+json') return;
      // yoga hands the parser its own copy of the request, whose body it also limits.
      setRequestParser(async (limited) => {
        const text = await readBodyLimited(limited, maxBodyBytes);
        if (text === null) throw badRequest(tooLarge, 413);
        if (containsNul(text)) throw badRequest(NUL_MESSAGE);
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw badRequest('The request body is not valid JSON. Send {"query": "...", "variables": {...}}.');
        }
        if (Array.isArray(body)) throw badRequest('Batched requests (a JSON array) are not accepted; send one operation per request.');
        if (body === null || typeof body !== 'object')
          throw badRequest('The request body must be a JSON object: {"query": "...", "variables": {...}}.');
        return body as Record<string, never>;
      });
    },
  };
}
