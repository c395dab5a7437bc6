import http from 'node:http';
import pg from 'pg';

// The floor: node:http and pg, one hand-written, prepared SQL statement per page that builds the
// whole answer as JSON in PostgreSQL, and JSON.stringify. No GraphQL, no validation, no resolvers: what this
// work costs on this machine when nothing else is in the way. Same data as Kabar's operations
// (visibility rule, related order, precomputed Terpopuler, keyset paging, search ranking).
//
//   BENCH_DATABASE_URL=postgres://… PORT=4102 DB_POOL_SIZE=10 node --import tsx bench/servers/raw.ts
//
// GET /article?slug=…                 the ArticlePage operation
// GET /home                           the HomePage operation
// GET /section?slug=…&after=<ms>:<id> the SectionPage operation (keyset cursor)
// GET /search?q=…                     the Search operation's first page

const connectionString = process.env.BENCH_DATABASE_URL;
if (!connectionString) throw new Error('BENCH_DATABASE_URL is required');
const port = Number(process.env.PORT ?? 4102);
const pool = new pg.Pool({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10), application_name: 'kabar-bench-raw' });
pool.on('error', () => undefined);

const VISIBLE = (alias: string) => `${alias}.status in ('published', 'scheduled') and ${alias}.published_at <= now()`;
const URL_OF = (alias: string) =>
  `coalesce(${alias}.canonical_url, 'http://localhost:4000/read/' || to_char(${alias}.published_at at time zone 'Asia/Jakarta', 'YYYY/MM/DD') || '/' || ${alias}.slug)`;
const HERO = (alias: string) =>
  `case when ${alias}.hero_image_url is null then null else json_build_object(
    'url', case when ${alias}.hero_image_url ~ '^https?://' then ${alias}.hero_image_url else 'http://localhost:4000' || ${alias}.hero_image_url end,
    'width', ${alias}.hero_image_width, 'height', ${alias}.hero_image_height, 'caption', ${alias}.hero_image_caption, 'credit', ${alias}.hero_image_credit) end`;
const SECTION_NAME = (alias: string) => `json_build_object('name', (select s.name from sections s where s.id = ${alias}.section_id))`;

const TRENDING_ITEMS = (list: string, limit: number, article: string) => `(
  select coalesce(json_agg(json_build_object('rank', t.rank, 'views', t.views, 'article', ${article}) order by t.rank), '[]')
  from (
    select row_number() over (order by tr.rank) as rank, tr.views, tr.article_id
    from kabar_bench.trending tr join articles v on v.id = tr.article_id
    where tr.list = ${list} and ${VISIBLE('v')}
    order by tr.rank limit ${limit}
  ) t join articles ta on ta.id = t.article_id)`;

const ARTICLE_PAGE = `
  with a as (select * from articles a where a.slug = $1 and ${VISIBLE('a')})
  select json_build_object(
    'article', (select json_build_object(
      'id', a.id, 'slug', a.slug, 'title', a.title, 'subtitle', a.subtitle, 'excerpt', a.excerpt, 'dateline', a.dateline,
      'publishedAt', a.published_at, 'updatedAt', a.updated_at, 'url', ${URL_OF('a')}, 'wordCount', a.word_count,
      'section', (select json_build_object('id', s.id, 'slug', s.slug, 'name', s.name) from sections s where s.id = a.section_id),
      'author', (select json_build_object('id', au.id, 'slug', au.slug, 'name', au.name, 'avatarUrl', au.avatar_url) from authors au where au.id = a.author_id),
      'tags', (select coalesce(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) order by at.position, t.id), '[]')
               from article_tags at join tags t on t.id = at.tag_id where at.article_id = a.id),
      'heroImage', ${HERO('a')},
      'blocks', a.blocks,
      'related', (select coalesce(json_agg(json_build_object('id', r.id, 'slug', r.slug, 'title', r.title, 'publishedAt', r.published_at,
                    'url', ${URL_OF('r')}, 'section', ${SECTION_NAME('r')}, 'heroImage', ${HERO('r')}) order by w.origin, w.ord), '[]')
                  from (
                    select w.* from (
                      select distinct on (c.rel_id) c.rel_id, c.origin, c.ord from (
                        select p.related_article_id as rel_id, 0 as origin, p.position as ord from article_picks p where p.article_id = a.id
                        union all
                        select x.related_article_id, 1, x.rank from article_related x where x.article_id = a.id
                      ) c where c.rel_id <> a.id order by c.rel_id, c.origin, c.ord
                    ) w join articles rv on rv.id = w.rel_id and ${VISIBLE('rv')}
                    order by w.origin, w.ord limit 5
                  ) w join articles r on r.id = w.rel_id)
    ) from a),
    'latest', (select json_agg(json_build_object('id', l.id, 'slug', l.slug, 'title', l.title, 'publishedAt', l.published_at,
                 'url', ${URL_OF('l')}, 'section', ${SECTION_NAME('l')}) order by l.published_at desc, l.id desc)
               from (select * from articles l where ${VISIBLE('l')} order by l.published_at desc, l.id desc limit 10) l),
    'trending', json_build_object('window', 'DAY', 'items', ${TRENDING_ITEMS(
      `'DAY:site'`,
      10,
      `json_build_object('id', ta.id, 'slug', ta.slug, 'title', ta.title, 'url', ${URL_OF('ta')}, 'section', ${SECTION_NAME('ta')})`,
    )})
  ) as page`;

const HOME_PAGE = `
  select json_build_object(
    'latest', (select json_agg(json_build_object('id', l.id, 'slug', l.slug, 'title', l.title, 'excerpt', l.excerpt, 'publishedAt', l.published_at,
                 'url', ${URL_OF('l')}, 'section', (select json_build_object('slug', s.slug, 'name', s.name) from sections s where s.id = l.section_id),
                 'heroImage', ${HERO('l')}) order by l.published_at desc, l.id desc)
               from (select * from articles l where ${VISIBLE('l')} order by l.published_at desc, l.id desc limit 20) l),
    'trending', json_build_object('items', ${TRENDING_ITEMS(
      `'DAY:site'`,
      10,
      `json_build_object('id', ta.id, 'slug', ta.slug, 'title', ta.title, 'url', ${URL_OF('ta')})`,
    )}),
    'sections', (select json_agg(json_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'latest',
                   (select coalesce(json_agg(json_build_object('id', l.id, 'slug', l.slug, 'title', l.title, 'publishedAt', l.published_at,
                      'url', ${URL_OF('l')}, 'heroImage', ${HERO('l')}) order by l.published_at desc, l.id desc), '[]')
                    from (select * from articles l where l.section_id = s.id and ${VISIBLE('l')} order by l.published_at desc, l.id desc limit 5) l))
                 order by s.position, s.id) from sections s)
  ) as page`;

const SECTION_PAGE = `
  with s as (select * from sections where slug = $1),
  page as (
    select l.* from articles l, s
    where l.section_id = s.id and ${VISIBLE('l')} and ($2::timestamptz is null or (l.published_at, l.id) < ($2::timestamptz, $3::int))
    order by l.published_at desc, l.id desc limit 21
  )
  select json_build_object('section', (select json_build_object(
    'id', s.id, 'slug', s.slug, 'name', s.name, 'description', s.description,
    'articles', json_build_object(
      'totalCount', (select count(*) from articles c where c.section_id = s.id and ${VISIBLE('c')}),
      'hasNextPage', (select count(*) > 20 from page),
      'edges', (select coalesce(json_agg(json_build_object('publishedAt', p.published_at, 'id', p.id, 'node', json_build_object(
                  'id', p.id, 'slug', p.slug, 'title', p.title, 'excerpt', p.excerpt, 'publishedAt', p.published_at, 'url', ${URL_OF('p')},
                  'author', (select json_build_object('name', au.name) from authors au where au.id = p.author_id), 'heroImage', ${HERO('p')}))
                  order by p.published_at desc, p.id desc), '[]')
                from (select * from page order by published_at desc, id desc limit 20) p)),
    'trending', json_build_object('items', ${TRENDING_ITEMS(
      `'WEEK:' || s.id`,
      5,
      `json_build_object('slug', ta.slug, 'title', ta.title, 'url', ${URL_OF('ta')})`,
    )})
  ) from s)) as page`;

const SEARCH_PAGE = `
  with q as (select kabar_bench.search_tsquery($1) as tsq),
  hits as (
    select a.*, ts_rank('{0.05, 0.2, 0.4, 1.0}'::real[], a.search_vector, q.tsq, 0) as score
    from articles a, q where ${VISIBLE('a')} and a.search_vector @@ q.tsq
    order by score desc, a.id desc limit 11
  )
  select json_build_object('search', json_build_object(
    'totalCount', (select count(*) from articles a, q where ${VISIBLE('a')} and a.search_vector @@ q.tsq),
    'hasNextPage', (select count(*) > 10 from hits),
    'edges', (select coalesce(json_agg(json_build_object('node', json_build_object(
                'score', h.score,
                'titleHtml', ts_headline('pg_catalog.indonesian', h.title, q.tsq, 'HighlightAll=true, StartSel=<mark>, StopSel=</mark>'),
                'excerptHtml', ts_headline('pg_catalog.indonesian', coalesce(nullif(btrim(kabar_html_to_text(h.body_html)), ''), h.excerpt, ''), q.tsq,
                  'MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … ", StartSel=<mark>, StopSel=</mark>'),
                'article', json_build_object('id', h.id, 'slug', h.slug, 'title', h.title, 'publishedAt', h.published_at, 'url', ${URL_OF('h')},
                  'section', ${SECTION_NAME('h')}))) order by h.score desc, h.id desc), '[]')
              from (select * from hits order by score desc, id desc limit 10) h, q)
  )) as page`;

const PUBLICATION = { name: 'Kabar Nusantara', url: 'http://localhost:4000/', language: 'id' };

const NAMES = new Map([ARTICLE_PAGE, HOME_PAGE, SECTION_PAGE, SEARCH_PAGE].map((text, i) => [text, `raw_page_${i}`]));

/** Each page's statement is prepared once per connection, as any careful hand-written server would. */
async function page(statement: string, values: unknown[]): Promise<unknown> {
  const { rows } = await pool.query<{ page: Record<string, unknown> }>({ name: NAMES.get(statement), text: statement, values });
  return rows[0]!.page;
}

async function answer(url: URL): Promise<unknown> {
  switch (url.pathname) {
    case '/article':
      return { ...((await page(ARTICLE_PAGE, [url.searchParams.get('slug')])) as object), publication: PUBLICATION };
    case '/home':
      return page(HOME_PAGE, []);
    case '/section': {
      const after = /^(\d+):(\d+)$/.exec(url.searchParams.get('after') ?? '');
      return page(SECTION_PAGE, [url.searchParams.get('slug'), after ? new Date(Number(after[1])) : null, after ? Number(after[2]) : null]);
    }
    case '/search':
      return page(SEARCH_PAGE, [url.searchParams.get('q')]);
    default:
      return undefined;
  }
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  answer(url).then(
    (data) => {
      if (data === undefined) {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.stringify({ data });
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    },
    (error: Error) => {
      const body = JSON.stringify({ errors: [{ message: error.message }] });
      response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      response.end(body);
    },
  );
});
server.keepAliveTimeout = 5_000;
server.listen(port, '127.0.0.1', () => console.log(`raw ready on ${port}`));
const stop = () => server.close(() => void pool.end().finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
