import { prepareArticleBody, stripControlCharacters, type PreparedBody } from '../content/body';
import { slugify } from '../content/slug';
import { badField } from './errors';
import type { EditorialDb } from './tables';

// Validation of article input: every problem is a BAD_USER_INPUT whose message and
// extensions.field name the field. The body goes through the importer's sanitiser
// (src/content/body.ts), so an article written here and one imported look the same to readers.

export interface HeroImageInput {
  url: string;
  width?: number | null;
  height?: number | null;
  caption?: string | null;
  credit?: string | null;
}

export interface ArticleInput {
  title?: string | null;
  section?: string | null;
  bodyHtml?: string | null;
  subtitle?: string | null;
  excerpt?: string | null;
  dateline?: string | null;
  tags?: string[] | null;
  heroImage?: HeroImageInput | null;
  slug?: string | null;
}

export interface InputLimits {
  maxBodyBytes: number;
}

/** Column values to write; undefined: leave as it is. */
export interface ArticlePatch {
  title?: string;
  section_id?: number;
  body?: PreparedBody;
  subtitle?: string | null;
  excerpt?: string | null;
  dateline?: string | null;
  tags?: string[];
  hero?: HeroImageInput | null;
  slug?: string;
}

const MAX_TAGS = 20;

function text(field: string, value: string | null | undefined, max: number, required: boolean): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) {
    if (required) throw badField(field, 'cannot be null.');
    return null;
  }
  const clean = stripControlCharacters(value).replace(/\s+/g, ' ').trim();
  if (required && !clean) throw badField(field, 'must not be empty.');
  if (clean.length > max) throw badField(field, `must be at most ${max} characters; got ${clean.length}.`);
  return clean || null;
}

function dimension(field: string, value: number | null | undefined): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 1 || value > 20_000) throw badField(field, 'must be a whole number of pixels from 1 to 20000.');
  return value;
}

function heroImage(value: HeroImageInput | null | undefined): HeroImageInput | null | undefined {
  if (value == null) return value;
  let url: URL | null = null;
  try {
    url = new URL(value.url);
  } catch {
    url = null;
  }
  // Site-relative paths are allowed too (the demo's media), like the importer's.
  const relative = /^\/[^/]/.test(value.url);
  if (!relative && (!url || !/^https?:$/.test(url.protocol))) throw badField('heroImage.url', 'must be an http(s) URL or a path starting with "/".');
  return {
    url: value.url,
    width: dimension('heroImage.width', value.width),
    height: dimension('heroImage.height', value.height),
    caption: text('heroImage.caption', value.caption, 500, false) ?? null,
    credit: text('heroImage.credit', value.credit, 200, false) ?? null,
  };
}

function tags(value: string[] | null | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (value === null) return [];
  const names = new Map<string, string>();
  for (const raw of value) {
    const name = text('tags', raw, 60, true)!;
    if (!slugify(name)) throw badField('tags', `has "${raw}", which has no letters or digits.`);
    if (!names.has(slugify(name))) names.set(slugify(name), name);
  }
  if (names.size > MAX_TAGS) throw badField('tags', `may name at most ${MAX_TAGS} tags; got ${names.size}.`);
  return [...names.values()];
}

async function sectionId(db: EditorialDb, slug: string | null | undefined, required: boolean): Promise<number | undefined> {
  if (slug === undefined && !required) return undefined;
  if (slug == null) throw badField('section', 'is required: pass the slug of a section.');
  const row = await db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst();
  if (row) return row.id;
  const known = (await db.selectFrom('sections').select('slug').orderBy('position').orderBy('id').execute()).map((s) => s.slug);
  throw badField('section', `names an unknown section "${slug}". Known sections: ${known.join(', ')}.`);
}

function body(value: string | null | undefined, limits: InputLimits, required: boolean): PreparedBody | undefined {
  if (value === undefined && !required) return undefined;
  if (value == null) throw badField('bodyHtml', 'is required (it may be an empty string for a draft).');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > limits.maxBodyBytes) throw badField('bodyHtml', `must be at most ${limits.maxBodyBytes} bytes; got ${bytes}.`);
  return prepareArticleBody(value);
}

function slug(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) || value.length > 120) {
    throw badField('slug', 'must be lower-case letters and digits separated by single hyphens, at most 120 characters.');
  }
  return value;
}

/** Validates a create (title, section and bodyHtml required) or an update (all optional). */
export async function validateArticleInput(db: EditorialDb, input: ArticleInput, limits: InputLimits, creating: boolean): Promise<ArticlePatch> {
  const patch: ArticlePatch = {
    title: text('title', input.title, 300, creating || input.title !== undefined) ?? undefined,
    subtitle: text('subtitle', input.subtitle, 500, false),
    excerpt: text('excerpt', input.excerpt, 1000, false),
    dateline: text('dateline', input.dateline, 100, false),
    tags: tags(input.tags),
    hero: heroImage(input.heroImage),
    slug: slug(input.slug),
    body: body(input.bodyHtml, limits, creating),
    section_id: await sectionId(db, input.section, creating),
  };
  if (creating && patch.title === undefined) throw badField('title', 'must not be empty.');
  return patch;
}
