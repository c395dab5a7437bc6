import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { ArticleStatus } from '../db/types';
import { setImmediate as nextTick } from 'node:timers/promises';
import { ArticleGenerator, emptyChunk, type ChunkRows } from './articles';
import { insertColumns, insertColumnsInBatches, type Column } from './bulk';
import { upsertCatalog } from './catalog';
import { articlesWithinDays, planStatuses } from './plan';
import { Random } from './random';
import { VIEW_HISTORY_DAYS } from './views';

// The demo publication generator: a deterministic Indonesian news site (sections, authors, tags,
// articles, editors' picks and hourly view history) for development, demos and benchmarks.

export const DEFAULT_RANDOM_SEED = 20_261_125;

/** Articles of the demo publication: enough for every section page, search and Terpopuler to look real. */
export const DEMO_ARTICLE_COUNT = 320;
/** Articles generated and inserted per round trip; keeps memory flat at any total. */
const CHUNK_SIZE = 500;
/** Generation hands the event loop back this often so the previous chunk's inserts keep flowing. */
const YIELD_EVERY = 25;
const VIEW_ROWS_PER_STATEMENT = 20_000;
/** Total hourly view rows the whole seed may produce: about 2.5M even for 100,000 articles. */
const VIEW_ROW_BUDGET = 2_500_000;
/** Below the budget, an article keeps its full 30 days of hourly history. */
const MAX_VIEW_ROWS_PER_ARTICLE = VIEW_HISTORY_DAYS * 24;

export interface SeedOptions {
  articles: number;
  /** Reference "now"; the archive ends here. Same seed and now => same content. */
  now?: Date;
  randomSeed?: number;
  log?: (message: string) => void;
}

export interface SeedSummary {
  sections: number;
  authors: number;
  tags: number;
  articles: Record<ArticleStatus, number> & { total: number };
  articleTags: number;
  picks: number;
  viewRows: number;
}

const CONTENT_TABLES = ['article_views_hourly', 'article_picks', 'article_tags', 'articles', 'tags', 'authors', 'sections'];

export async function countArticles(db: Db): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Empties every content table and restarts their id sequences. */
export async function resetContent(db: Db): Promise<void> {
  await sql`truncate table ${sql.join(CONTENT_TABLES.map((t) => sql.table(t)))} restart identity cascade`.execute(db);
}

function articleColumns(rows: ChunkRows['articles']): Column[] {
  const c = (name: keyof typeof rows, type: string): Column => ({ name, type, values: rows[name] });
  return [
    c('id', 'int4'),
    c('slug', 'text'),
    c('section_id', 'int4'),
    c('author_id', 'int4'),
    c('status', 'text'),
    c('title', 'text'),
    c('subtitle', 'text'),
    c('excerpt', 'text'),
    c('body_html', 'text'),
    c('blocks', 'jsonb'),
    c('word_count', 'int4'),
    c('dateline', 'text'),
    c('hero_image_url', 'text'),
    c('hero_image_caption', 'text'),
    c('hero_image_credit', 'text'),
    c('hero_image_width', 'int4'),
    c('hero_image_height', 'int4'),
    c('published_at', 'timestamptz'),
    c('created_at', 'timestamptz'),
    c('updated_at', 'timestamptz'),
    { name: 'language', type: 'text', values: rows.id.map(() => 'id') },
    { name: 'source', type: 'text', values: rows.id.map(() => 'kabar-demo') },
  ];
}

async function insertChunk(db: Db, chunk: ChunkRows): Promise<void> {
  await insertColumns(db, 'articles', articleColumns(chunk.articles));
  const { tags, picks, views } = chunk;
  await insertColumns(db, 'article_tags', [
    { name: 'article_id', type: 'int4', values: tags.article_id },
    { name: 'tag_id', type: 'int4', values: tags.tag_id },
    { name: 'position', type: 'int4', values: tags.position },
  ]);
  await insertColumns(db, 'article_picks', [
    { name: 'article_id', type: 'int4', values: picks.article_id },
    { name: 'related_article_id', type: 'int4', values: picks.related_article_id },
    { name: 'position', type: 'int4', values: picks.position },
  ]);
  await insertColumnsInBatches(
    db,
    'article_views_hourly',
    [
      { name: 'article_id', type: 'int4', values: views.articleIds },
      { name: 'hour', type: 'timestamptz', values: views.hours },
      { name: 'views', type: 'int8', values: views.views },
    ],
    VIEW_ROWS_PER_STATEMENT,
  );
}

async function generateChunk(generator: ArticleGenerator, from: number, to: number): Promise<ChunkRows> {
  const chunk = emptyChunk();
  for (let start = from; start < to; start += YIELD_EVERY) {
    generator.append(chunk, start, Math.min(to, start + YIELD_EVERY));
    await nextTick();
  }
  return chunk;
}

/**
 * Generates the demo publication into `db`, in one transaction (or inside the caller's, when `db`
 * is a transaction, so a reset and a reseed can commit together). Existing sections, authors and
 * tags are reused by slug; article ids continue after the highest existing one.
 */
export async function seedDemoPublication(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const count = options.articles;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`articles must be a positive integer; got ${count}`);
  const nowMs = (options.now ?? new Date()).getTime();
  const seed = (options.randomSeed ?? DEFAULT_RANDOM_SEED) >>> 0;
  const log = options.log ?? (() => {});

  const run = async (trx: Db): Promise<SeedSummary> => {
    const catalog = await upsertCatalog(trx);
    const maxRow = await trx
      .selectFrom('articles')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    const firstId = (maxRow?.max ?? 0) + 1;
    const plan = planStatuses(count, Random.derive(seed, 'status'));
    const recent = articlesWithinDays(VIEW_HISTORY_DAYS, count);
    const generator = new ArticleGenerator({
      count,
      nowMs,
      seed,
      firstId,
      catalog,
      plan,
      maxViewRowsPerArticle: Math.max(24, Math.min(MAX_VIEW_ROWS_PER_ARTICLE, Math.floor(VIEW_ROW_BUDGET / recent))),
    });

    const totals = { articleTags: 0, picks: 0, viewRows: 0 };
    let nextReport = 0.1;
    // Node generates chunk n+1 while PostgreSQL inserts chunk n: on a small machine the two
    // together take little longer than the slower of them. The catch() only marks the rejection
    // as handled until the await below rethrows it.
    let inserting: Promise<void> = Promise.resolve();
    for (let from = 0; from < count; from += CHUNK_SIZE) {
      const to = Math.min(count, from + CHUNK_SIZE);
      const chunk = await generateChunk(generator, from, to);
      await inserting;
      inserting = insertChunk(trx, chunk);
      inserting.catch(() => {});
      totals.articleTags += chunk.tags.article_id.length;
      totals.picks += chunk.picks.article_id.length;
      totals.viewRows += chunk.views.articleIds.length;
      if (to / count >= nextReport || to === count) {
        log(`seed: generated ${to}/${count} articles, ${totals.viewRows} hourly view rows`);
        while (nextReport <= to / count) nextReport += 0.1;
      }
    }
    await inserting;
    // Ids were assigned explicitly, so the identity sequence must be moved past them.
    await sql`select setval(pg_get_serial_sequence('articles', 'id'), (select max(id) from articles))`.execute(trx);

    return {
      sections: catalog.sectionIds.size,
      authors: catalog.authorIds.length,
      tags: catalog.tagIds.size,
      articles: { total: count, ...plan.counts },
      ...totals,
    };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
