import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import type { Context } from '../context';
import type { AuthorRow, SectionRow, TagRow } from '../db/types';
import {
  findVisibleArticleBodies,
  findVisibleArticlesByIds,
  groupBy,
  listLatestArticlesBySection,
  type ArticleBody,
  type ArticleRecord,
  type Fetched,
} from './articles';
import { findAuthorsByIds, findSectionsByIds, findTagsByIds, listTagsOfArticles } from './taxonomy';
import { listRelatedArticles } from './related/read';
import { findWholeArticle, type ArticleKey } from './whole-article';

// The request's loaders, all in one place. Resolvers ask these for anything that belongs to
// another object (an article's section, author, tags, body, related list; a section's newest
// articles); each loader batches its keys into one read through the request's reader.
//
// Reads often fetch some of that along the way (every list carries each item's section; the
// article page's read brings author, tags, body and related list). primed() hands it to the
// loaders, so the later `load` is answered from memory without SQL. A loader is created on first
// use per context (createContextCache), so nothing outlives its request.

/**
 * A per-request loader: DataLoader's batching, plus what it already holds (primed, or loaded
 * before) answered at once, without a promise. Most of what resolvers ask was primed by the read
 * that fetched their parent; answered synchronously, graphql completes those fields without a
 * round through the microtask queue, which on a page of 25 articles is measurable CPU.
 */
export class Loader<V> {
  private readonly held = new Map<number, V>();
  private readonly batched: DataLoader<number, V>;

  constructor(batch: (keys: readonly number[]) => Promise<V[]>) {
    this.batched = new DataLoader(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, i) => this.prime(key, values[i]!));
      return values;
    });
  }

  /** The value for `key`: at once when held, otherwise through the next batch. */
  load(key: number): V | Promise<V> {
    const held = this.held.get(key);
    return held !== undefined ? held : this.batched.load(key);
  }

  /** Holds `value` for `key`, unless one is held already (as DataLoader's prime does). */
  prime(key: number, value: V): void {
    if (!this.held.has(key)) this.held.set(key, value);
  }
}

/** `use` applied to a loaded value, synchronously when the value is. */
export function whenLoaded<V, R>(value: V | Promise<V>, use: (value: V) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(use) : use(value);
}

/** The values for `keys`, in key order; null where a key found nothing. */
export function inKeyOrder<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

export const articleLoader = createContextCache(
  (ctx: Context) =>
    new Loader<ArticleRecord | null>(async (ids) =>
      inKeyOrder(ids, primed(ctx, await findVisibleArticlesByIds(ctx.reader, ids)), (article) => article.id),
    ),
);

export const sectionLoader = createContextCache(
  (ctx: Context) => new Loader<SectionRow | null>(async (ids) => inKeyOrder(ids, await findSectionsByIds(ctx.reader, ids), (section) => section.id)),
);

export const authorLoader = createContextCache(
  (ctx: Context) => new Loader<AuthorRow | null>(async (ids) => inKeyOrder(ids, await findAuthorsByIds(ctx.reader, ids), (author) => author.id)),
);

export const tagLoader = createContextCache(
  (ctx: Context) => new Loader<TagRow | null>(async (ids) => inKeyOrder(ids, await findTagsByIds(ctx.reader, ids), (tag) => tag.id)),
);

/** Tags of articles, each article's in editorial order; all articles of a request in one read. */
export const articleTagsLoader = createContextCache(
  (ctx: Context) =>
    new Loader<TagRow[]>(async (articleIds) => {
      const byArticle = groupBy(await listTagsOfArticles(ctx.reader, articleIds), (row) => row.article_id);
      return articleIds.map((id) => (byArticle.get(id) ?? []).map(({ article_id: _articleId, ...tag }) => tag));
    }),
);

export const articleBodyLoader = createContextCache(
  (ctx: Context) =>
    new Loader<ArticleBody | null>(async (ids) => inKeyOrder(ids, await findVisibleArticleBodies(ctx.reader, ids), (body) => body.id)),
);

/** One loader per length per request: fields asking for different lengths batch separately. */
function loaderPerLimit<V>(load: (ctx: Context, keys: readonly number[], limit: number) => Promise<V[]>) {
  const loaders = createContextCache(() => new Map<number, Loader<V>>());
  return (ctx: Context, limit: number): Loader<V> => {
    const byLimit = loaders(ctx);
    let loader = byLimit.get(limit);
    if (!loader) {
      loader = new Loader((keys: readonly number[]) => load(ctx, keys, limit));
      byLimit.set(limit, loader);
    }
    return loader;
  };
}

/** Artikel Terkait of articles, the first `limit` of each. */
export const relatedLoader = loaderPerLimit<ArticleRecord[]>(async (ctx, articleIds, limit) =>
  primed(ctx, await listRelatedArticles(ctx.reader, articleIds, limit)),
);

/** The newest `limit` articles of sections (home-page blocks), all sections in one read. */
export const latestOfSectionLoader = loaderPerLimit<ArticleRecord[]>(async (ctx, sectionIds, limit) => {
  const bySection = primed(ctx, await listLatestArticlesBySection(ctx.reader, sectionIds, limit));
  return sectionIds.map((id) => bySection.get(id) ?? []);
});

/** Hands what a read fetched alongside to the loaders, and returns the read's own records. */
export function primed<T>(ctx: Context, fetched: Fetched<T>): T {
  const { sections, authors, tags, bodies, related } = fetched.alongside;
  if (sections?.length) prime(sectionLoader(ctx), sections, (section) => section.id);
  if (authors?.length) prime(authorLoader(ctx), authors, (author) => author.id);
  if (bodies?.length) prime(articleBodyLoader(ctx), bodies, (body) => body.id);
  if (tags) {
    const loader = articleTagsLoader(ctx);
    for (const [articleId, list] of tags) loader.prime(articleId, list);
  }
  if (related) {
    const loader = relatedLoader(ctx, related.limit);
    for (const [articleId, list] of related.lists) loader.prime(articleId, list);
  }
  return fetched.records;
}

function prime<V>(loader: Loader<V | null>, rows: readonly V[], keyOf: (row: V) => number): void {
  for (const row of rows) loader.prime(keyOf(row), row);
}

/**
 * Query.article: one visible article with everything its page shows, read in one statement and
 * handed to the loaders. `relatedLimit`: the related list's length when the page shows one.
 */
export async function loadWholeArticle(ctx: Context, key: ArticleKey, relatedLimit?: number): Promise<ArticleRecord | null> {
  return primed(ctx, await findWholeArticle(ctx.reader, key, { relatedLimit })) ?? null;
}

/** For a key a foreign key guarantees (an article's section): a miss is broken data, and says so. */
export function loadRequired<V>(loader: Loader<V | null>, key: number, what: string): V | Promise<V> {
  return whenLoaded(loader.load(key), (value) => {
    if (value === null) throw new Error(`${what} ${key} not found`);
    return value;
  });
}
