// Conditional requests and Vary, shared by the GraphQL GET cache and the feeds.

/** If-None-Match compares weakly (RFC 9110 §8.8.3.2): W/"x" and "x" name the same body; "*" matches anything. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only otherwise. */
export function isNotModified(request: Request, validators: { etag: string; lastModified: Date | null }): boolean {
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, validators.etag);
  const ifModifiedSince = request.headers.get('if-modified-since');
  if (ifModifiedSince === null || validators.lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  // HTTP dates have whole seconds.
  return Math.floor(validators.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** Adds `name` to Vary unless it (or "*") is already there. */
export function appendVary(headers: Headers, name: string): void {
  const vary = headers.get('vary');
  if (!vary) {
    headers.set('vary', name);
    return;
  }
  const tokens = vary.split(',').map((token) => token.trim().toLowerCase());
  if (!tokens.includes(name.toLowerCase()) && !tokens.includes('*')) headers.set('vary', `${vary}, ${name}`);
}

/**
 * A request body as text, read no further than `maxBytes`: null when there is more (the rest is
 * not read). A declared Content-Length over the limit is refused before reading anything.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<string | null> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
