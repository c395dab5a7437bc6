import type { BrowserContext } from 'playwright-core';
import type { Stack } from './harness';

// What the browser test files share: a browser context that may reach only the two local servers,
// a GraphQL call to Kabar, and a retry for assertions on pages that render asynchronously.

/**
 * A reader's or staff member's own browser (its own storage). Requests to anywhere but Kabar and
 * the frontend are aborted and collected in `outside` (each test file expects it to stay empty).
 */
export async function localBrowserContext(stack: Stack, outside: string[], options: { userAgent?: string } = {}): Promise<BrowserContext> {
  const context = await stack.browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  const local = [stack.kabarUrl, stack.frontendUrl];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local.some((origin) => url.startsWith(`${origin}/`)) || url === 'about:blank' || /^(blob|data):/.test(url)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  context.setDefaultTimeout(30_000);
  return context;
}

/** A browser's User-Agent without "HeadlessChrome", which Kabar rightly does not count as a reader's view. */
export function readerUserAgent(stack: Stack): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${stack.browser.version()} Safari/537.36`;
}

/** Calls Kabar's GraphQL API directly (with a staff token when given); fails the test on errors. */
export async function callApi<T = any>(stack: Stack, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${stack.kabarUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** Retries an assertion until it passes, then reports its last failure. */
export async function eventually(assertion: () => unknown, timeoutMs = 20_000, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
