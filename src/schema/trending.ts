import { builder } from './builder';
import { ArticleRef, SectionRef } from './refs';
import { badUserInput } from './errors';
import { articleKeyOf, checkCount, listComplexity, sectionIdForSlug } from './arguments';
import type { ArticleRecord } from '../content/articles';
import { articleLoader } from '../content/loaders';
import type { Context } from '../context';
import { TRENDING_LIST_SIZE, TRENDING_WINDOWS, type TrendingEntry, type TrendingWindowName } from '../trending/trending';
import { MAX_SLUG_LENGTH, UnknownArticleError, type ViewTarget } from '../trending/views';

// Terpopuler (Query.trending, Section.trending) and the recordView mutation. Lists come from the
// in-memory TrendingStore (no aggregation here); their articles go through the Article loader, so
// an article withdrawn since the last computation drops out at once and the ranks close up.

const DEFAULT_FIRST = 10;
/** Entries looked up beyond "first", in case some were withdrawn since the list was computed. */
const SPARE_ENTRIES = 5;

export const TrendingWindowEnum = builder.enumType('TrendingWindow', {
  description:
    'Time window of a Terpopuler list, after the NYT Most Popular convention. Views are counted per hour, so a window also covers the current, unfinished hour.',
  values: {
    HOUR: { value: 'HOUR' as const, description: TRENDING_WINDOWS.HOUR.description },
    DAY: { value: 'DAY' as const, description: TRENDING_WINDOWS.DAY.description },
    WEEK: { value: 'WEEK' as const, description: TRENDING_WINDOWS.WEEK.description },
    MONTH: { value: 'MONTH' as const, description: TRENDING_WINDOWS.MONTH.description },
  },
});

interface TrendingItemShape {
  rank: number;
  article: ArticleRecord;
  views: number;
  score: number;
}

interface TrendingShape {
  window: TrendingWindowName;
  generatedAt: Date;
  since: Date;
  items: TrendingItemShape[];
}

const TrendingItemRef = builder.objectRef<TrendingItemShape>('TrendingItem').implement({
  description: 'One entry of a Terpopuler list.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Position in the list, 1 for the most popular.' }),
    article: t.field({ type: ArticleRef, description: 'The article.', resolve: (item) => item.article }),
    views: t.exposeInt('views', { description: 'Views counted in the window (bots excluded).' }),
    score: t.exposeFloat('score', {
      description: "Ranking score: the window's views, each weighted by 2^(-age / half-life) of the window. Comparable only within one list.",
    }),
  }),
});

const TrendingRef = builder.objectRef<TrendingShape>('Trending').implement({
  description: 'Terpopuler: the most read articles of a time window, recomputed in the background every minute or so.',
  fields: (t) => ({
    window: t.field({ type: TrendingWindowEnum, description: 'The time window of this list.', resolve: (list) => list.window }),
    generatedAt: t.field({ type: 'DateTime', description: 'When the list was computed.', resolve: (list) => list.generatedAt }),
    since: t.field({ type: 'DateTime', description: 'Views from this instant on (the start of an hour) count.', resolve: (list) => list.since }),
    items: t.field({
      type: [TrendingItemRef],
      description: 'The articles, most popular first; only published articles ever appear.',
      // The parent field already multiplies by "first".
      complexity: { field: 1, multiplier: 1 },
      resolve: (list) => list.items,
    }),
  }),
});

function checkFirst(value: number): number {
  return checkCount(value, { argument: 'first', max: TRENDING_LIST_SIZE, why: `Terpopuler keeps the top ${TRENDING_LIST_SIZE} of each list` });
}

function trendingComplexity(args: { first?: number | null }) {
  return listComplexity(args.first, DEFAULT_FIRST, TRENDING_LIST_SIZE);
}

/** The first `first` entries whose article is visible now, ranked 1…n without gaps. */
async function visibleItems(ctx: Context, entries: readonly TrendingEntry[], first: number): Promise<TrendingItemShape[]> {
  const loader = articleLoader(ctx);
  const items: TrendingItemShape[] = [];
  let offset = 0;
  while (items.length < first && offset < entries.length) {
    // A few spares, so an article withdrawn since the last computation rarely costs a second batch.
    const batch = entries.slice(offset, offset + first - items.length + SPARE_ENTRIES);
    offset += batch.length;
    // load, not loadMany: a failed batch (the database away) rejects here, whatever realm the
    // error was made in, instead of arriving as an array element that merely looks like an Error.
    const articles = await Promise.all(batch.map((entry) => loader.load(entry.articleId)));
    batch.forEach((entry, index) => {
      const article = articles[index];
      if (article && items.length < first) {
        items.push({ rank: items.length + 1, article, views: entry.views, score: entry.score });
      }
    });
  }
  return items;
}

async function resolveTrending(ctx: Context, window: TrendingWindowName, sectionId: number | null, first: number): Promise<TrendingShape> {
  const list = await ctx.trending.get(window, sectionId);
  const items = first === 0 ? [] : await visibleItems(ctx, list.entries, first);
  return { window, generatedAt: list.generatedAt, since: list.since, items };
}

builder.queryFields((t) => ({
  trending: t.field({
    type: TrendingRef,
    description: 'Terpopuler: the most read published articles of a time window, site-wide or of one section.',
    args: {
      window: t.arg({ type: TrendingWindowEnum, required: true, description: 'HOUR, DAY, WEEK or MONTH.' }),
      section: t.arg.string({ description: 'Only this section (slug).' }),
      first: t.arg.int({ defaultValue: DEFAULT_FIRST, description: `How many, 0 to ${TRENDING_LIST_SIZE}.` }),
    },
    complexity: trendingComplexity,
    resolve: async (_root, args, ctx) => {
      const first = checkFirst(args.first ?? DEFAULT_FIRST);
      const sectionId = args.section != null ? await sectionIdForSlug(ctx, args.section) : null;
      return resolveTrending(ctx, args.window, sectionId, first);
    },
  }),
}));

builder.objectField(SectionRef, 'trending', (t) =>
  t.field({
    type: TrendingRef,
    description: 'Terpopuler of this section: its most read published articles of a time window.',
    args: {
      window: t.arg({ type: TrendingWindowEnum, required: true, description: 'HOUR, DAY, WEEK or MONTH.' }),
      first: t.arg.int({ defaultValue: DEFAULT_FIRST, description: `How many, 0 to ${TRENDING_LIST_SIZE}.` }),
    },
    complexity: trendingComplexity,
    resolve: (section, args, ctx) => resolveTrending(ctx, args.window, section.id, checkFirst(args.first ?? DEFAULT_FIRST)),
  }),
);

interface RecordViewShape {
  /** Null while the database is away: the view is kept and counted later. */
  articleId: number | null;
  counted: boolean;
}

const RecordViewPayload = builder.objectRef<RecordViewShape>('RecordViewPayload').implement({
  description: 'The outcome of recordView.',
  fields: (t) => ({
    counted: t.exposeBoolean('counted', {
      description:
        'True when the view was counted; false when the request came from a known bot (or sent no User-Agent), repeated a view of the same reader within the counting window, or arrived while the database was away (it is then counted once the database is back).',
    }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'The article the view was recorded for (null if it was withdrawn in the meantime).',
      resolve: (payload, _args, ctx) => (payload.articleId === null ? null : articleLoader(ctx).load(payload.articleId)),
    }),
  }),
});

builder.mutationType({ description: "Writes that readers' pages send." });

builder.mutationFields((t) => ({
  recordView: t.field({
    type: RecordViewPayload,
    description:
      "Counts one page view of a published article, given by slug or by global id (exactly one). Views are buffered and written every few seconds; requests whose User-Agent is a known bot are not counted. A server recording on behalf of a reader should forward the reader's User-Agent. Browsers can use POST /views with navigator.sendBeacon instead.",
    args: {
      slug: t.arg.string({ description: "The article's slug." }),
      id: t.arg.globalID({ for: ArticleRef, description: "The article's global id." }),
    },
    resolve: async (_root, args, ctx) => {
      const key = articleKeyOf(args, 'recordView');
      if ('slug' in key && (key.slug.length === 0 || key.slug.length > MAX_SLUG_LENGTH)) {
        throw badUserInput(`"slug" must be 1 to ${MAX_SLUG_LENGTH} characters long.`, { argument: 'slug' });
      }
      const target: ViewTarget = 'slug' in key ? key : { articleId: key.id };
      try {
        const outcome = await ctx.views.record(target, ctx.request?.headers.get('user-agent'), new Date(), ctx.client);
        return 'parked' in outcome ? { articleId: null, counted: false } : outcome;
      } catch (error) {
        if (error instanceof UnknownArticleError) {
          throw badUserInput(error.message, { argument: args.slug != null ? 'slug' : 'id' });
        }
        throw error;
      }
    },
  }),
}));
