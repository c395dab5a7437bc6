import type { ArticlePageQuery } from '../gql/graphql';
import { Link, articlePath, sectionPath } from '../router';
import { formatAgo, formatDateLine } from '../format';
import { ArticleBody } from './ArticleBody';
import { Picture } from './Picture';
import { ShareButtons } from './ShareButtons';

export type ArticleViewData = NonNullable<ArticlePageQuery['article']>;

/** One article as readers see it: used by the article page and by the newsroom's preview page. */
export function ArticleView({ article, siteName }: { article: ArticleViewData; siteName: string }) {
  return (
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
  );
}
