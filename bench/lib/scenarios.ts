import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { encodeArticleCursor } from '../../src/content/pagination';

// The pages the benchmark asks for, as each server spells them. Kabar gets the frontend's shared
// operations exactly as written; PostGraphile gets the same data in its own schema's words
// (bench/postgraphile/functions.sql); the raw baseline has one route per page. Every request asks
// for another article, section page or search term, drawn from pools read from the bench database.

/** kabar-get: Kabar as a CDN would be asked, GET with the persisted query's hash (APQ). */
export type ServerKind = 'kabar' | 'kabar-get' | 'postgraphile' | 'raw';
export type ScenarioName = 'article' | 'home' | 'section' | 'search';
export const ALL_SCENARIOS: ScenarioName[] = ['article', 'home', 'section', 'search'];

export const SCENARIO_TITLES: Record<ScenarioName, string> = {
  article: 'article page',
  home: 'home page',
  section: 'section page (deep cursor)',
  search: 'search',
};

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ScenarioPlan {
  /** How many different requests the plan cycles through (a cache is warm after one pass). */
  distinct: number;
  /** Run once against the server before any load (registers persisted queries). */
  prepare?(baseUrl: string): Promise<void>;
  next(): HttpRequest;
  /** Cheap check of every response: null when it is a full answer without errors, else what is wrong. */
  check(body: string): string | null;
  /** Parses and checks the shape; run on every warm-up response and a sample of measured ones. */
  fullCheck(body: string): string | null;
}

export interface SectionPoint {
  slug: string;
  /** 1-based position of the row the cursor points at; the page starts after it. */
  depth: number;
  publishedAt: Date;
  id: number;
  postgraphileCursor?: string;
}

export interface Pools {
  slugs: string[];
  sectionPoints: SectionPoint[];
  terms: string[];
}

const VISIBLE = `status in ('published', 'scheduled') and published_at <= now()`;

/** Pseudo-random but the same in every run on the same data (ordered by a hash, not random()). */
export async function loadPools(connectionString: string, size = 500): Promise<Pools> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const slugs = (await client.query(`select slug from articles where ${VISIBLE} order by md5(slug) limit $1`, [size])).rows.map(
      (r) => r.slug as string,
    );
    const sections = (
      await client.query(`select s.id, s.slug, count(a.id)::int as n from sections s
      join articles a on a.section_id = s.id and a.status in ('published', 'scheduled') and a.published_at <= now()
      group by s.id, s.slug order by s.id`)
    ).rows as { id: number; slug: string; n: number }[];
    const sectionPoints: SectionPoint[] = [];
    for (const section of sections) {
      // "Load more" pages well past the first screens: 200 to 2,000 articles deep (less on small data).
      const low = Math.min(200, Math.floor(section.n / 4));
      const high = Math.max(low, Math.min(2000, section.n - 21));
      if (section.n < 25) continue;
      for (let i = 0; i < 20; i += 1) {
        const depth = low + Math.floor(((i * 7919) % 20) * ((high - low) / 20));
        const { rows } = await client.query(
          `select id, published_at from articles where section_id = $1 and ${VISIBLE} order by published_at desc, id desc offset $2 limit 1`,
          [section.id, depth - 1],
        );
        if (rows[0]) sectionPoints.push({ slug: section.slug, depth, publishedAt: rows[0].published_at as Date, id: rows[0].id as number });
      }
    }
    // Search words as readers type them: words of titles that match between a handful and 2% of the
    // articles. The commonest words of the demo content match a tenth of everything, and ranking
    // ten thousand matches measures PostgreSQL's ts_rank rather than the server in front of it.
    const total = (await client.query(`select count(*)::int as n from articles where ${VISIBLE}`)).rows[0].n as number;
    const { rows: termRows } = await client.query(`
      with words as (
        select distinct w from (
          select lower(regexp_split_to_table(title, '[^[:alpha:]]+')) as w
          from (select title from articles where ${VISIBLE} order by md5(slug) limit 3000) t
        ) split
        where length(w) >= 5 and not (w = any(kabar_search_stop_words()))
        order by w limit 400
      )
      select w, (select count(*) from articles a where a.${VISIBLE.replace(' and published_at', ' and a.published_at')}
                   and a.search_vector @@ kabar_bench.search_tsquery(w))::int as n
      from words`);
    const most = Math.max(50, Math.round(total * 0.02));
    const terms = termRows
      .filter((r) => r.n >= 3 && r.n <= most)
      .map((r) => r.w as string)
      .slice(0, 150);
    return { slugs, sectionPoints, terms };
  } finally {
    await client.end();
  }
}

/** The frontend's operations, from the repository's copy of the contract (operations/). */
export function kabarOperations(): Record<'ArticlePage' | 'HomePage' | 'SectionPage' | 'Search', string> {
  const dir = path.resolve(__dirname, '..', '..', 'operations');
  const read = (name: string) => fs.readFileSync(path.join(dir, `${name}.graphql`), 'utf8');
  return { ArticlePage: read('ArticlePage'), HomePage: read('HomePage'), SectionPage: read('SectionPage'), Search: read('Search') };
}

const PG_ARTICLE = `query ArticlePage($slug: String!) {
  article: articleBySlug(slug: $slug) {
    id: rowId slug title subtitle excerpt dateline publishedAt updatedAt url wordCount
    section: sectionBySectionId { id: rowId slug name }
    author: authorByAuthorId { id: rowId slug name avatarUrl }
    tags: articleTagsByArticleId(orderBy: [PRIMARY_KEY_ASC]) { nodes { position tag: tagByTagId { id: rowId slug name } } }
    heroImageUrl heroImageWidth heroImageHeight heroImageCaption heroImageCredit
    blocks
    related(first: 5) { nodes { id: rowId slug title publishedAt url section: sectionBySectionId { name } heroImageUrl heroImageWidth heroImageHeight } }
  }
  latest: allArticles(orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], first: 10) { nodes { id: rowId slug title publishedAt url section: sectionBySectionId { name } } }
  trending: kabarBenchTrendingArticles(windowName: "DAY", first: 10) {
    nodes { rank: trendingRank(windowName: "DAY") views: trendingViews(windowName: "DAY") id: rowId slug title url section: sectionBySectionId { name } }
  }
}`;

const PG_HOME = `query HomePage {
  latest: allArticles(orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], first: 20) {
    nodes { id: rowId slug title excerpt publishedAt url section: sectionBySectionId { slug name } heroImageUrl heroImageWidth heroImageHeight }
  }
  trending: kabarBenchTrendingArticles(windowName: "DAY", first: 10) { nodes { rank: trendingRank(windowName: "DAY") views: trendingViews(windowName: "DAY") id: rowId slug title url } }
  sections: allSections(orderBy: [POSITION_ASC, ROW_ID_ASC]) {
    nodes {
      id: rowId slug name
      latest: articlesBySectionId(orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], first: 5) {
        nodes { id: rowId slug title publishedAt url heroImageUrl heroImageWidth heroImageHeight }
      }
    }
  }
}`;

const PG_SECTION = `query SectionPage($slug: String!, $after: Cursor) {
  section: sectionBySlug(slug: $slug) {
    id: rowId slug name description
    articles: articlesBySectionId(orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id: rowId slug title excerpt publishedAt url author: authorByAuthorId { name } heroImageUrl heroImageWidth heroImageHeight } }
    }
    trending(windowName: "WEEK", first: 5) { nodes { slug title url } }
  }
}`;

export const PG_SECTION_CURSOR = `query Cursor($slug: String!, $offset: Int!) {
  section: sectionBySlug(slug: $slug) { articles: articlesBySectionId(orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], first: 1, offset: $offset) { edges { cursor node { rowId } } } }
}`;

const PG_SEARCH = `query Search($query: String!) {
  search: kabarBenchSearch(query: $query, first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { score: searchScore(query: $query) titleHtml(query: $query) excerptHtml(query: $query) id: rowId slug title publishedAt url section: sectionBySectionId { name } } }
  }
}`;

function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to ask for: the bench database has no matching rows');
  let i = 0;
  return () => items[i++ % items.length]!;
}

function graphql(query: string, variables?: Record<string, unknown>): HttpRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(variables ? { query, variables } : { query }),
  };
}

/** Responses must carry this and must not carry an "errors" member. */
function quick(marker: string) {
  return (body: string) => {
    if (body.includes('"errors":')) return `GraphQL errors: ${body.slice(0, 300)}`;
    if (!body.includes(marker)) return `unexpected answer: ${body.slice(0, 300)}`;
    return null;
  };
}

function parsed(check: (data: any) => string | null) {
  return (body: string) => {
    let json: any;
    try {
      json = JSON.parse(body);
    } catch {
      return `not JSON: ${body.slice(0, 200)}`;
    }
    if (json.errors) return `GraphQL errors: ${JSON.stringify(json.errors).slice(0, 300)}`;
    return json.data ? check(json.data) : 'no data';
  };
}

const expect = (ok: boolean, what: string) => (ok ? null : what);

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The Kabar plan, sent as GET with only the document's hash; the document is registered first. */
function persisted(plan: ScenarioPlan, document: string): ScenarioPlan {
  const hash = sha256(document);
  const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
  return {
    ...plan,
    async prepare(baseUrl) {
      const response = await fetch(
        `${baseUrl}/graphql?query=${encodeURIComponent(document)}&extensions=${extensions}&variables=${encodeURIComponent(JSON.stringify(variablesOf(plan.next())))}`,
      );
      if (!response.ok) throw new Error(`registering the persisted query failed: ${response.status} ${await response.text()}`);
    },
    next() {
      const variables = variablesOf(plan.next());
      const query = Object.keys(variables).length ? `variables=${encodeURIComponent(JSON.stringify(variables))}&` : '';
      return {
        method: 'GET',
        path: `/graphql?${query}extensions=${extensions}`,
        headers: { accept: 'application/graphql-response+json, application/json' },
      };
    },
  };
}

function variablesOf(request: HttpRequest): Record<string, unknown> {
  return (JSON.parse(request.body ?? '{}') as { variables?: Record<string, unknown> }).variables ?? {};
}

export function planFor(server: ServerKind, scenario: ScenarioName, pools: Pools, ops = kabarOperations()): ScenarioPlan {
  if (server === 'kabar-get') {
    const document = { article: ops.ArticlePage, home: ops.HomePage, section: ops.SectionPage, search: ops.Search }[scenario];
    return persisted(planFor('kabar', scenario, pools, ops), document);
  }
  const slug = cycle(pools.slugs);
  const point = cycle(pools.sectionPoints);
  const term = cycle(pools.terms);
  switch (`${server}:${scenario}`) {
    case 'kabar:article':
      return {
        distinct: pools.slugs.length,
        next: () => graphql(ops.ArticlePage, { slug: slug() }),
        check: quick('"article":{'),
        fullCheck: parsed((d) =>
          expect(d.article && d.latest.length === 10 && d.trending.items.length > 0, 'article, 10 latest and trending expected'),
        ),
      };
    case 'postgraphile:article':
      return {
        distinct: pools.slugs.length,
        next: () => graphql(PG_ARTICLE, { slug: slug() }),
        check: quick('"article":{'),
        fullCheck: parsed((d) =>
          expect(d.article && d.latest.nodes.length === 10 && d.trending.nodes.length > 0, 'article, 10 latest and trending expected'),
        ),
      };
    case 'raw:article':
      return {
        distinct: pools.slugs.length,
        next: () => ({ method: 'GET', path: `/article?slug=${encodeURIComponent(slug())}` }),
        check: quick('"article":{'),
        fullCheck: parsed((d) =>
          expect(d.article && d.latest.length === 10 && d.trending.items.length > 0, 'article, 10 latest and trending expected'),
        ),
      };
    case 'kabar:home':
      return {
        distinct: 1,
        next: () => graphql(ops.HomePage),
        check: quick('"sections":['),
        fullCheck: parsed((d) =>
          expect(
            d.latest.length === 20 && d.sections.length >= 6 && d.sections.every((s: any) => s.latest.length > 0),
            '20 latest and every section expected',
          ),
        ),
      };
    case 'postgraphile:home':
      return {
        distinct: 1,
        next: () => graphql(PG_HOME),
        check: quick('"sections":{'),
        fullCheck: parsed((d) => expect(d.latest.nodes.length === 20 && d.sections.nodes.length >= 6, '20 latest and every section expected')),
      };
    case 'raw:home':
      return {
        distinct: 1,
        next: () => ({ method: 'GET', path: '/home' }),
        check: quick('"sections":['),
        fullCheck: parsed((d) => expect(d.latest.length === 20 && d.sections.length >= 6, '20 latest and every section expected')),
      };
    case 'kabar:section':
      return {
        distinct: pools.sectionPoints.length,
        next: () => {
          const p = point();
          return graphql(ops.SectionPage, { slug: p.slug, after: encodeArticleCursor({ publishedAt: p.publishedAt, id: p.id }) });
        },
        check: quick('"edges":[{'),
        fullCheck: parsed((d) => expect(d.section?.articles.edges.length === 20 && d.section.articles.totalCount > 20, 'a full page of 20 expected')),
      };
    case 'postgraphile:section':
      return {
        distinct: pools.sectionPoints.length,
        next: () => {
          const p = point();
          if (!p.postgraphileCursor) throw new Error('PostGraphile cursors were not fetched');
          return graphql(PG_SECTION, { slug: p.slug, after: p.postgraphileCursor });
        },
        check: quick('"edges":[{'),
        fullCheck: parsed((d) => expect(d.section?.articles.edges.length === 20 && d.section.articles.totalCount > 20, 'a full page of 20 expected')),
      };
    case 'raw:section':
      return {
        distinct: pools.sectionPoints.length,
        next: () => {
          const p = point();
          return { method: 'GET', path: `/section?slug=${encodeURIComponent(p.slug)}&after=${p.publishedAt.getTime()}:${p.id}` };
        },
        check: quick('"edges":[{'),
        fullCheck: parsed((d) => expect(d.section?.articles.edges.length === 20, 'a full page of 20 expected')),
      };
    case 'kabar:search':
      return {
        distinct: pools.terms.length,
        next: () => graphql(ops.Search, { query: term() }),
        check: quick('"search":{'),
        fullCheck: parsed((d) => expect(d.search.edges.length > 0, 'at least one hit expected')),
      };
    case 'postgraphile:search':
      return {
        distinct: pools.terms.length,
        next: () => graphql(PG_SEARCH, { query: term() }),
        check: quick('"search":{'),
        fullCheck: parsed((d) => expect(d.search.edges.length > 0, 'at least one hit expected')),
      };
    case 'raw:search':
      return {
        distinct: pools.terms.length,
        next: () => ({ method: 'GET', path: `/search?q=${encodeURIComponent(term())}` }),
        check: quick('"search":{'),
        fullCheck: parsed((d) => expect(d.search.edges.length > 0, 'at least one hit expected')),
      };
    default:
      throw new Error(`no plan for ${server} ${scenario}`);
  }
}

/** PostGraphile's own cursors for the section points, asked of the running PostGraphile server. */
export async function fetchPostgraphileCursors(baseUrl: string, points: SectionPoint[]): Promise<void> {
  for (const p of points) {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PG_SECTION_CURSOR, variables: { slug: p.slug, offset: p.depth - 1 } }),
    });
    const json = (await response.json()) as any;
    const edge = json.data?.section?.articles?.edges?.[0];
    if (!edge || edge.node.rowId !== p.id) throw new Error(`PostGraphile cursor for ${p.slug} at ${p.depth}: ${JSON.stringify(json).slice(0, 300)}`);
    p.postgraphileCursor = edge.cursor;
  }
}
