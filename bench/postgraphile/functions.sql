-- What PostGraphile (and the raw baseline) need in a bench database to answer the same questions as
-- Kabar: the public URL of an article, its "Artikel Terkait", Terpopuler lists, search hits, and
-- Kabar's visibility rule. Applied by bench/lib/prepare.ts after Kabar's migrations and the seed.
-- Idempotent. Only ever run against bench databases (kabar_bench_<articles>).

create schema if not exists kabar_bench;
-- Earlier shapes of the functions below (a changed return type cannot be replaced in place).
drop function if exists kabar_bench.trending_list(text, int);
drop function if exists public.sections_trending(public.sections, text);

-- Terpopuler lists, precomputed by the bench runner with Kabar's own aggregation
-- (src/trending/repository.ts) at the start of every run, as Kabar keeps them in memory.
-- list: '<WINDOW>:site' or '<WINDOW>:<section id>'.
create table if not exists kabar_bench.trending (
  list text not null,
  rank int not null,
  article_id int not null references public.articles (id) on delete cascade,
  views bigint not null,
  score float8 not null,
  primary key (list, rank)
);
comment on table kabar_bench.trending is 'Terpopuler entries, precomputed (Kabar keeps them in memory).';

-- Visibility, the rule Kabar applies in every read: published or scheduled, and due. PostGraphile
-- connects as kabar_bench_reader, for which row-level security enforces it on every articles read
-- (lookups by slug, lists, relations, functions), the way a PostGraphile team would express it.
-- Kabar and the raw baseline connect as the table owner, which RLS does not affect.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'kabar_bench_reader') then
    create role kabar_bench_reader login password 'kabar_bench';
  end if;
end $$;
alter table public.articles enable row level security;
drop policy if exists kabar_bench_visible on public.articles;
create policy kabar_bench_visible on public.articles for select to kabar_bench_reader
  using (status in ('published', 'scheduled') and published_at <= now());

-- PostGraphile offers ordering and backward relations only over indexed columns, and Kabar's list
-- indexes are partial (visible articles only), which it does not count. These smart tags say that
-- the indexes are there: articles by published_at, and a section's articles.
comment on column public.articles.published_at is E'@isIndexed';
comment on constraint articles_section_id_fkey on public.articles is E'@isIndexed';
comment on column public.sections.position is E'@isIndexed';

-- Article.url: the canonical URL, or /read/YYYY/MM/DD/slug with the date in WIB (src/content/urls.ts).
create or replace function public.articles_url(a public.articles) returns text
language sql stable as $$
  select coalesce(a.canonical_url,
    'http://localhost:4000/read/' || to_char(a.published_at at time zone 'Asia/Jakarta', 'YYYY/MM/DD') || '/' || a.slug)
$$;

-- Article.related: editors' picks in their order, then the stored candidates by rank; visible
-- articles only, each once, never the article itself (src/content/related.ts listRelatedArticles).
create or replace function public.articles_related(a public.articles) returns setof public.articles
language sql stable as $$
  select r.*
  from (
    select distinct on (c.rel_id) c.rel_id, c.origin, c.ord
    from (
      select p.related_article_id as rel_id, 0 as origin, p.position as ord from public.article_picks p where p.article_id = a.id
      union all
      select s.related_article_id, 1, s.rank from public.article_related s where s.article_id = a.id
    ) c
    where c.rel_id <> a.id
    order by c.rel_id, c.origin, c.ord
  ) w
  join public.articles r on r.id = w.rel_id
  where r.status in ('published', 'scheduled') and r.published_at <= now()
  order by w.origin, w.ord
$$;

-- Terpopuler: the articles of a precomputed list (site-wide when section is null), most popular
-- first, articles that are no longer visible left out (src/schema/trending.ts). The list is a set of
-- articles rather than of list entries: PostGraphile then reads the articles with the list instead of
-- looking them up by id afterwards, a lookup that row-level security turns into a scan of every
-- visible article (the lookup's join condition is not leakproof, so it cannot reach the index).
create or replace function kabar_bench.trending_articles(window_name text, section int default null)
returns setof public.articles
language sql stable as $$
  select a.*
  from kabar_bench.trending t
  join public.articles a on a.id = t.article_id
  where t.list = window_name || ':' || coalesce(section::text, 'site')
    and a.status in ('published', 'scheduled') and a.published_at <= now()
  order by t.rank
$$;

-- Rank and views of an article in such a list; the rank counts visible entries only, as Kabar's does.
create or replace function public.articles_trending_rank(a public.articles, window_name text, section int default null) returns int
language sql stable as $$
  select (1 + count(*))::int
  from kabar_bench.trending t
  join public.articles v on v.id = t.article_id
  where t.list = window_name || ':' || coalesce(section::text, 'site')
    and v.status in ('published', 'scheduled') and v.published_at <= now()
    and t.rank < (select m.rank from kabar_bench.trending m where m.list = window_name || ':' || coalesce(section::text, 'site') and m.article_id = a.id)
$$;

create or replace function public.articles_trending_views(a public.articles, window_name text, section int default null) returns bigint
language sql stable as $$
  select t.views from kabar_bench.trending t where t.list = window_name || ':' || coalesce(section::text, 'site') and t.article_id = a.id
$$;

create or replace function public.sections_trending(s public.sections, window_name text) returns setof public.articles
language sql stable as $$
  select * from kabar_bench.trending_articles(window_name, s.id)
$$;

-- Search: the stems of the query's words without stop words, exactly as the document side makes
-- them (kabar_search_document); visible matches by ts_rank with Kabar's weights, best first.
create or replace function kabar_bench.search_tsquery(query text) returns tsquery
language sql immutable as $$
  select nullif((select string_agg(quote_literal(l), ' & ') from unnest(tsvector_to_array(kabar_search_document(query))) l), '')::tsquery
$$;

-- Security definer: under row-level security the match (@@, not leakproof) could only be checked
-- after the visibility policy, on every visible article, instead of through the full-text index.
-- The function applies the visibility rule itself.
create or replace function kabar_bench.search(query text) returns setof public.articles
language sql stable security definer set search_path = pg_catalog, public, kabar_bench as $$
  select a.*
  from public.articles a
  where a.status in ('published', 'scheduled') and a.published_at <= now()
    and a.search_vector @@ kabar_bench.search_tsquery(query)
  order by ts_rank('{0.05, 0.2, 0.4, 1.0}'::real[], a.search_vector, kabar_bench.search_tsquery(query), 0) desc, a.id desc
$$;

-- Per hit, computed only for the hits of the page: score and the highlighted title and excerpt.
create or replace function public.articles_search_score(a public.articles, query text) returns real
language sql stable as $$
  select ts_rank('{0.05, 0.2, 0.4, 1.0}'::real[], a.search_vector, kabar_bench.search_tsquery(query), 0)
$$;

create or replace function public.articles_title_html(a public.articles, query text) returns text
language sql stable as $$
  select ts_headline('pg_catalog.indonesian', a.title, kabar_bench.search_tsquery(query),
    'HighlightAll=true, StartSel=<mark>, StopSel=</mark>')
$$;

create or replace function public.articles_excerpt_html(a public.articles, query text) returns text
language sql stable as $$
  select ts_headline('pg_catalog.indonesian',
    coalesce(nullif(btrim(kabar_html_to_text(a.body_html)), ''), a.excerpt, ''), kabar_bench.search_tsquery(query),
    'MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … ", StartSel=<mark>, StopSel=</mark>')
$$;

grant usage on schema public, kabar_bench to kabar_bench_reader;
grant select on public.sections, public.authors, public.tags, public.articles, public.article_tags,
  public.article_picks, public.article_related, kabar_bench.trending to kabar_bench_reader;
grant execute on all functions in schema public, kabar_bench to kabar_bench_reader;
