import { useState } from 'react';
import { useQuery } from 'urql';
import { LiveBlogQuery, LiveBlogUpdatesSubscription } from '../graphql/live';
import { useSubscription } from '../live';
import { formatAgo } from '../format';
import type { LiveBlogQuery as LiveBlogData } from '../gql/graphql';

// A live article's entries (issue 13): the newest page from LiveBlog, then updates over server-sent
// events. New entries wait behind an "N pembaruan baru" button (so the text does not jump while
// someone reads) and go to the top on click; changed entries change in place, deleted ones go.

type Entry = NonNullable<NonNullable<LiveBlogData['article']>['liveEntries']>['edges'][number]['node'];

export function LiveBlog({ slug }: { slug: string }) {
  const [{ data }] = useQuery({ query: LiveBlogQuery, variables: { slug } });
  const article = data?.article;
  const [waiting, setWaiting] = useState<Entry[]>([]);
  const [added, setAdded] = useState<Entry[]>([]);
  const [changed, setChanged] = useState<Record<string, Entry | null>>({});
  useSubscription(
    LiveBlogUpdatesSubscription,
    { slug },
    (event) => {
      const update = event.liveBlogUpdates;
      if (!update?.entry) return;
      const entry = update.entry as Entry;
      if (update.kind === 'ADDED') setWaiting((list) => (list.some((e) => e.id === entry.id) ? list : [entry, ...list]));
      else if (update.kind === 'UPDATED') setChanged((map) => ({ ...map, [entry.id]: entry }));
      else {
        setChanged((map) => ({ ...map, [entry.id]: null }));
        setWaiting((list) => list.filter((e) => e.id !== entry.id));
      }
    },
    Boolean(article?.isLive),
  );
  if (!article?.isLive) return null;
  const loaded = article.liveEntries?.edges.map((edge) => edge.node) ?? [];
  const entries = [...added, ...loaded.filter((e) => !added.some((a) => a.id === e.id))]
    .map((entry) => (entry.id in changed ? changed[entry.id] : entry))
    .filter((entry): entry is Entry => entry != null);
  return (
    <section className="live-blog" data-testid="live-blog" aria-label="Laporan langsung">
      <h2 className="box-title">
        <span className="live-dot" aria-hidden="true" /> Laporan langsung
      </h2>
      {waiting.length > 0 ? (
        <button
          type="button"
          className="new-items"
          data-testid="pembaruan-baru"
          onClick={() => {
            setAdded((list) => [...waiting, ...list]);
            setWaiting([]);
          }}
        >
          {waiting.length} pembaruan baru
        </button>
      ) : null}
      <ol className="live-entries">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.pinned ? 'live-entry pinned' : 'live-entry'} data-testid="live-entry">
            <div className="meta">
              {entry.pinned ? <strong>Disematkan · </strong> : null}
              {entry.keyEvent ? <strong>Penting · </strong> : null}
              {entry.createdAt ? formatAgo(entry.createdAt) : null}
            </div>
            {entry.title ? <h3>{entry.title}</h3> : null}
            {/* Sanitised by Kabar like article bodies. */}
            <div className="live-entry-body" dangerouslySetInnerHTML={{ __html: entry.html ?? '' }} />
          </li>
        ))}
      </ol>
    </section>
  );
}
