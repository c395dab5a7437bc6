import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { ArticlePageQuery } from '../graphql/operations';
import { articlePath } from '../router';
import { formatAgo } from '../format';
import { sendViewBeacon } from '../beacon';
import { ArticleView } from '../components/ArticleView';
import { CommentsSection } from '../components/Comments';
import { LiveBlog } from '../components/LiveBlog';
import { SideList } from '../components/SideList';
import { NotFound } from '../components/NotFound';
import { ErrorState, Loading } from '../components/States';

export function ArticlePage({ slug }: { slug: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ArticlePageQuery, variables: { slug } });
  const article = data?.article;
  const siteName = data?.publication?.name ?? 'Kabar Nusantara';

  // One view per page view: this component is mounted afresh for every navigation (App keys it),
  // and the ref keeps React's development double-run of effects from counting twice.
  const counted = useRef(false);
  const articleSlug = article?.slug;
  useEffect(() => {
    if (!articleSlug || counted.current) return;
    counted.current = true;
    sendViewBeacon(articleSlug);
  }, [articleSlug]);

  useEffect(() => {
    if (article?.title) document.title = `${article.title} · ${siteName}`;
  }, [article?.title, siteName]);

  if (fetching && !data) return <Loading label="Memuat artikel…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;

  const latest = (data?.latest ?? []).filter((item) => item.slug !== slug);
  const latestItems = latest.map((item) => ({
    key: item.id,
    href: articlePath(item),
    title: item.title ?? '',
    meta: item.publishedAt ? formatAgo(item.publishedAt) : null,
  }));
  const trendingItems = (data?.trending?.items ?? []).flatMap((item) =>
    item.article ? [{ key: item.article.id, href: articlePath(item.article), title: item.article.title ?? '', meta: item.article.section?.name }] : [],
  );

  if (!article) {
    return (
      <NotFound title="Artikel tidak ditemukan">
        <SideList title="Terbaru" items={latestItems} testId="terbaru" />
      </NotFound>
    );
  }

  return (
    <div className="two-columns article-page">
      <div className="main-column">
        <ArticleView article={article} siteName={siteName} />
        {article.slug ? <LiveBlog slug={article.slug} /> : null}
        {article.id && article.slug ? <CommentsSection slug={article.slug} articleId={article.id} /> : null}
      </div>
      <aside className="side-column">
        <SideList title="Terbaru" items={latestItems.slice(0, 8)} testId="terbaru" />
        <SideList title="Terpopuler" numbered items={trendingItems} testId="terpopuler" />
      </aside>
    </div>
  );
}
