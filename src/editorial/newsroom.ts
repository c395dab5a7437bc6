import type { EditorialDb } from './tables';
import type { EditableArticle } from './articles';

// The newsroom's article list: every status, last changed first.

export interface NewsroomFilter {
  statuses?: string[];
  section?: string;
  authorId?: number;
  search?: string;
  limit: number;
  offset: number;
}

export function listNewsroomArticles(db: EditorialDb, filter: NewsroomFilter): Promise<EditableArticle[]> {
  let query = db.selectFrom('articles').selectAll('articles');
  if (filter.statuses?.length) query = query.where('articles.status', 'in', filter.statuses as EditableArticle['status'][]);
  if (filter.section) query = query.where('articles.section_id', 'in', db.selectFrom('sections').select('id').where('slug', '=', filter.section));
  if (filter.authorId !== undefined) query = query.where('articles.author_id', '=', filter.authorId);
  if (filter.search) query = query.where('articles.title', 'ilike', `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return query.orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}
