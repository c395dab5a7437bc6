import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { ArticlePageQuery } from '../graphql/operations';
import { Link, articlePath, sectionPath } from '../router';
import { formatAgo, formatDateLine } from '../format';
import { sendViewBeacon } from '../beacon';
import { ArticleBody } from '../components/ArticleBody';
import { Picture } from '../components/Picture';
import { ShareButtons } from '../components/ShareButtons';
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
      <article className="main-column article">
        <nav className="breadcrumb" aria-label="Lokasi">
          <Link href="/">Beranda</Link>
          {article.section ? (
            <>
              {' › '}
              <Link href={sectionPath(article.section)} data-testid="article-section">
                {article.section.name}
              </Link>
            </>
          ) : null}
        </nav>
        <h1 className="article-title" data-testid="article-title">
          {article.title}
        </h1>
        {article.subtitle ? <p className="subtitle">{article.subtitle}</p> : null}
        <div className="byline">
          {article.author?.avatarUrl ? <img className="avatar" src={article.author.avatarUrl} alt="" width={40} height={40} /> : null}
          <div>
            {article.author ? <strong className="author">{article.author.name}</strong> : null}
            <div className="meta">
              {article.publishedAt ? <time dateTime={article.publishedAt} data-testid="date-line">{formatDateLine(article.publishedAt)}</time> : null}
              {article.readingTimeMinutes ? <span> · {article.readingTimeMinutes} menit baca</span> : null}
            </div>
          </div>
        </div>
        <ShareButtons links={article.shareLinks} />
        {article.heroImage?.url ? (
          <figure className="hero">
            <Picture image={article.heroImage} alt={article.heroImage.caption ?? article.title ?? ''} eager />
            {article.heroImage.caption || article.heroImage.credit ? (
              <figcaption>
                {article.heroImage.caption} {article.heroImage.credit ? <span className="credit">({article.heroImage.credit})</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        <ArticleBody blocks={article.blocks ?? []} dateline={article.dateline} siteName={siteName} />
        {article.tags && article.tags.length > 0 ? (
          <ul className="tags" aria-label="Tag">
            {article.tags.map((tag) => (
              <li key={tag.id}>#{tag.name}</li>
            ))}
          </ul>
        ) : null}
        <ShareButtons links={article.shareLinks} />
        {article.related && article.related.length > 0 ? (
          <section className="related" data-testid="artikel-terkait">
            <h2 className="box-title">Artikel Terkait</h2>
            {article.related.map((item) => (
              <article key={item.id} className="row compact">
                <Link href={articlePath(item)} className="row-image">
                  <Picture image={item.heroImage} alt="" />
                </Link>
                <div>
                  {item.section ? <span className="kicker">{item.section.name}</span> : null}
                  <h3>
                    <Link href={articlePath(item)}>{item.title}</Link>
                  </h3>
                  {item.publishedAt ? <span className="meta">{formatAgo(item.publishedAt)}</span> : null}
                </div>
              </article>
            ))}
          </section>
        ) : null}
      </article>
      <aside className="side-column">
        <SideList title="Terbaru" items={latestItems.slice(0, 8)} testId="terbaru" />
        <SideList title="Terpopuler" numbered items={trendingItems} testId="terpopuler" />
      </aside>
    </div>
  );
}
