import type { Random } from './random';
import { createSlotContext, fill, sentence, type SlotContext } from './slots';
import { CLOSING_SENTENCES, COMMON_SENTENCES, QUOTE_FRAMES_FIRST, QUOTE_FRAMES_LATER, SECTION_TEXT, type SectionText, type Topic } from './topics';
import { DOMESTIC_PLACES, FOREIGN_PLACES, JAKARTA, PHOTOGRAPHERS, type Place, type SectionKey } from './vocabulary';

// Turns the templates of one section into a complete article: headline, deck, excerpt, dateline,
// raw body HTML (which the caller must pass through prepareArticleBody) and hero caption.

/** Demo images are served by Kabar at /media/demo/<n>.svg for n in 1..DEMO_IMAGE_COUNT. */
export const DEMO_IMAGE_COUNT = 24;

export interface ComposedArticle {
  topic: Topic;
  title: string;
  subtitle: string | null;
  excerpt: string;
  dateline: string;
  rawHtml: string;
  hero: { url: string; caption: string; credit: string } | null;
}

function pickPlace(rng: Random, text: SectionText, topic: Topic): Place {
  if (topic.places && topic.places.length > 0) return rng.pick(topic.places);
  switch (text.places) {
    case 'jakarta':
      return rng.chance(0.7) ? JAKARTA : rng.pick(DOMESTIC_PLACES);
    case 'domestic':
      return rng.pick(DOMESTIC_PLACES);
    case 'foreign':
      return rng.pick(FOREIGN_PLACES);
  }
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Removes and returns a random element; the pools are small, so splice is cheap. */
function take<T>(rng: Random, pool: T[]): T | undefined {
  if (pool.length === 0) return undefined;
  return pool.splice(Math.floor(rng.next() * pool.length), 1)[0];
}

function headline(rng: Random, options: readonly string[], ctx: SlotContext): string {
  let title = '';
  // Slot values differ in length ("Bali" vs "Nusa Tenggara Timur"); retry another form if a title
  // falls outside the 6-14 words a headline should have.
  for (let attempt = 0; attempt < 6; attempt += 1) {
    title = fill(rng.pick(options), ctx);
    const words = wordCount(title);
    if (words >= 6 && words <= 14) break;
  }
  return title;
}

function imageUrl(n: number): string {
  return `/media/demo/${n}.svg`;
}

function youtubeId(rng: Random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = '';
  for (let i = 0; i < 11; i += 1) id += alphabet[Math.floor(rng.next() * alphabet.length)];
  return id;
}

interface SentencePools {
  story: string[];
  section: string[];
  common: string[];
}

// A deck (subtitle) must stand on its own: no "hal itu", "tersebut" or "ia" pointing at a
// sentence the reader has not seen yet.
const REFERS_BACK = /\b(hal itu|tersebut|itu|ini|ia|dia|pihaknya)\b|\{(role|official)\}/i;

/**
 * Fills a body sentence. The first mention of the story's speaker must carry the role ("Menteri
 * Perhubungan Fajar Kurniawan"); later sentences may use the bare name.
 */
function bodySentence(template: string, ctx: SlotContext): string {
  const introduced = ctx.values.has('role');
  const text =
    !introduced && template.includes('{official}') && !template.includes('{role}') ? template.replace('{official}', '{role} {official}') : template;
  return sentence(text, ctx);
}

/** Story facts first, then section lines, then common ones: the angle leads, the filler follows. */
function nextSentence(rng: Random, pools: SentencePools): string | undefined {
  if (pools.story.length > 0 && rng.chance(0.65)) return take(rng, pools.story);
  if (pools.section.length > 0 && rng.chance(0.5)) return take(rng, pools.section);
  return take(rng, pools.common) ?? take(rng, pools.story) ?? take(rng, pools.section);
}

export function composeArticle(rng: Random, sectionKey: SectionKey, date: Date): ComposedArticle {
  const text = SECTION_TEXT[sectionKey];
  const topic = rng.weighted(text.topics, (t) => t.weight);
  const story = rng.pick(topic.stories);
  const place = pickPlace(rng, text, topic);
  const ctx = createSlotContext(rng, place, story.roles ?? topic.roles, text.field, date);

  const title = headline(rng, story.headlines, ctx);
  const pools: SentencePools = {
    story: [...story.facts, ...(topic.facts ?? [])],
    section: (topic.sentences ?? text.sentences).slice(),
    common: text.common.flatMap((pool) => COMMON_SENTENCES[pool]),
  };
  const quotes = rng.shuffle([...(story.quotes ?? []), ...(topic.quotes ?? [])]);
  // Reserved before the quote paragraphs can use up a story's one or two quotes.
  const blockquote = rng.chance(0.3) ? quotes.pop() : undefined;

  let subtitle: string | null = null;
  if (rng.chance(0.3)) {
    const standalone = story.facts.filter((f) => !REFERS_BACK.test(f));
    const deck = story.subtitles && story.subtitles.length > 0 ? rng.pick(story.subtitles) : standalone.length > 0 ? rng.pick(standalone) : undefined;
    if (deck) {
      subtitle = stripTags(sentence(deck, ctx));
      const used = pools.story.indexOf(deck);
      if (used >= 0) pools.story.splice(used, 1);
    }
  }

  // The body is a list of block-level HTML strings; paragraphs are counted separately because
  // headings, figures and quotes do not count towards the 5-14 paragraphs.
  const paragraphs: string[] = [];
  const lede = sentence(rng.pick(story.ledes), ctx);
  const second = rng.chance(0.6) ? take(rng, pools.story) : undefined;
  const secondText = second ? bodySentence(second, ctx) : null;
  paragraphs.push(secondText ? `${lede} ${secondText}` : lede);
  const excerpt = stripTags(secondText && rng.chance(0.5) ? `${lede} ${secondText}` : lede);

  const closing = rng.chance(0.35);
  const target = rng.int(5, 14) - (closing ? 1 : 0);
  let quotesUsed = 0;
  while (paragraphs.length < target) {
    if (quotes.length > 0 && paragraphs.length >= 2 && rng.chance(0.25)) {
      const frames = quotesUsed === 0 ? QUOTE_FRAMES_FIRST : QUOTE_FRAMES_LATER;
      const quote = quotes.pop() as string;
      paragraphs.push(bodySentence(rng.pick(frames).replace('{quote}', quote), ctx));
      quotesUsed += 1;
      continue;
    }
    const lines: string[] = [];
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i += 1) {
      const line = nextSentence(rng, pools);
      if (line) lines.push(bodySentence(line, ctx));
    }
    if (lines.length === 0) break;
    paragraphs.push(lines.join(' '));
  }
  if (closing) paragraphs.push(sentence(rng.pick(CLOSING_SENTENCES), ctx));

  const blocks = paragraphs.map((p) => `<p>${p}</p>`);
  const photographer = () => `Kabar/${rng.pick(PHOTOGRAPHERS)}`;
  const heroNumber = rng.int(1, DEMO_IMAGE_COUNT);
  const [heroCaption, bodyCaption] = rng.sample(topic.captions ?? text.captions, 2).map((c) => sentence(c, ctx));

  // Extra blocks go between paragraphs; a later insertion may shift an earlier one by a block,
  // which is harmless: none of them has to sit at an exact position.
  if (rng.chance(0.03)) {
    const src = `https://www.youtube.com/embed/${youtubeId(rng)}`;
    blocks.splice(blocks.length - 1, 0, `<figure><iframe src="${src}" width="560" height="315"></iframe></figure>`);
  }
  if (paragraphs.length >= 7 && rng.chance(0.45)) {
    const heads = rng.sample(text.subheads, 2);
    if (paragraphs.length >= 11 && heads[1] && rng.chance(0.5)) {
      blocks.splice(Math.floor((paragraphs.length * 3) / 4), 0, `<h2>${fill(heads[1], ctx)}</h2>`);
    }
    blocks.splice(Math.floor(paragraphs.length / 2), 0, `<h2>${fill(heads[0] as string, ctx)}</h2>`);
  }
  if (blockquote) {
    const quote = fill(blockquote, ctx);
    const cite = `${fill('{official}', ctx)}, ${fill('{role}', ctx)}`;
    blocks.splice(rng.int(2, Math.max(2, blocks.length - 1)), 0, `<blockquote><p>${quote}.</p><cite>${cite}</cite></blockquote>`);
  }
  if (bodyCaption && rng.chance(0.35)) {
    let n = rng.int(1, DEMO_IMAGE_COUNT - 1);
    if (n >= heroNumber) n += 1; // never repeat the hero image in the body
    blocks.splice(
      rng.int(2, 3),
      0,
      `<figure><img src="${imageUrl(n)}" width="1200" height="675" alt="${escapeAttribute(bodyCaption)}">` +
        `<figcaption data-credit="${photographer()}">${bodyCaption}</figcaption></figure>`,
    );
  }

  const hero = heroCaption && rng.chance(0.9) ? { url: imageUrl(heroNumber), caption: heroCaption, credit: photographer() } : null;

  return {
    topic,
    title,
    subtitle,
    excerpt,
    dateline: place.city.toUpperCase(),
    rawHtml: blocks.join('\n'),
    hero,
  };
}
