import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import type { SectionRow } from '../../db/types';
import { compiler, preparedListByLimit, slot, type Reader } from '../../db/prepared';
import { LIST_COLUMNS, recordOf, visibleArticles, type ArticleRecord, type Fetched, type ListRow } from '../articles';
import { isVisible } from '../visibility';

// Artikel Terkait, the hot read: editors' picks first, in their order; then the stored candidates
// (./scoring.ts) by rank. Only visible articles, never the article itself, each candidate once.

/** A related article as the read returns it: which article it belongs to, and its place there. */
export type RelatedRow = ListRow & { for_id: number; n: number };

/**
 * The related rows of the articles named by `of`: an array of ids, one id, or an SQL expression
 * (a column of an enclosing query). One article (an article page) compares with a scalar:
 * PostgreSQL then keeps one plan for the statement instead of planning it on every call, as it
 * does for an array of unknown length.
 */
export function relatedQuery(db: Db, limit: number, of: 'ids' | 'id' | RawBuilder<number>) {
  const ids = of === 'ids' ? sql`any(${slot<number[]>('ids')}::int[])` : of === 'id' ? sql`${slot<number>('id')}::int` : of;
  // Which articles, in which order, first; only the `limit` shown per article are then read whole.
  const picked = sql<{ for_id: number; rel_id: number; n: number }>`(
    select w.for_id, w.rel_id, row_number() over (partition by w.for_id order by w.origin, w.ord) as n
    from (
      -- Each candidate once, where it ranks best: an editor's pick before the same article as a stored candidate.
      select distinct on (for_id, rel_id) for_id, rel_id, origin, ord from (
        select article_id as for_id, related_article_id as rel_id, 0 as origin, position as ord
        from article_picks where article_id = ${ids}
        union all
        select article_id, related_article_id, 1, rank
        from article_related where article_id = ${ids}
      ) candidates
      where rel_id <> for_id
      order by for_id, rel_id, origin, ord
    ) w
    join articles v on v.id = w.rel_id and ${isVisible('v')}
  )`;
  return visibleArticles(db)
    .innerJoin(picked.as('picked'), (join) => join.onRef('picked.rel_id', '=', 'articles.id'))
    .select([...LIST_COLUMNS, 'picked.for_id', 'picked.n'])
    .where('picked.n', '<=', sql.lit(limit));
}

// Every article page asks for its related list: compiled once (src/db/prepared.ts).
const RELATED = preparedListByLimit<{ ids: number[] }, RelatedRow>((limit) => relatedQuery(compiler, limit, 'ids'), 'r.for_id, r.n');
const RELATED_OF_ONE = preparedListByLimit<{ id: number }, RelatedRow>((limit) => relatedQuery(compiler, limit, 'id'), 'r.n');

/**
 * Turns related rows (ordered by article, then place) into one list per article of `articleIds`,
 * in that order; the sections of the related articles come alongside.
 */
export function relatedListsOf(articleIds: readonly number[], rows: readonly RelatedRow[]): Fetched<ArticleRecord[][]> {
  const sections = new Map<number, SectionRow>();
  const byArticle = new Map<number, ArticleRecord[]>();
  for (const row of rows) {
    sections.set(row.section.id, row.section);
    const article = recordOf(row);
    const list = byArticle.get(row.for_id);
    if (list) list.push(article);
    else byArticle.set(row.for_id, [article]);
  }
  return { records: articleIds.map((id) => byArticle.get(id) ?? []), alongside: { sections: [...sections.values()] } };
}

/**
 * Related articles of many articles in one statement, at most `limit` each, in key order. Only the
 * rows that are shown leave the database (a page asks for 5 of up to 20 stored).
 */
export async function listRelatedArticles(reader: Reader, articleIds: readonly number[], limit: number): Promise<Fetched<ArticleRecord[][]>> {
  if (articleIds.length === 0) return { records: [], alongside: {} };
  const rows =
    articleIds.length === 1
      ? await reader.read(RELATED_OF_ONE(limit), { id: articleIds[0]! })
      : await reader.read(RELATED(limit), { ids: [...articleIds] });
  return relatedListsOf(articleIds, rows);
}
