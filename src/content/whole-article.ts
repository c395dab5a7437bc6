import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { AuthorRow, SectionRow, TagRow } from '../db/types';
import { compiler, preparedRow, slot, type PreparedRead, type Reader } from '../db/prepared';
import { LIST_COLUMNS, recordOf, visibleArticles, type ArticleBody, type ArticleRecord, type Fetched, type ListRow } from './articles';
import { STORED_RELATED_PER_ARTICLE } from './related/scoring';
import { relatedListsOf, relatedQuery, type RelatedRow } from './related/read';

// The article page's own read: one article with everything its page shows (body, section, author,
// tags and, when asked, its related list) in one statement. The record comes back plain; all the
// rest goes alongside to the loaders (src/content/loaders.ts), where the Article fields find it.

export type ArticleKey = { slug: string } | { id: number };

const AUTHOR_OF_ARTICLE = sql<AuthorRow | null>`(select to_json(au) from authors au where au.id = articles.author_id)`.as('author');
const TAGS_OF_ARTICLE = sql<TagRow[]>`coalesce((
  select json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) order by at.position, t.id)
  from article_tags at join tags t on t.id = at.tag_id where at.article_id = articles.id), '[]')`.as('tags');

type WholeRow = ListRow & Pick<ArticleBody, 'body_html' | 'blocks'> & { author: AuthorRow | null; tags: TagRow[]; related?: RelatedRow[] };

function byKey(db: Db, key: 'slug' | 'id') {
  const article = visibleArticles(db).select([...LIST_COLUMNS, 'articles.body_html', 'articles.blocks', AUTHOR_OF_ARTICLE, TAGS_OF_ARTICLE]);
  return key === 'slug' ? article.where('articles.slug', '=', slot<string>('slug')) : article.where('articles.id', '=', slot<number>('id'));
}

/** The same, with the article's first `limit` related articles as a JSON column. */
function withRelated(db: Db, key: 'slug' | 'id', limit: number) {
  return db
    .selectFrom(byKey(db, key).as('x'))
    .selectAll('x')
    .select(
      sql<RelatedRow[]>`(select coalesce(json_agg(rr order by rr.n), '[]'::json) from (${relatedQuery(db, limit, sql.ref<number>('x.id'))}) rr)`.as(
        'related',
      ),
    );
}

// Compiled once per key and related length (src/db/prepared.ts): a handful in practice.
const READS = new Map<string, PreparedRead<Record<string, unknown>, WholeRow | undefined>>();

function readFor(key: 'slug' | 'id', relatedLimit: number | undefined): PreparedRead<Record<string, unknown>, WholeRow | undefined> {
  const name = `${key}:${relatedLimit ?? 0}`;
  let read = READS.get(name);
  if (!read) {
    if (relatedLimit === undefined) read = preparedRow(byKey(compiler, key));
    else if (Number.isInteger(relatedLimit) && relatedLimit >= 1 && relatedLimit <= STORED_RELATED_PER_ARTICLE) {
      read = preparedRow(withRelated(compiler, key, relatedLimit));
    } else throw new RangeError(`related limit must be 1 to ${STORED_RELATED_PER_ARTICLE}; got ${relatedLimit}`);
    READS.set(name, read);
  }
  return read;
}

/**
 * A visible article by slug or id, with its body, section, author and tags alongside, and its
 * first `relatedLimit` related articles when given (a page that shows both). Undefined records:
 * no such visible article.
 */
export async function findWholeArticle(
  reader: Reader,
  key: ArticleKey,
  options: { relatedLimit?: number } = {},
): Promise<Fetched<ArticleRecord | undefined>> {
  const row = await reader.read(readFor('slug' in key ? 'slug' : 'id', options.relatedLimit), key);
  if (!row) return { records: undefined, alongside: {} };
  const { section, author, tags, body_html, blocks, related } = row;
  const article = recordOf(row);
  const sections: SectionRow[] = [section];
  const fetched: Fetched<ArticleRecord> = {
    records: article,
    alongside: {
      sections,
      authors: author ? [author] : [],
      tags: new Map([[article.id, tags]]),
      bodies: [{ id: article.id, body_html, blocks }],
    },
  };
  if (related && options.relatedLimit !== undefined) {
    const lists = relatedListsOf([article.id], related);
    sections.push(...(lists.alongside.sections ?? []));
    fetched.alongside.related = { limit: options.relatedLimit, lists: new Map([[article.id, lists.records[0]!]]) };
  }
  return fetched;
}
