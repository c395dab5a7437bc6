import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { SectionPageQuery } from '../graphql/operations';
import type { SectionPageQuery as SectionPageData } from '../gql/graphql';
import { Link, articlePath } from '../router';
import { formatAgo } from '../format';
import { Picture } from '../components/Picture';
import { SideList } from '../components/SideList';
import { OldAddress } from '../components/OldAddress';
import { ErrorState, Loading } from '../components/States';

type Edges = NonNullable<NonNullable<SectionPageData['section']>['articles']>['edges'];

function ArticleRows({ edges }: { edges: Edges }) {
  return (
    <>
      {edges.map(({ node }) => (
        <article key={node.id} className="row" data-testid="section-article">
          <Link href={articlePath(node)} className="row-image">
            <Picture image={node.heroImage} alt="" />
          </Link>
          <div>
            <h3>
              <Link href={articlePath(node)}>{node.title}</Link>
            </h3>
            <p className="excerpt">{node.excerpt}</p>
            <span className="meta">
              {node.author?.name}
              {node.publishedAt ? ` · ${formatAgo(node.publishedAt)}` : null}
            </span>
          </div>
        </article>
      ))}
    </>
  );
}

function LoadMoreButton({ onClick, busy }: { onClick: () => void; busy?: boolean }) {
  return (
    <button type="button" className="button load-more" onClick={onClick} disabled={busy}>
      {busy ? 'Memuat…' : 'Muat lebih banyak'}
    </button>
  );
}

/** One further page of the section, fetched with the cursor where the page before it ended. */
function MorePage({ slug, after, isLast, onLoadMore }: { slug: string; after: string; isLast: boolean; onLoadMore: (cursor: string) => void }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SectionPageQuery, variables: { slug, after } });
  if (fetching && !data) return <LoadMoreButton onClick={() => undefined} busy />;
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const articles = data?.section?.articles;
  if (!articles) return null;
  return (
    <>
      <ArticleRows edges={articles.edges} />
      {isLast && articles.pageInfo.hasNextPage && articles.pageInfo.endCursor ? (
        <LoadMoreButton onClick={() => onLoadMore(articles.pageInfo.endCursor!)} />
      ) : null}
    </>
  );
}

export function SectionPage({ slug }: { slug: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SectionPageQuery, variables: { slug, after: null } });
  // Cursors of the pages the reader asked for with "Muat lebih banyak", in order.
  const [cursors, setCursors] = useState<string[]>([]);
  const section = data?.section;
  useEffect(() => {
    if (section?.name) document.title = `Berita ${section.name} Terbaru Hari Ini · Kabar Nusantara`;
  }, [section?.name]);

  if (fetching && !data) return <Loading label="Memuat kanal…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  // "/<slug>/" was how the old site addressed a post; only when no article had it is it a 404.
  if (!section) return <OldAddress title="Kanal tidak ditemukan" />;
  const articles = section.articles;
  const loadMore = (cursor: string) => setCursors((list) => [...list, cursor]);

  return (
    <div className="two-columns section-page">
      <div className="main-column">
        <header className="page-header">
          <h1>{section.name}</h1>
          {section.description ? <p>{section.description}</p> : null}
          {articles?.totalCount != null ? <p className="meta">{articles.totalCount.toLocaleString('id-ID')} artikel</p> : null}
        </header>
        <div className="article-rows" data-testid="section-articles">
          {articles ? <ArticleRows edges={articles.edges} /> : null}
          {articles && cursors.length === 0 && articles.pageInfo.hasNextPage && articles.pageInfo.endCursor ? (
            <LoadMoreButton onClick={() => loadMore(articles.pageInfo.endCursor!)} />
          ) : null}
          {cursors.map((after, index) => (
            <MorePage key={after} slug={slug} after={after} isLast={index === cursors.length - 1} onLoadMore={loadMore} />
          ))}
        </div>
      </div>
      <aside className="side-column">
        <SideList
          title={`Terpopuler di ${section.name}`}
          numbered
          testId="terpopuler"
          items={(section.trending?.items ?? []).flatMap((item) =>
            item.article ? [{ key: item.article.slug ?? String(item.rank), href: articlePath(item.article), title: item.article.title ?? '' }] : [],
          )}
        />
      </aside>
    </div>
  );
}
