import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

// Headers every answer carries. The API answers JSON and XML that no browser should run or frame;
// the one HTML page, GraphiQL, gets a policy that allows exactly its own inline script (by hash,
// computed once from the rendered page) and nothing from elsewhere.

/** For JSON, XML and text answers: nothing may load, run or frame them. */
const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The policy for an HTML page whose scripts are all inline, allowed by their hashes. */
export function htmlPolicyFor(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!, 'utf8').digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ') || "'none'"}`,
    // GraphiQL's editor sets styles inline and starts web workers from blobs.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface SecurityHeadersOptions {
  /** The policy of the HTML page being served (GraphiQL's, see renderPage), or undefined for none. */
  htmlPolicy(): string | undefined;
}

export function useSecurityHeaders(options: SecurityHeadersOptions): Plugin {
  return {
    onResponse({ response }) {
      const headers = response.headers;
      headers.set('x-content-type-options', 'nosniff');
      headers.set('referrer-policy', 'strict-origin-when-cross-origin');
      const isHtml = (headers.get('content-type') ?? '').startsWith('text/html');
      const policy = isHtml ? options.htmlPolicy() : undefined;
      headers.set('content-security-policy', policy ?? DATA_POLICY);
      if (isHtml) headers.set('x-frame-options', 'DENY');
    },
  };
}

/**
 * Renders a page once per distinct set of options (GraphiQL's page is 9 MB and the same every time)
 * and remembers its content security policy.
 */
export function memoisedPage<Options>(render: (options: Options) => string): { render(options: Options): string; policy(): string | undefined } {
  const pages = new Map<string, { html: string; policy: string }>();
  let lastPolicy: string | undefined;
  return {
    render(options) {
      const key = JSON.stringify(options);
      let page = pages.get(key);
      if (!page) {
        const html = render(options);
        page = { html, policy: htmlPolicyFor(html) };
        if (pages.size < 4) pages.set(key, page);
      }
      lastPolicy = page.policy;
      return page.html;
    },
    policy: () => lastPolicy,
  };
}
