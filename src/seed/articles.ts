import type { ArticleStatus } from '../db/types';
import { prepareArticleBody } from '../content/body';
import { slugify } from '../content/slug';
import type { Catalog } from './catalog';
import { composeArticle } from './compose';
import { articleTimeMs, type StatusPlan } from './plan';
import { Random } from './random';
import { appendViewHistory, emptyViewColumns, peakViews, VIEW_HISTORY_DAYS, type ViewColumns } from './views';
import { AUTHORS, SECTIONS, TAGS, type SectionKey, type SectionSpec } from './vocabulary';

// Builds the rows of one chunk of articles (articles, article_tags, article_picks and view
// history) as column arrays ready for bulk.ts. State carried between chunks is small and bounded:
// the last few published articles of each section, as candidates for editors' picks.

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const PICK_CANDIDATES = 40;
const TAG_COUNT_WEIGHTS = [20, 35, 30, 15]; // 1, 2, 3 or 4 tags

export interface ArticleColumns {
  id: number[];
  slug: string[];
  section_id: number[];
  author_id: number[];
  status: ArticleStatus[];
  title: string[];
  subtitle: Array<string | null>;
  excerpt: string[];
  body_html: string[];
  blocks: string[];
  word_count: number[];
  dateline: string[];
  hero_image_url: Array<string | null>;
  hero_image_caption: Array<string | null>;
  hero_image_credit: Array<string | null>;
  hero_image_width: Array<number | null>;
  hero_image_height: Array<number | null>;
  published_at: Array<string | null>;
  created_at: string[];
  updated_at: string[];
}

export interface ChunkRows {
  articles: ArticleColumns;
  tags: { article_id: number[]; tag_id: number[]; position: number[] };
  picks: { article_id: number[]; related_article_id: number[]; position: number[] };
  views: ViewColumns;
}

interface PickCandidate {
  id: number;
  publishedMs: number;
  mainTagId: number;
}

export interface GeneratorOptions {
  count: number;
  nowMs: number;
  seed: number;
  firstId: number;
  catalog: Catalog;
  plan: StatusPlan;
  /** Caps each article's hourly rows so the whole history stays within the row budget. */
  maxViewRowsPerArticle: number;
}

export function emptyChunk(): ChunkRows {
  const articles = {} as ArticleColumns;
  for (const key of [
    'id',
    'slug',
    'section_id',
    'author_id',
    'status',
    'title',
    'subtitle',
    'excerpt',
    'body_html',
    'blocks',
    'word_count',
    'dateline',
    'hero_image_url',
    'hero_image_caption',
    'hero_image_credit',
    'hero_image_width',
    'hero_image_height',
    'published_at',
    'created_at',
    'updated_at',
  ] as const) {
    (articles as unknown as Record<string, unknown[]>)[key] = [];
  }
  return {
    articles,
    tags: { article_id: [], tag_id: [], position: [] },
    picks: { article_id: [], related_article_id: [], position: [] },
    views: emptyViewColumns(),
  };
}

export class ArticleGenerator {
  // Separate streams: the text can change without moving dates, statuses or views around.
  private readonly textRng: Random;
  private readonly metaRng: Random;
  private readonly timeRng: Random;
  private readonly viewRng: Random;
  private readonly authorsBySection = new Map<SectionKey, number[]>();
  private readonly tagsBySection = new Map<SectionKey, Array<{ name: string; weight: number; pattern: RegExp }>>();
  private readonly recentBySection = new Map<SectionKey, PickCandidate[]>();
  private readonly viewCutoffMs: number;

  constructor(private readonly options: GeneratorOptions) {
    this.textRng = Random.derive(options.seed, 'text');
    this.metaRng = Random.derive(options.seed, 'meta');
    this.timeRng = Random.derive(options.seed, 'time');
    this.viewRng = Random.derive(options.seed, 'views');
    this.viewCutoffMs = options.nowMs - VIEW_HISTORY_DAYS * 24 * HOUR_MS;
    for (const section of SECTIONS) {
      this.authorsBySection.set(
        section.key,
        AUTHORS.flatMap((a, i) => (a.sections.includes(section.key) ? [i] : [])),
      );
      this.tagsBySection.set(
        section.key,
        TAGS.filter((t) => t.section === section.key).map((t) => ({
          name: t.name,
          weight: t.weight,
          pattern: new RegExp(`(^|[^\\w])${t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`),
        })),
      );
      this.recentBySection.set(section.key, []);
    }
  }

  /** Appends the rows of articles with index in [from, to). Must be called with consecutive ranges. */
  append(chunk: ChunkRows, from: number, to: number): void {
    for (let index = from; index < to; index += 1) this.addArticle(index, chunk);
  }

  private addArticle(index: number, chunk: ChunkRows): void {
    const { options, metaRng } = this;
    const id = options.firstId + index;
    const status = options.plan.statusOf(index);
    const section = metaRng.weighted(SECTIONS, (s) => s.weight);
    const dates = this.dates(index, status);
    const composed = composeArticle(this.textRng, section.key, new Date(dates.storyMs));
    const body = prepareArticleBody(composed.rawHtml);
    const authorIndex = metaRng.pick(this.authorsBySection.get(section.key) as number[]);

    const a = chunk.articles;
    a.id.push(id);
    // The base-36 id keeps slugs unique even when two stories share a headline.
    a.slug.push(`${slugify(composed.title)}-${id.toString(36)}`);
    a.section_id.push(options.catalog.sectionIds.get(section.key) as number);
    a.author_id.push(options.catalog.authorIds[authorIndex] as number);
    a.status.push(status);
    a.title.push(composed.title);
    a.subtitle.push(composed.subtitle);
    a.excerpt.push(composed.excerpt);
    a.body_html.push(body.bodyHtml);
    a.blocks.push(JSON.stringify(body.blocks));
    a.word_count.push(body.wordCount);
    a.dateline.push(composed.dateline);
    a.hero_image_url.push(composed.hero?.url ?? null);
    a.hero_image_caption.push(composed.hero?.caption ?? null);
    a.hero_image_credit.push(composed.hero?.credit ?? null);
    a.hero_image_width.push(composed.hero ? 1200 : null);
    a.hero_image_height.push(composed.hero ? 675 : null);
    a.published_at.push(dates.publishedMs === null ? null : new Date(dates.publishedMs).toISOString());
    a.created_at.push(new Date(dates.createdMs).toISOString());
    a.updated_at.push(new Date(dates.updatedMs).toISOString());

    const tagIds = this.chooseTags(section, composed.title, composed.topic.tags);
    tagIds.forEach((tagId, i) => {
      chunk.tags.article_id.push(id);
      chunk.tags.tag_id.push(tagId);
      chunk.tags.position.push(i + 1);
    });

    if (status !== 'published' || dates.publishedMs === null) return;
    this.addPicks(chunk, id, section.key, dates.publishedMs, tagIds[0] as number);
    if (dates.publishedMs >= this.viewCutoffMs) {
      const peak = peakViews(this.viewRng, section.appeal);
      appendViewHistory(chunk.views, id, dates.publishedMs, peak, options.nowMs, options.maxViewRowsPerArticle, this.viewRng);
    }
  }

  /**
   * created <= published <= updated for every article. Scheduled articles get their future
   * publication time as updated_at too: when they go live, "last modified" must not predate
   * "published" in feeds and sitemaps.
   */
  private dates(index: number, status: ArticleStatus) {
    const { nowMs, count } = this.options;
    const rng = this.timeRng;
    const timeMs = articleTimeMs(index, count, nowMs, rng);
    const writingMs = Math.round(rng.float(5 * MINUTE_MS, rng.chance(0.1) ? 30 * HOUR_MS : 6 * HOUR_MS));
    const editMs = rng.chance(0.3) ? Math.round(rng.float(2 * MINUTE_MS, 36 * HOUR_MS)) : 0;
    switch (status) {
      case 'published':
      case 'archived':
        return {
          storyMs: timeMs,
          publishedMs: timeMs,
          createdMs: timeMs - writingMs,
          // Archiving is itself an edit, some days after publication.
          updatedMs: Math.min(nowMs, timeMs + (status === 'archived' ? Math.round(rng.float(2, 20) * 24 * HOUR_MS) : editMs)),
        };
      case 'scheduled': {
        const publishedMs = nowMs + Math.round(rng.float(HOUR_MS, 72 * HOUR_MS));
        return { storyMs: publishedMs, publishedMs, createdMs: Math.min(timeMs, nowMs), updatedMs: publishedMs };
      }
      case 'draft':
        return { storyMs: timeMs, publishedMs: null, createdMs: timeMs, updatedMs: Math.min(nowMs, timeMs + editMs) };
    }
  }

  /**
   * The story's main tag first, then its other topic tags, tags the headline names, and popular
   * tags of the section; 1-4 in all. Weighted picks make a few tags common and most rare.
   */
  private chooseTags(section: SectionSpec, title: string, topicTags: readonly string[]): number[] {
    const rng = this.metaRng;
    const wanted = rng.weightedIndex(TAG_COUNT_WEIGHTS) + 1;
    const names: string[] = [topicTags[0] as string];
    const add = (name: string) => {
      if (names.length < 4 && !names.includes(name)) names.push(name);
    };
    for (const name of topicTags.slice(1)) if (names.length < wanted && rng.chance(0.5)) add(name);
    const sectionTags = this.tagsBySection.get(section.key) ?? [];
    for (const tag of sectionTags) if (tag.pattern.test(title)) add(tag.name);
    for (let guard = 0; names.length < wanted && guard < 10; guard += 1) add(rng.weighted(sectionTags, (t) => t.weight).name);
    return names.map((name) => {
      const tagId = this.options.catalog.tagIds.get(name);
      if (tagId === undefined) throw new Error(`seed: topic tag "${name}" is not in vocabulary TAGS`);
      return tagId;
    });
  }

  /** ~15% of published articles get 1-3 editor's picks: earlier stories of the same desk, same main tag first. */
  private addPicks(chunk: ChunkRows, id: number, section: SectionKey, publishedMs: number, mainTagId: number): void {
    const recent = this.recentBySection.get(section) as PickCandidate[];
    const rng = this.metaRng;
    if (rng.chance(0.15)) {
      const earlier = rng.shuffle(recent.filter((c) => c.publishedMs < publishedMs));
      earlier.sort((x, y) => Number(y.mainTagId === mainTagId) - Number(x.mainTagId === mainTagId));
      earlier.slice(0, rng.int(1, 3)).forEach((candidate, i) => {
        chunk.picks.article_id.push(id);
        chunk.picks.related_article_id.push(candidate.id);
        chunk.picks.position.push(i + 1);
      });
    }
    recent.push({ id, publishedMs, mainTagId });
    if (recent.length > PICK_CANDIDATES) recent.shift();
  }
}
