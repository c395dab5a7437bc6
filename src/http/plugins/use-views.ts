import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Plugin } from 'graphql-yoga';
import { readBodyLimited } from '../../common/http';
import { clientAddress, NO_TRUSTED_PROXIES, type TrustedProxies } from '../client-address';
import { MAX_SLUG_LENGTH, UnknownArticleError, ViewsUnavailableError, type ViewRecorder, type ViewTarget } from '../../trending/views';

// POST /views: the page-view beacon. Made for navigator.sendBeacon, which sends a string as
// text/plain;charset=UTF-8 (no CORS preflight), a Blob with its own type, or form data:
//
//   navigator.sendBeacon('/views', JSON.stringify({ slug: 'banjir-rob-di-pesisir-utara' }))
//
// Answers 204 with no body as soon as the view is counted in memory (bots: 204, not counted; 202
// when the database is away and the view is kept to be counted later);
// 400 malformed, 404 unknown or unpublished article, 405 wrong method, 413 too large,
// 415 unsupported body type. Error bodies are JSON: {"error": "..."}.

export interface ViewsOptions {
  views: ViewRecorder;
  trustedProxies?: TrustedProxies;
  /** Origins whose pages may send beacons; a beacon from any other page is refused (403). */
  allowedOrigins?: ReadonlySet<string>;
  /** Largest accepted body; a beacon is a few dozen bytes. */
  maxBodyBytes?: number;
  log?: (message: string) => void;
}

export const VIEWS_PATH = '/views';

class BeaconError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** No slug holds one, and PostgreSQL refuses NUL in text outright. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

const EXPECTED = 'Send {"slug": "<article slug>"} or {"id": "<article global id>"}';

async function readBody(request: Request, maxBytes: number): Promise<string> {
  const body = await readBodyLimited(request, maxBytes);
  if (body === null) throw new BeaconError(413, `The body is larger than ${maxBytes} bytes. ${EXPECTED}.`);
  return body;
}

function parseFields(contentType: string, body: string): Record<string, unknown> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(body));
  }
  if (mediaType !== '' && mediaType !== 'text/plain' && mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw new BeaconError(
      415,
      `Unsupported Content-Type "${mediaType}". ${EXPECTED} as JSON (text/plain or application/json) or as a form (application/x-www-form-urlencoded).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new BeaconError(400, `The body is not valid JSON. ${EXPECTED}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BeaconError(400, `The body must be a JSON object. ${EXPECTED}.`);
  }
  return parsed as Record<string, unknown>;
}

function toTarget(fields: Record<string, unknown>): ViewTarget {
  const { slug, id } = fields;
  if ((slug === undefined) === (id === undefined)) {
    throw new BeaconError(400, `Give exactly one of "slug" or "id". ${EXPECTED}.`);
  }
  if (slug !== undefined) {
    if (typeof slug !== 'string' || slug.length === 0 || slug.length > MAX_SLUG_LENGTH || CONTROL_CHARACTER.test(slug)) {
      throw new BeaconError(400, `"slug" must be a string of 1 to ${MAX_SLUG_LENGTH} characters without control characters.`);
    }
    return { slug };
  }
  const invalidId = () => new BeaconError(400, `"id" must be an Article's global id, as returned by the GraphQL API (Article.id).`);
  if (typeof id !== 'string' || id.length > 100) throw invalidId();
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(id);
  } catch {
    throw invalidId();
  }
  const articleId = /^\d{1,10}$/.test(decoded.id) ? Number(decoded.id) : NaN;
  if (decoded.typename !== 'Article' || !Number.isSafeInteger(articleId) || articleId < 1 || articleId > 2_147_483_647) {
    throw invalidId();
  }
  return { articleId };
}

export function useViews(options: ViewsOptions): Plugin {
  const maxBodyBytes = options.maxBodyBytes ?? 1024;
  const log = options.log ?? console.error;
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (url.pathname !== VIEWS_PATH) return;
      // Preflights belong to yoga's CORS handling.
      if (request.method === 'OPTIONS') return;
      const json = (status: number, error: string, headers: Record<string, string> = {}) =>
        endResponse(fetchAPI.Response.json({ error }, { status, headers: { 'cache-control': 'no-store', ...headers } }));
      if (request.method !== 'POST') {
        json(405, `Use POST. ${EXPECTED}.`, { allow: 'POST' });
        return;
      }
      // A page of another site cannot count views for ours: browsers name the page's origin on
      // every POST (and Sec-Fetch-Site), so a beacon from elsewhere is recognisable.
      const origin = request.headers.get('origin');
      if ((origin && options.allowedOrigins && !options.allowedOrigins.has(origin)) || request.headers.get('sec-fetch-site') === 'cross-site') {
        json(403, "Views are counted only from the publication's own pages.");
        return;
      }
      try {
        const body = await readBody(request, maxBodyBytes);
        const target = toTarget(parseFields(request.headers.get('content-type') ?? '', body));
        const client = clientAddress(request, serverContext, options.trustedProxies ?? NO_TRUSTED_PROXIES);
        const outcome = await options.views.record(target, request.headers.get('user-agent'), new Date(), client);
        // 202: kept while the database is away, counted when it is back.
        endResponse(new fetchAPI.Response(null, { status: 'parked' in outcome ? 202 : 204, headers: { 'cache-control': 'no-store' } }));
      } catch (error) {
        if (error instanceof BeaconError) json(error.status, error.message);
        else if (error instanceof UnknownArticleError) json(404, error.message);
        else if (error instanceof ViewsUnavailableError) json(503, error.message, { 'retry-after': '5' });
        else {
          log(`[views] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          json(500, 'Unexpected error.');
        }
      }
    },
  };
}
