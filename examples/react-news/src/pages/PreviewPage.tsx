import { useEffect } from 'react';
import { useQuery } from 'urql';
import { PreviewPageQuery } from '../graphql/newsroom';
import { ArticleView } from '../components/ArticleView';
import { NotFound } from '../components/NotFound';
import { ErrorState, Loading } from '../components/States';
import { STATUS_LABELS } from '../newsroom/labels';

/**
 * /pratinjau/<token>: the draft's latest saved version, rendered by the article page's own
 * components. No view beacon, and never from urql's cache (a preview changes with every save).
 */
export function PreviewPage({ token }: { token: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PreviewPageQuery, variables: { token }, requestPolicy: 'network-only' });
  const article = data?.articlePreview;
  const siteName = data?.publication?.name ?? 'Kabar Nusantara';

  useEffect(() => {
    if (article?.title) document.title = `Pratinjau: ${article.title} · ${siteName}`;
  }, [article?.title, siteName]);

  if (fetching && !data) return <Loading label="Memuat pratinjau…" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!article) {
    return (
      <NotFound title="Pratinjau tidak tersedia">
        <p>Tautan pratinjau ini tidak dikenal, sudah kedaluwarsa, atau sudah dicabut.</p>
      </NotFound>
    );
  }
  return (
    <>
      <div className="preview-banner" role="note" data-testid="preview-banner">
        <strong>Pratinjau</strong> · {article.status ? STATUS_LABELS[article.status] : ''} · versi {article.version} · jangan disebarkan
      </div>
      <div className="two-columns article-page">
        <ArticleView article={article} siteName={siteName} />
      </div>
    </>
  );
}
