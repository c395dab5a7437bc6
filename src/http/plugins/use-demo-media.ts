import type { Plugin } from 'graphql-yoga';

// Placeholder images for the demo publication (/media/demo/<name>.svg), drawn on the fly so the demo
// shows pictures without any network access. Real content stores absolute image URLs instead.

const PALETTE = ['#b3261e', '#0b57d0', '#146c2e', '#7c4dff', '#e8710a', '#00796b', '#5f6368', '#c2185b'];

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return h >>> 0;
}

export function demoSvg(name: string): string {
  const h = hash(name);
  const avatar = name.startsWith('avatar-');
  const [w, hgt] = avatar ? [256, 256] : [1200, 675];
  const a = PALETTE[h % PALETTE.length];
  const b = PALETTE[(h >>> 8) % PALETTE.length];
  const label = avatar
    ? ''
    : `<text x="60" y="${hgt - 60}" font-family="sans-serif" font-size="48" fill="#fff" opacity="0.85">Kabar · foto ilustrasi</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="0 0 ${w} ${hgt}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${((h % 7) * w) / 7 + w / 14}" cy="${hgt / 2}" r="${hgt / 3}" fill="#fff" opacity="0.12"/>${label}</svg>`;
}

export function useDemoMedia(): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      const match = /^\/media\/demo\/([a-z0-9-]{1,40})\.svg$/.exec(url.pathname);
      if (!match) return;
      endResponse(
        new fetchAPI.Response(demoSvg(match[1]!), {
          headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'public, max-age=86400, immutable' },
        }),
      );
    },
  };
}
