import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase, type OpenDatabase } from '../db/connect';
import { sql } from 'kysely';
import { refreshStaleRelated } from '../content/related';
import { migrateToLatest } from '../db/migrate';
import { seedDemoComments } from '../seed/comments';
import { countArticles, DEFAULT_RANDOM_SEED, DEMO_ARTICLE_COUNT, resetContent, seedDemoPublication, type SeedSummary } from '../seed';

// npm run seed -- [--articles N] [--reset] [--seed S]
// Fills the database with the demo publication. Refuses to add to existing content unless told to
// replace it, so a mistyped DATABASE_URL cannot quietly mix demo articles into real ones.

const MAX_ARTICLES = 1_000_000;

const USAGE = `Usage: npm run seed -- [--articles N] [--reset] [--seed S]

  --articles N   number of articles to generate, 1 to ${MAX_ARTICLES} (default ${DEMO_ARTICLE_COUNT})
  --reset        delete all existing content (sections, authors, tags, articles, views) first
  --seed S       random seed, 0 to 4294967295 (default ${DEFAULT_RANDOM_SEED}); same seed, same content
  --help         show this help`;

class UsageError extends Error {}

interface SeedArguments {
  articles: number;
  reset: boolean;
  seed: number;
  help: boolean;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be from ${min} to ${max}; got ${raw}`);
  return value;
}

export function parseSeedArguments(argv: string[]): SeedArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        articles: { type: 'string' },
        reset: { type: 'boolean', default: false },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  return {
    articles: parseInteger('articles', values.articles, DEMO_ARTICLE_COUNT, 1, MAX_ARTICLES),
    reset: values.reset ?? false,
    seed: parseInteger('seed', values.seed, DEFAULT_RANDOM_SEED, 0, 0xffffffff),
    help: values.help ?? false,
  };
}

function formatSummary(summary: SeedSummary): string {
  const a = summary.articles;
  return [
    `sections ${summary.sections}, authors ${summary.authors}, tags ${summary.tags}`,
    `articles ${a.total}: published ${a.published}, scheduled ${a.scheduled}, draft ${a.draft}, archived ${a.archived}`,
    `article tags ${summary.articleTags}, editor picks ${summary.picks}, hourly view rows ${summary.viewRows}`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  let args: SeedArguments;
  try {
    args = parseSeedArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`seed: ${error.message}\n\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  let database: OpenDatabase | null = null;
  try {
    database = await openDatabase(loadConfig(), { log: console.log });
    const { db } = database;
    await migrateToLatest(db);
    const existing = await countArticles(db);
    if (existing > 0 && !args.reset) {
      console.error(`seed: database already holds ${existing} articles; pass --reset to replace all content`);
      return 1;
    }
    const started = performance.now();
    const summary = await db.transaction().execute(async (trx) => {
      // Reset and reseed commit together: an interrupted run leaves the old content in place.
      if (args.reset) await resetContent(trx);
      const seeded = await seedDemoPublication(trx, { articles: args.articles, randomSeed: args.seed, log: console.log });
      console.log(`comments: ${JSON.stringify(await seedDemoComments(trx, { randomSeed: args.seed }))}`);
      return seeded;
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${formatSummary(summary)}\nseeded in ${seconds} s${args.reset && existing > 0 ? ` (replaced ${existing} articles)` : ''}`);
    // Fresh statistics before anything reads: the planner otherwise misjudges the new rows badly.
    await sql`analyze`.execute(db);
    const relatedStarted = performance.now();
    const related = await refreshStaleRelated(db, { batchSize: 1000 });
    console.log(`related articles computed for ${related} articles in ${((performance.now() - relatedStarted) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`seed: failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
