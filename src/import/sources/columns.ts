import type { SourceArticle } from '../types';

// CSV and JSON Lines records are flat key/value rows; a column mapping says which key holds which
// field. The defaults fit the shared corpus (title,source,date,time,category,sub-category,content,url).

export const COLUMN_FIELDS = [
  'title',
  'subtitle',
  'excerpt',
  'body',
  'url',
  'date',
  'time',
  'category',
  'subCategory',
  'tags',
  'author',
  'image',
  'slug',
  'source',
  'status',
] as const;

export type ColumnField = (typeof COLUMN_FIELDS)[number];
export type ColumnMapping = Record<ColumnField, string>;

export const DEFAULT_COLUMNS: ColumnMapping = {
  title: 'title',
  subtitle: 'subtitle',
  excerpt: 'excerpt',
  body: 'content',
  url: 'url',
  date: 'date',
  time: 'time',
  category: 'category',
  subCategory: 'sub-category',
  tags: 'tags',
  author: 'author',
  image: 'image',
  slug: 'slug',
  source: 'source',
  status: 'status',
};

/** Fields a file must have a column for; the others are used when present. */
export const REQUIRED_COLUMNS: readonly ColumnField[] = ['title', 'url', 'date', 'body'];

export class ImportFileError extends Error {}

/** Parses "body=isi,url=link" into a mapping over the defaults. */
export function parseColumnMapping(spec: string | undefined): ColumnMapping {
  const mapping = { ...DEFAULT_COLUMNS };
  if (!spec) return mapping;
  for (const pair of spec.split(',')) {
    const [field, column] = pair.split('=').map((s) => s.trim());
    if (!field || !column || !(COLUMN_FIELDS as readonly string[]).includes(field)) {
      throw new ImportFileError(`--map expects field=column pairs separated by commas, fields: ${COLUMN_FIELDS.join(', ')}; got "${pair}"`);
    }
    mapping[field as ColumnField] = column;
  }
  return mapping;
}

/** Throws when a required field has no column among `columns` (the CSV header). */
export function checkColumns(columns: readonly string[], mapping: ColumnMapping, file: string): void {
  const missing = REQUIRED_COLUMNS.filter((field) => !columns.includes(mapping[field]));
  if (missing.length > 0) {
    throw new ImportFileError(
      `${file}: no column for ${missing.map((f) => `${f} ("${mapping[f]}")`).join(', ')}; the columns are ${columns.join(', ')}. ` +
        'Name them with --map field=column.',
    );
  }
}

function value(record: Record<string, unknown>, column: string): string | null {
  // JSON Lines may nest: "author.name".
  let current: unknown = record;
  for (const key of column in record ? [column] : column.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[key];
  }
  if (current === null || current === undefined) return null;
  if (Array.isArray(current)) return current.map(String).join(', ');
  return typeof current === 'object' ? null : String(current);
}

function list(text: string | null): string[] {
  return text
    ? text
        .split(/[,;|]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

export function recordToSource(record: Record<string, unknown>, mapping: ColumnMapping): SourceArticle {
  const get = (field: ColumnField) => value(record, mapping[field]);
  const category = get('category');
  const subCategory = get('subCategory');
  const tags = list(get('tags'));
  // A sub-category that differs from its category is kept as a tag, so it can still be browsed.
  if (subCategory && category && subCategory.trim().toLowerCase() !== category.trim().toLowerCase()) tags.push(subCategory);
  const author = get('author');
  const image = get('image');
  return {
    url: get('url'),
    title: get('title'),
    subtitle: get('subtitle'),
    excerpt: get('excerpt'),
    body: get('body'),
    bodyFormat: 'auto',
    date: get('date'),
    time: get('time'),
    categories: category ? [category] : [],
    tags,
    author: author ? { name: author } : null,
    status: get('status'),
    slug: get('slug'),
    source: get('source'),
    heroImage: image && /^https?:\/\//i.test(image.trim()) ? { url: image.trim() } : null,
  };
}
