import { Kysely, sql } from 'kysely';

// The content model. Timestamps carry millisecond precision (timestamptz(3)) so that a JavaScript
// Date round-trips exactly, which keyset cursors built from published_at rely on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sections')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('authors')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bio', 'text')
    .addColumn('avatar_url', 'text')
    .execute();

  await db.schema
    .createTable('tags')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('articles')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
    .addColumn('author_id', 'integer', (c) => c.references('authors.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'scheduled', 'published', 'archived')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('excerpt', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('blocks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dateline', 'text')
    .addColumn('hero_image_url', 'text')
    .addColumn('hero_image_caption', 'text')
    .addColumn('hero_image_credit', 'text')
    .addColumn('hero_image_width', 'integer')
    .addColumn('hero_image_height', 'integer')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('canonical_url', 'text', (c) => c.unique())
    .addColumn('source', 'text')
    .addColumn('published_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('articles_published_needs_date', sql`status not in ('published', 'scheduled') or published_at is not null`)
    .execute();

  // Public reads filter on "visible" = published or scheduled, and published_at in the past. The
  // partial indexes carry exactly that status predicate so the planner can use them for keyset scans.
  const visible = sql<boolean>`status in ('published', 'scheduled')`;
  await db.schema
    .createIndex('articles_visible_published_idx')
    .ifNotExists()
    .on('articles')
    .columns(['published_at desc', 'id desc'])
    .where(visible)
    .execute();
  await db.schema
    .createIndex('articles_section_published_idx')
    .ifNotExists()
    .on('articles')
    .columns(['section_id', 'published_at desc', 'id desc'])
    .where(visible)
    .execute();
  await db.schema
    .createIndex('articles_author_published_idx')
    .ifNotExists()
    .on('articles')
    .columns(['author_id', 'published_at desc', 'id desc'])
    .where(visible)
    .execute();

  await db.schema
    .createTable('article_tags')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_tags_pkey', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag_article_idx').ifNotExists().on('article_tags').columns(['tag_id', 'article_id']).execute();

  await db.schema
    .createTable('article_picks')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('related_article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_picks_pkey', ['article_id', 'related_article_id'])
    .addCheckConstraint('article_picks_not_self', sql`article_id <> related_article_id`)
    .execute();

  await db.schema
    .createTable('article_views_hourly')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('hour', 'timestamptz', (c) => c.notNull())
    .addColumn('views', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_views_hourly_pkey', ['article_id', 'hour'])
    .execute();
  // Trending aggregates a time window over all articles; this index serves "hour >= $since".
  await db.schema.createIndex('article_views_hourly_hour_idx').ifNotExists().on('article_views_hourly').columns(['hour', 'article_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['article_views_hourly', 'article_picks', 'article_tags', 'articles', 'tags', 'authors', 'sections']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
