import { useCallback, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ModerateCommentsMutation, ModerationQueueOrderedQuery, ModerationStatsQuery } from '../graphql/comments';
import type { CommentOrder, CommentQueue, ModerationAction, ModerationQueueOrderedQuery as QueueData } from '../gql/graphql';
import { Link, articlePath } from '../router';
import { errorCode, errorMessage } from './session';
import { formatWib } from './wib';

// /redaksi/komentar: the moderation queues (Menunggu / Dilaporkan / Ditolak), newest or oldest first,
// with the reasons a comment was held and its report count; checkboxes with "Pilih semua" and bulk
// Setujui / Tolak / Blokir penulis (moderateComments takes many ids at once); and how fast reports
// are handled (moderationStats: Permenkominfo 5/2020 asks for 24 h, 4 h when urgent).

type Row = NonNullable<QueueData['moderationQueue']>['edges'][number]['node'];

const QUEUES: { value: CommentQueue; label: string }[] = [
  { value: 'PENDING', label: 'Menunggu' },
  { value: 'REPORTED', label: 'Dilaporkan' },
  { value: 'REJECTED', label: 'Ditolak' },
];

export const REASON_LABELS: Record<string, string> = {
  FIRST_COMMENT: 'Komentar pertama',
  BANNED_WORD: 'Kata terlarang',
  SUSPECT_WORD: 'Kata mencurigakan',
  LINKS: 'Terlalu banyak tautan',
  REPORTED: 'Dilaporkan pembaca',
  BANNED_AUTHOR: 'Penulis diblokir',
  HONEYPOT: 'Jebakan spam',
  DUPLICATE: 'Komentar ganda',
  MODERATOR: 'Keputusan moderator',
};

const ACTIONS: { action: ModerationAction; label: string; done: string; className: string }[] = [
  { action: 'APPROVE', label: 'Setujui', done: 'disetujui', className: 'button' },
  { action: 'REJECT', label: 'Tolak', done: 'ditolak', className: 'button danger' },
  { action: 'BAN_AUTHOR', label: 'Blokir penulis', done: 'ditolak dan penulisnya diblokir', className: 'button danger' },
];

/** "2 jam 5 menit" for an age in seconds. */
function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} detik`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} menit`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} jam ${minutes % 60} menit`;
  return `${Math.floor(hours / 24)} hari ${hours % 24} jam`;
}

function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(share * 100)}%`;
}

function Stats({ refreshKey }: { refreshKey: number }) {
  const [{ data, error }, reexecute] = useQuery({ query: ModerationStatsQuery });
  useEffect(() => {
    if (refreshKey > 0) reexecute({ requestPolicy: 'network-only' });
  }, [refreshKey, reexecute]);
  const stats = data?.moderationStats;
  if (error) return <p className="form-error">{errorMessage(error)}</p>;
  if (!stats) return null;
  return (
    <dl className="moderation-stats" data-testid="moderation-stats" aria-label="Penanganan laporan">
      <div>
        <dt>Laporan terbuka</dt>
        <dd data-testid="stat-open-reports">{stats.openReports ?? 0}</dd>
      </div>
      <div>
        <dt>Laporan terbuka tertua</dt>
        <dd data-testid="stat-oldest-open">{stats.oldestOpenReportAgeSeconds === null || stats.oldestOpenReportAgeSeconds === undefined ? '–' : formatAge(stats.oldestOpenReportAgeSeconds)}</dd>
      </div>
      <div>
        <dt>Ditangani ≤ 4 jam</dt>
        <dd data-testid="stat-within-4h">{formatShare(stats.resolvedWithin4Hours)}</dd>
      </div>
      <div>
        <dt>Ditangani ≤ 24 jam</dt>
        <dd data-testid="stat-within-24h">{formatShare(stats.resolvedWithin24Hours)}</dd>
      </div>
      <div>
        <dt>Laporan 30 hari terakhir</dt>
        <dd>{stats.reportsLast30Days ?? 0}</dd>
      </div>
    </dl>
  );
}

/** The queue's rows: the first page, then one more page per "Muat lebih banyak". */
function useQueue(queue: CommentQueue, order: CommentOrder, after: string | null) {
  return useQuery({ query: ModerationQueueOrderedQuery, variables: { queue, order, after } });
}

function QueuePage({ queue, order, after, selected, onToggle, onRows, isLast, onLoadMore }: { queue: CommentQueue; order: CommentOrder; after: string | null; selected: ReadonlySet<string>; onToggle: (id: string) => void; onRows: (key: string, rows: Row[]) => void; isLast: boolean; onLoadMore: (cursor: string) => void }) {
  const [{ data, error, fetching }] = useQueue(queue, order, after);
  const connection = data?.moderationQueue;
  const rows = connection?.edges.map((edge) => edge.node) ?? [];
  const key = after ?? '';
  useEffect(() => {
    onRows(key, connection ? connection.edges.map((edge) => edge.node) : []);
  }, [key, connection, onRows]);
  if (error)
    return (
      <tr>
        <td colSpan={6} className="form-error" role="alert">
          {errorMessage(error)}
        </td>
      </tr>
    );
  if (fetching && !data)
    return (
      <tr>
        <td colSpan={6} className="meta">
          Memuat…
        </td>
      </tr>
    );
  return (
    <>
      {rows.map((row) => (
        <tr key={row.id} data-testid="queue-row" data-comment-id={row.id ?? ''}>
          <td>
            <input type="checkbox" aria-label={`Pilih komentar ${row.authorName ?? ''}`} checked={selected.has(row.id ?? '')} onChange={() => onToggle(row.id ?? '')} />
          </td>
          <td className="queue-body">
            <p className="queue-text" data-testid="queue-body">
              {row.isReply ? <span className="badge badge-reply">Balasan</span> : null}
              {row.body}
            </p>
            {row.article ? (
              <span className="meta">
                pada{' '}
                <Link href={articlePath(row.article)} target="_blank">
                  {row.article.title}
                </Link>
              </span>
            ) : null}
          </td>
          <td>
            <strong>{row.authorName}</strong>
            <div className="meta">{row.authorEmail}</div>
          </td>
          <td>
            {(row.reasons ?? []).map((reason) => (
              <span key={reason} className="badge badge-reason" data-testid="queue-reason" data-reason={reason} title={reason}>
                {REASON_LABELS[reason] ?? reason}
              </span>
            ))}
          </td>
          <td data-testid="queue-reports">{row.reportCount ?? 0}</td>
          <td>{row.createdAt ? formatWib(row.createdAt) : ''}</td>
        </tr>
      ))}
      {isLast && connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
        <tr>
          <td colSpan={6}>
            <button type="button" className="button ghost" onClick={() => onLoadMore(connection.pageInfo.endCursor!)}>
              Muat lebih banyak
            </button>
          </td>
        </tr>
      ) : null}
    </>
  );
}

type Message = { ok: boolean; text: string };

function QueueTable({ queue, order, onDone, onMessage }: { queue: CommentQueue; order: CommentOrder; onDone: (message: Message) => void; onMessage: (message: Message | null) => void }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [pages, setPages] = useState<Record<string, Row[]>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [{ fetching: acting }, moderate] = useMutation(ModerateCommentsMutation);
  const [totalData] = useQueue(queue, order, null);
  const total = totalData.data?.moderationQueue?.totalCount ?? 0;

  const onRows = useCallback((key: string, rows: Row[]) => setPages((all) => ({ ...all, [key]: rows })), []);
  const shown = cursors.flatMap((cursor) => pages[cursor ?? ''] ?? []);
  const shownIds = shown.map((row) => row.id ?? '').filter(Boolean);
  const allSelected = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  const toggle = (id: string) =>
    setSelected((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(shownIds));

  const act = async (action: ModerationAction) => {
    const ids = [...selected];
    if (ids.length === 0) return;
    const meta = ACTIONS.find((a) => a.action === action)!;
    if (action === 'BAN_AUTHOR' && !window.confirm(`Blokir penulis ${ids.length} komentar ini? Komentar mereka berikutnya akan ditolak.`)) return;
    onMessage(null);
    const result = await moderate({ ids, action });
    if (result.error) {
      onMessage({ ok: false, text: errorCode(result.error) === 'NOT_FOUND' ? 'Sebagian komentar tidak ditemukan lagi; muat ulang antrean.' : errorMessage(result.error) });
      return;
    }
    const count = result.data?.moderateComments?.comments?.length ?? ids.length;
    onDone({ ok: true, text: `${count} komentar ${meta.done}.` });
  };

  return (
    <>
      <div className="moderation-actions" role="toolbar" aria-label="Tindakan untuk komentar terpilih">
        <label className="check">
          <input type="checkbox" checked={allSelected} onChange={toggleAll} disabled={shownIds.length === 0} aria-label="Pilih semua" /> Pilih semua
        </label>
        <span className="meta" data-testid="selected-count">
          {selected.size} dipilih dari {total}
        </span>
        {ACTIONS.map((a) => (
          <button key={a.action} type="button" className={a.className} disabled={selected.size === 0 || acting} onClick={() => act(a.action)}>
            {a.label}
          </button>
        ))}
      </div>
      <table className="article-table moderation-table" data-testid="moderation-queue" aria-busy={totalData.fetching}>
        <thead>
          <tr>
            <th aria-label="Pilih" />
            <th>Komentar</th>
            <th>Penulis</th>
            <th>Alasan</th>
            <th>Laporan</th>
            <th>Dikirim</th>
          </tr>
        </thead>
        <tbody>
          {cursors.map((after, i) => (
            <QueuePage
              key={after ?? ''}
              queue={queue}
              order={order}
              after={after}
              selected={selected}
              onToggle={toggle}
              onRows={onRows}
              isLast={i === cursors.length - 1}
              onLoadMore={(cursor) => setCursors((list) => [...list, cursor])}
            />
          ))}
        </tbody>
      </table>
      {!totalData.fetching && totalData.data && total === 0 ? (
        <p className="meta" data-testid="queue-empty">
          Antrean kosong.
        </p>
      ) : null}
    </>
  );
}

export function Moderation() {
  const [queue, setQueue] = useState<CommentQueue>('PENDING');
  const [order, setOrder] = useState<CommentOrder>('NEWEST_FIRST');
  // Bumped after every moderation action: the queue is fetched afresh (selection cleared) and the stats too.
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    document.title = 'Moderasi komentar · Redaksi';
  }, []);
  return (
    <section aria-label="Moderasi komentar" data-testid="moderation">
      <div className="newsroom-toolbar">
        <h1>Moderasi komentar</h1>
        <label className="inline-field">
          Urutan{' '}
          <select name="order" value={order} onChange={(e) => setOrder(e.target.value as CommentOrder)}>
            <option value="NEWEST_FIRST">Terbaru dulu</option>
            <option value="OLDEST_FIRST">Terlama dulu</option>
          </select>
        </label>
      </div>
      <Stats refreshKey={version} />
      <div className="tabs" role="tablist" aria-label="Antrean">
        {QUEUES.map((q) => (
          <button key={q.value} type="button" role="tab" aria-selected={queue === q.value} className={queue === q.value ? 'tab active' : 'tab'} onClick={() => {
              setQueue(q.value);
              setMessage(null);
            }}>
            {q.label}
          </button>
        ))}
      </div>
      {message ? (
        <p className={message.ok ? 'notice' : 'form-error'} role={message.ok ? 'status' : 'alert'} data-testid="moderation-message">
          {message.text}
        </p>
      ) : null}
      <div role="tabpanel">
        <QueueTable
          key={`${queue}-${order}-${version}`}
          queue={queue}
          order={order}
          onMessage={setMessage}
          onDone={(done) => {
            setMessage(done);
            setVersion((v) => v + 1);
          }}
        />
      </div>
    </section>
  );
}
