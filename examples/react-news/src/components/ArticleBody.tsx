import type { ArticlePageQuery } from '../gql/graphql';

type Block = NonNullable<NonNullable<ArticlePageQuery['article']>['blocks']>[number];

/** Body blocks in order. Paragraph HTML is sanitised by Kabar (inline markup and links only). */
export function ArticleBody({ blocks, dateline, siteName }: { blocks: readonly Block[]; dateline: string | null; siteName: string }) {
  let firstParagraph = true;
  return (
    <div className="article-body" data-testid="article-body">
      {blocks.map((block, index) => {
        switch (block.__typename) {
          case 'Paragraph': {
            const lead = firstParagraph && dateline;
            firstParagraph = false;
            return (
              <p key={index}>
                {lead ? <strong className="dateline">{`${dateline}, ${siteName} – `}</strong> : null}
                <span dangerouslySetInnerHTML={{ __html: block.html ?? '' }} />
              </p>
            );
          }
          case 'Heading':
            return block.level === 3 ? <h3 key={index}>{block.text}</h3> : <h2 key={index}>{block.text}</h2>;
          case 'Image':
            return (
              <figure key={index}>
                {block.url ? <img src={block.url} alt={block.caption ?? ''} width={block.width ?? undefined} height={block.height ?? undefined} loading="lazy" /> : null}
                {block.caption || block.credit ? (
                  <figcaption>
                    {block.caption} {block.credit ? <span className="credit">({block.credit})</span> : null}
                  </figcaption>
                ) : null}
              </figure>
            );
          case 'Quote':
            return (
              <blockquote key={index}>
                <p>{block.text}</p>
                {block.attribution ? <cite>— {block.attribution}</cite> : null}
              </blockquote>
            );
          case 'Embed':
            // Third-party embed code is not run here; a link keeps the page safe and fast.
            return block.url ? (
              <p key={index} className="embed">
                <a href={block.url} target="_blank" rel="noopener noreferrer">
                  Lihat di {block.provider ?? 'sumber asli'}
                </a>
              </p>
            ) : null;
          case 'AdSlot':
            return (
              <aside key={index} className="ad-slot" data-slot-id={block.slotId ?? undefined} data-testid="ad-slot" aria-label="Iklan">
                <span>Iklan</span>
              </aside>
            );
          default:
            return null;
        }
      })}
    </div>
  );
}
