import { isbot } from 'isbot';

// Crawlers, link previewers (WhatsApp, Facebook), monitoring and HTTP libraries must not make an
// article popular. isbot keeps a maintained pattern list for them. A request with no User-Agent at
// all is no browser either: every browser, and navigator.sendBeacon, sends one.

const MAX_USER_AGENT_LENGTH = 1_000;

export function isBotUserAgent(userAgent: string | null | undefined): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  // Bounds the work the pattern does on a hostile header; no real browser sends anything this long.
  if (userAgent.length > MAX_USER_AGENT_LENGTH) return true;
  return isbot(userAgent);
}
