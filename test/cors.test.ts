import { loadConfig, ConfigError } from '../src/config';
import { useTestApp } from './helpers/app';

// Browsers on the configured origins (the publisher's frontend) may call the API and the view
// beacon; pages on any other origin get no CORS headers and so cannot read the answers.

const ALLOWED = 'https://www.kabar.test';
const OTHER = 'https://evil.example';

const { client } = useTestApp({ config: { corsOrigins: [ALLOWED, 'http://localhost:5173'] } });
let slug: string;

beforeAll(async () => {
  const res = await client.graphql('{ latest(first: 1) { slug } }');
  slug = res.data.latest[0].slug;
});

const query = JSON.stringify({ query: '{ publication { name } }' });

function postGraphQL(origin?: string) {
  return client.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: query,
  });
}

function preflight(path: string, origin: string, headers = 'content-type') {
  return client.request(path, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
}

describe('CORS', () => {
  it('lets an allowed origin read GraphQL answers, without credentials', async () => {
    const res = await postGraphQL(ALLOWED);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect((await res.json()).data.publication.name).toBeTruthy();
  });

  it('gives another origin no CORS headers (the answer itself is unchanged)', async () => {
    const res = await postGraphQL(OTHER);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('answers no CORS headers when no Origin is sent (server-to-server)', async () => {
    const res = await postGraphQL();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight from an allowed origin with the allowed methods and headers', async () => {
    const res = await preflight('/graphql', ALLOWED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('does not approve a preflight from another origin', async () => {
    const res = await preflight('/graphql', OTHER);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('covers the view beacon: preflight and POST /views', async () => {
    const pre = await preflight('/views', ALLOWED);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const beacon = await client.request('/views', {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0' },
      body: JSON.stringify({ slug }),
    });
    expect(beacon.status).toBe(204);
    expect(beacon.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const refused = await client.request('/views', {
      method: 'POST',
      headers: { origin: OTHER, 'content-type': 'application/json' },
      body: JSON.stringify({ slug }),
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("keeps a route's own Vary and adds Origin (ninjs varies by partner key)", async () => {
    const res = await client.request(`/articles/${slug}.ninjs.json`, { headers: { origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('vary')).toBe('X-Kabar-Partner-Key, Origin');
  });
});

describe('CORS_ORIGINS', () => {
  it("defaults to the example frontend's dev and preview servers", () => {
    expect(loadConfig({}).corsOrigins).toEqual(['http://localhost:5173', 'http://localhost:4173']);
  });

  it('reads a comma-separated list of origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://www.kabar.id, https://m.kabar.id/ ,http://localhost:3000' }).corsOrigins).toEqual([
      'https://www.kabar.id',
      'https://m.kabar.id',
      'http://localhost:3000',
    ]);
  });

  it('refuses anything that is not an origin, and says what is expected', () => {
    for (const bad of ['www.kabar.id', 'https://www.kabar.id/berita', 'ftp://kabar.id', '*']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS must be a comma-separated list of origins/);
    }
  });
});
