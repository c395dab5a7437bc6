import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { HomePageQuery } from '../graphql/operations';
import { Link, articlePath, sectionPath } from '../router';
import { formatAgo } from '../format';
import { Picture } from '../components/Picture';
import { SideList } from '../components/SideList';
import { ErrorState, Loading } from '../components/States';
import { LatestArticlesSubscription } from '../graphql/live';
import { useSubscription } from '../live';
import type { LatestArticlesSubscription as LatestEvent } from '../gql/graphql';

type LiveArticle = NonNullable<NonNullable<LatestEvent['latestArticles']>['article']>;

export function HomePage() {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: HomePageQuery });
  // Articles published since the page loaded: announced as "N artikel baru", shown on click.
  const [waiting, setWaiting] = useState<LiveArticle[]>([]);
  const [shown, setShown] = useState<LiveArticle[]>([]);
  useSubscription(LatestArticlesSubscription, {}, (event) => {
    const article = event.latestArticles?.article;
    if (article) setWaiting((list) => (list.some((a) => a.id === article.id) ? list : [article, ...list]));
  });
  useEffect(() => {
    document.title = 'Kabar Nusantara · Berita Terbaru Hari Ini';
  }, []);
  if (fetching && !data) return <Loading label="Memuat berita terbaru…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const latest = data?.latest ?? [];
  const [headline, ...rest] = latest;
  const featured = rest.slice(0, 4);
  const more = rest.slice(4);
  const trending = data?.trending?.items ?? [];

  return (
    <div className="home">
      <div className="two-columns">
        <div className="main-column">
          {headline ? (
            <article className="headline">
              <Link href={articlePath(headline)}>
                <Picture image={headline.heroImage} alt={headline.title ?? ''} eager />
                <div className="headline-text">
                  {headline.section ? <span className="kicker">{headline.section.name}</span> : null}
                  <h1>{headline.title}</h1>
                  <p>{headline.excerpt}</p>
                </div>
              </Link>
            </article>
          ) : null}
          <div className="card-grid">
            {featured.map((article) => (
              <article key={article.id} className="card">
                <Link href={articlePath(article)}>
                  <Picture image={article.heroImage} alt={article.title ?? ''} />
                  {article.section ? <span className="kicker">{article.section.name}</span> : null}
                  <h3>{article.title}</h3>
                </Link>
              </article>
            ))}
          </div>
          <section className="latest-list" data-testid="terbaru">
            <h2 className="box-title">Terbaru</h2>
            {waiting.length > 0 ? (
              <button
                type="button"
                className="new-items"
                data-testid="artikel-baru"
                onClick={() => {
                  setShown((list) => [...waiting, ...list]);
                  setWaiting([]);
                }}
              >
                {waiting.length} artikel baru
              </button>
            ) : null}
            {shown.map((article) => (
              <article key={article.id} className="row row-new" data-testid="terbaru-baru">
                <div>
                  <span className="kicker">
                    {article.section ? <Link href={sectionPath(article.section)}>{article.section.name}</Link> : null}
                    {article.publishedAt ? <span className="meta"> · {formatAgo(article.publishedAt)}</span> : null}
                  </span>
                  <h3>
                    <Link href={articlePath(article)}>{article.title}</Link>
                  </h3>
                </div>
              </article>
            ))}
            {more.map((article) => (
              <article key={article.id} className="row">
                <Link href={articlePath(article)} className="row-image">
                  <Picture image={article.heroImage} alt="" />
                </Link>
                <div>
                  <span className="kicker">
                    {article.section ? (
                      <Link href={sectionPath(article.section)}>{article.section.name}</Link>
                    ) : null}
                    {article.publishedAt ? <span className="meta"> · {formatAgo(article.publishedAt)}</span> : null}
                  </span>
                  <h3>
                    <Link href={articlePath(article)}>{article.title}</Link>
                  </h3>
                  <p className="excerpt">{article.excerpt}</p>
                </div>
              </article>
            ))}
          </section>
        </div>
        <aside className="side-column">
          <SideList
            title="Terpopuler"
            numbered
            testId="terpopuler"
            items={trending.flatMap((item) =>
              item.article ? [{ key: item.article.id, href: articlePath(item.article), title: item.article.title ?? '', meta: item.views ? `${item.views.toLocaleString('id-ID')} kali dibaca` : null }] : [],
            )}
          />
        </aside>
      </div>
      <div className="section-blocks">
        {data?.sections?.map((section) => {
          const [first, ...others] = section.latest ?? [];
          if (!first) return null;
          return (
            <section key={section.id} className="section-block" data-testid={`kanal-${section.slug}`}>
              <h2 className="box-title">
                <Link href={sectionPath(section)}>{section.name}</Link>
              </h2>
              <Link href={articlePath(first)} className="section-block-lead">
                <Picture image={first.heroImage} alt={first.title ?? ''} />
                <h3>{first.title}</h3>
              </Link>
              <ul>
                {others.map((article) => (
                  <li key={article.id}>
                    <Link href={articlePath(article)}>{article.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
