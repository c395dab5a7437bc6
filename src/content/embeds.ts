import type { StoredBlock } from '../db/types';
import { escapeHtml } from '../search/highlight';

// Embeds made from a provider's URL alone: the provider, the post's canonical address, and iframe
// markup written here from the provider's documented embed player address. Nothing is fetched, at
// import or at read time: oEmbed answers would make an import depend on (and leak readers to) the
// providers, and their markup needs the providers' scripts, which the sanitiser refuses. Every
// iframe host below is in EMBED_HOSTS (src/common/sanitise.ts), so the sanitiser keeps the markup.

export type EmbedBlock = Extract<StoredBlock, { type: 'embed' }>;

interface Recognised {
  provider: string;
  /** The canonical address of the embedded post or media. */
  url: string;
  /** The player's address, for the iframe. */
  player: string;
  width: number;
  height: number;
  title: string;
}

function parse(raw: string): URL | null {
  try {
    const url = new URL(raw.trim().replace(/&amp;/g, '&'));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

const YOUTUBE_ID = /^[\w-]{11}$/;

function youtube(url: URL, host: string, parts: string[]): Recognised | null {
  let id: string | null = null;
  if (host === 'youtu.be') id = parts[0] ?? null;
  else if (parts[0] === 'watch') id = url.searchParams.get('v');
  else if (['embed', 'shorts', 'live', 'v'].includes(parts[0] ?? '')) id = parts[1] ?? null;
  if (!id || !YOUTUBE_ID.test(id)) return null;
  return {
    provider: 'youtube',
    url: `https://www.youtube.com/watch?v=${id}`,
    player: `https://www.youtube-nocookie.com/embed/${id}`,
    width: 560,
    height: 315,
    title: 'YouTube video',
  };
}

function vimeo(host: string, parts: string[]): Recognised | null {
  // vimeo.com/76979871, vimeo.com/channels/staffpicks/76979871, player.vimeo.com/video/76979871
  const id = host === 'player.vimeo.com' ? parts[1] : parts.find((p) => /^\d+$/.test(p));
  if (!id || !/^\d+$/.test(id)) return null;
  return {
    provider: 'vimeo',
    url: `https://vimeo.com/${id}`,
    player: `https://player.vimeo.com/video/${id}`,
    width: 640,
    height: 360,
    title: 'Vimeo video',
  };
}

function x(url: URL, host: string, parts: string[]): Recognised | null {
  // x.com/<user>/status/<id>, twitter.com/<user>/status/<id>; platform.twitter.com/embed/Tweet.html?id=<id>
  let user = 'i';
  let id: string | null = null;
  if (host === 'platform.twitter.com') id = url.searchParams.get('id');
  else if (parts[1] === 'status' || parts[1] === 'statuses') [user, , id] = [parts[0]!, parts[1], parts[2] ?? null];
  if (!id || !/^\d+$/.test(id)) return null;
  return {
    provider: 'x',
    url: `https://x.com/${user}/status/${id}`,
    // The player X's widgets.js loads for a <blockquote class="twitter-tweet">.
    player: `https://platform.twitter.com/embed/Tweet.html?id=${id}`,
    width: 550,
    height: 600,
    title: 'Post on X',
  };
}

function instagram(parts: string[]): Recognised | null {
  // instagram.com/p/<code>/, /reel/<code>/, /tv/<code>/ (optionally after a user name)
  const at = parts.findIndex((p) => p === 'p' || p === 'reel' || p === 'tv');
  const code = at >= 0 ? parts[at + 1] : undefined;
  if (!code || !/^[\w-]+$/.test(code)) return null;
  const kind = parts[at] === 'reel' ? 'reel' : 'p';
  const url = `https://www.instagram.com/${kind}/${code}/`;
  return { provider: 'instagram', url, player: `${url}embed/`, width: 540, height: 700, title: 'Instagram post' };
}

function tiktok(parts: string[]): Recognised | null {
  // tiktok.com/@<user>/video/<id>; tiktok.com/embed/v2/<id>; tiktok.com/player/v1/<id>
  const at = parts.findIndex((p) => p === 'video' || p === 'v2' || p === 'v1');
  const id = at >= 0 ? parts[at + 1] : undefined;
  if (!id || !/^\d+$/.test(id)) return null;
  const user = parts[0]?.startsWith('@') ? parts[0] : null;
  return {
    provider: 'tiktok',
    url: user ? `https://www.tiktok.com/${user}/video/${id}` : `https://www.tiktok.com/embed/v2/${id}`,
    // TikTok's embed player (developers.tiktok.com, "Embed Player").
    player: `https://www.tiktok.com/player/v1/${id}`,
    width: 325,
    height: 575,
    title: 'TikTok video',
  };
}

function facebook(url: URL, parts: string[]): Recognised | null {
  // Posts, videos, reels, photos and watch links; the page plugins take the post's address.
  let canonical: string | null = null;
  let video = false;
  if (parts[0] === 'plugins') return parse(url.searchParams.get('href') ?? '') ? facebookFrom(url.searchParams.get('href')!) : null;
  if (parts[0] === 'watch' && url.searchParams.get('v')) {
    canonical = `https://www.facebook.com/watch/?v=${url.searchParams.get('v')}`;
    video = true;
  } else if (parts[0] === 'reel' && parts[1]) {
    canonical = `https://www.facebook.com/reel/${parts[1]}`;
    video = true;
  } else if (parts.length >= 3 && ['posts', 'videos', 'photos'].includes(parts[1]!)) {
    canonical = `https://www.facebook.com/${parts.slice(0, parts[1] === 'photos' ? 4 : 3).join('/')}`;
    video = parts[1] === 'videos';
  } else if (parts[0] === 'permalink.php' || parts[0] === 'story.php') {
    const story = url.searchParams.get('story_fbid');
    const id = url.searchParams.get('id');
    if (story && id) canonical = `https://www.facebook.com/permalink.php?story_fbid=${story}&id=${id}`;
  }
  if (!canonical) return null;
  const plugin = video ? 'video' : 'post';
  return {
    provider: 'facebook',
    url: canonical,
    player: `https://www.facebook.com/plugins/${plugin}.php?href=${encodeURIComponent(canonical)}&show_text=true&width=500`,
    width: 500,
    height: video ? 280 : 600,
    title: video ? 'Facebook video' : 'Facebook post',
  };
}

function facebookFrom(href: string): Recognised | null {
  const url = parse(href);
  return url ? facebook(url, url.pathname.split('/').filter(Boolean)) : null;
}

const SPOTIFY_KINDS = new Set(['track', 'album', 'playlist', 'episode', 'show', 'artist']);

function spotify(parts: string[]): Recognised | null {
  // open.spotify.com/<kind>/<id>, optionally after intl-xx/ or embed/
  const rest = parts.filter((p) => p !== 'embed' && !p.startsWith('intl-'));
  const [kind, id] = rest;
  if (!kind || !SPOTIFY_KINDS.has(kind) || !id || !/^[A-Za-z0-9]{22}$/.test(id)) return null;
  return {
    provider: 'spotify',
    url: `https://open.spotify.com/${kind}/${id}`,
    player: `https://open.spotify.com/embed/${kind}/${id}`,
    width: 560,
    height: kind === 'track' ? 152 : 352,
    title: 'Spotify',
  };
}

function recognise(raw: string): Recognised | null {
  const url = parse(raw);
  if (!url) return null;
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile|web)\./, '');
  const parts = url.pathname.split('/').filter(Boolean);
  switch (host) {
    case 'youtube.com':
    case 'youtu.be':
    case 'youtube-nocookie.com':
      return youtube(url, host, parts);
    case 'vimeo.com':
    case 'player.vimeo.com':
      return vimeo(host, parts);
    case 'x.com':
    case 'twitter.com':
    case 'platform.twitter.com':
      return x(url, host, parts);
    case 'instagram.com':
      return instagram(parts);
    case 'tiktok.com':
      return tiktok(parts);
    case 'facebook.com':
      return facebook(url, parts);
    case 'open.spotify.com':
      return spotify(parts);
    default:
      return null;
  }
}

/** An Embed block for a post or media URL of a known provider (or its player URL); null for any other URL. */
export function embedFromUrl(raw: string): EmbedBlock | null {
  const found = recognise(raw);
  if (!found) return null;
  const html =
    `<iframe src="${escapeHtml(found.player)}" width="${found.width}" height="${found.height}" ` +
    `title="${escapeHtml(found.title)}" allowfullscreen></iframe>`;
  return { type: 'embed', provider: found.provider, url: found.url, html };
}

/** An Embed block for a self-hosted video or audio file: the browser's own player, no script. */
export function mediaEmbed(kind: 'video' | 'audio', raw: string): EmbedBlock | null {
  const url = parse(raw);
  if (!url) return null;
  const src = escapeHtml(url.toString());
  return {
    type: 'embed',
    provider: kind,
    url: url.toString(),
    html: kind === 'video' ? `<video src="${src}" controls></video>` : `<audio src="${src}" controls></audio>`,
  };
}
