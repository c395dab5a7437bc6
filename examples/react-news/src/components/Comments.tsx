import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ArticleCommentsQuery, CommentsOpenQuery, PostCommentMutation, ReportCommentMutation } from '../graphql/comments';
import type { ArticleCommentsQuery as ArticleCommentsData, CommentReportReason, CommentStatus } from '../gql/graphql';
import { formatAgo, formatDateLine } from '../format';

// The article page's Komentar section: the count, published comments oldest first with "Muat lebih
// banyak" on cursors, one level of replies, the post form (with the spam trap Kabar defines) showing
// the reader what became of the comment, and "Laporkan" per comment. Comment lists are never cached
// (Kabar answers them no-store), so every list here is fetched from the network.

type CommentNode = NonNullable<NonNullable<ArticleCommentsData['article']>['comments']>['edges'][number]['node'];
type ReplyNode = NonNullable<CommentNode['replies']>['edges'][number]['node'];

const AUTHOR_KEY = 'kabar.komentar.penulis';

export const REPORT_REASONS: { value: CommentReportReason; label: string }[] = [
  { value: 'SPAM', label: 'Spam atau iklan' },
  { value: 'ABUSIVE', label: 'Kasar atau menghina' },
  { value: 'HATE', label: 'Ujaran kebencian' },
  { value: 'MISINFORMATION', label: 'Informasi keliru atau hoaks' },
  { value: 'PERSONAL_DATA', label: 'Menyebarkan data pribadi' },
  { value: 'OTHER', label: 'Lainnya' },
];

function extensionsOf(error: CombinedError): Record<string, unknown> {
  return (error.graphQLErrors.find((e) => e.extensions?.code)?.extensions ?? {}) as Record<string, unknown>;
}

function waitText(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} menit` : `${Math.max(1, Math.ceil(seconds))} detik`;
}

const FIELD_LABELS: Record<string, string> = { authorName: 'Nama', authorEmail: 'E-mail', body: 'Komentar', parentId: 'Balasan', note: 'Catatan' };

/** What the reader is told when Kabar refuses the request itself (not the policy, whose message comes with the answer). */
export function readerError(error: CombinedError, what: 'comment' | 'report'): string {
  if (error.networkError) return 'Server berita tidak dapat dihubungi. Periksa koneksi Anda, lalu coba lagi.';
  const ext = extensionsOf(error);
  const message = error.graphQLErrors[0]?.message ?? '';
  switch (ext.code) {
    case 'RATE_LIMITED': {
      const wait = waitText(Number(ext.retryAfterSeconds ?? 60));
      return what === 'comment'
        ? `Anda terlalu sering mengirim komentar. Coba lagi dalam ${wait}.`
        : `Anda terlalu sering mengirim laporan. Coba lagi dalam ${wait}.`;
    }
    case 'COMMENTS_CLOSED':
      return 'Komentar untuk artikel ini sudah ditutup.';
    case 'NOT_FOUND':
      return what === 'comment' ? 'Artikel atau komentar yang Anda balas tidak ditemukan.' : 'Komentar ini sudah tidak tayang.';
    case 'BAD_USER_INPUT': {
      const field = String(ext.field ?? '');
      if (field === 'authorEmail') return 'Isi e-mail yang valid, misalnya nama@contoh.id.';
      if (field === 'authorName') return 'Isi nama Anda (paling banyak 80 karakter).';
      if (field === 'body') {
        if (/is empty/.test(message)) return 'Komentar masih kosong.';
        const long = /is (\d+) characters long; at most (\d+)/.exec(message);
        if (long) return `Komentar terlalu panjang: ${long[1]} karakter, paling banyak ${long[2]}.`;
        if (/control character/.test(message)) return 'Komentar berisi karakter yang tidak diizinkan.';
      }
      return `Periksa isian ${FIELD_LABELS[field] ?? field}.`;
    }
    default:
      return 'Terjadi kesalahan. Silakan coba lagi.';
  }
}

function readAuthor(): { name: string; email: string } {
  try {
    const saved = JSON.parse(window.localStorage.getItem(AUTHOR_KEY) ?? 'null') as { name?: string; email?: string } | null;
    return { name: saved?.name ?? '', email: saved?.email ?? '' };
  } catch {
    return { name: '', email: '' };
  }
}

function saveAuthor(author: { name: string; email: string }): void {
  try {
    window.localStorage.setItem(AUTHOR_KEY, JSON.stringify(author));
  } catch {
    // storage unavailable: the reader types it again next time
  }
}

/** The post form; with `parent`, a reply to that comment. `onPublished` refreshes the list. */
function CommentForm({ articleId, parent, onPublished, onCancel }: { articleId: string; parent?: { id: string; authorName: string }; onPublished: () => void; onCancel?: () => void }) {
  const [author, setAuthor] = useState(readAuthor);
  const [body, setBody] = useState('');
  const [website, setWebsite] = useState('');
  const [result, setResult] = useState<{ status: CommentStatus | 'ERROR'; message: string } | null>(null);
  const [{ fetching }, post] = useMutation(PostCommentMutation);
  const idPrefix = parent ? `balas-${parent.id}` : 'komentar';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    saveAuthor(author);
    const answer = await post({
      input: { articleId, parentId: parent?.id ?? null, authorName: author.name, authorEmail: author.email, body, website: website || null },
    });
    const payload = answer.data?.postComment;
    if (answer.error || !payload?.status) {
      setResult({ status: 'ERROR', message: answer.error ? readerError(answer.error, 'comment') : 'Terjadi kesalahan. Silakan coba lagi.' });
      return;
    }
    setResult({ status: payload.status, message: payload.message ?? '' });
    // A refused comment stays in the box so the reader can rewrite it.
    if (payload.status !== 'REJECTED') setBody('');
    if (payload.status === 'PUBLISHED') onPublished();
  };
  return (
    <form className="comment-form" onSubmit={submit} aria-label={parent ? `Balas komentar ${parent.authorName}` : 'Tulis komentar'} data-testid="comment-form">
      {parent ? <p className="meta">Membalas {parent.authorName}</p> : <h3>Tulis komentar</h3>}
      <div className="comment-form-row">
        <label htmlFor={`${idPrefix}-nama`}>
          Nama
          <input id={`${idPrefix}-nama`} name="authorName" required maxLength={80} autoComplete="name" value={author.name} onChange={(e) => setAuthor({ ...author, name: e.target.value })} />
        </label>
        <label htmlFor={`${idPrefix}-email`}>
          <span>
            E-mail <span className="meta">(tidak ditampilkan)</span>
          </span>
          <input id={`${idPrefix}-email`} name="authorEmail" type="email" required autoComplete="email" value={author.email} onChange={(e) => setAuthor({ ...author, email: e.target.value })} />
        </label>
      </div>
      {/* The spam trap: hidden from people (CSS, not type="hidden"), left empty; bots fill it in. */}
      <div className="comment-trap" aria-hidden="true">
        <label htmlFor={`${idPrefix}-website`}>
          Situs web (biarkan kosong)
          <input id={`${idPrefix}-website`} name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
        </label>
      </div>
      <label htmlFor={`${idPrefix}-isi`}>
        Komentar
        <textarea id={`${idPrefix}-isi`} name="body" required rows={parent ? 3 : 5} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      {result ? (
        <p className={`comment-result comment-result-${result.status.toLowerCase()}`} role={result.status === 'PUBLISHED' || result.status === 'PENDING' ? 'status' : 'alert'} data-testid="comment-result" data-status={result.status}>
          {result.message}
        </p>
      ) : null}
      <div className="comment-form-actions">
        <button type="submit" className="button" disabled={fetching}>
          {fetching ? 'Mengirim…' : parent ? 'Kirim balasan' : 'Kirim komentar'}
        </button>
        {onCancel ? (
          <button type="button" className="button ghost" onClick={onCancel}>
            Batal
          </button>
        ) : null}
      </div>
      <p className="meta">Komentar pertama Anda diperiksa redaksi sebelum tayang. Hormati sesama pembaca.</p>
    </form>
  );
}

function ReportForm({ commentId, onDone }: { commentId: string; onDone: () => void }) {
  const [reason, setReason] = useState<CommentReportReason>('SPAM');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [{ fetching }, report] = useMutation(ReportCommentMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await report({ id: commentId, reason, note: note.trim() || null });
    if (answer.data?.reportComment?.received) setMessage({ ok: true, text: 'Laporan Anda sudah kami terima. Terima kasih.' });
    else setMessage({ ok: false, text: answer.error ? readerError(answer.error, 'report') : 'Laporan gagal dikirim.' });
  };
  if (message?.ok) {
    return (
      <p className="comment-result comment-result-published" role="status" data-testid="report-result">
        {message.text}
      </p>
    );
  }
  return (
    <form className="report-form" onSubmit={submit} aria-label="Laporkan komentar">
      <label>
        Alasan
        <select name="reason" value={reason} onChange={(e) => setReason(e.target.value as CommentReportReason)}>
          {REPORT_REASONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Catatan (opsional)
        <input name="note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {message ? (
        <p className="form-error" role="alert" data-testid="report-result">
          {message.text}
        </p>
      ) : null}
      <div className="comment-form-actions">
        <button type="submit" className="button small" disabled={fetching}>
          Kirim laporan
        </button>
        <button type="button" className="button ghost small" onClick={onDone}>
          Batal
        </button>
      </div>
    </form>
  );
}

function CommentBody({ comment }: { comment: ReplyNode }) {
  return (
    <>
      <header className="comment-head">
        <strong className="comment-author">{comment.authorName}</strong>
        {comment.createdAt ? (
          <time className="meta" dateTime={comment.createdAt} title={formatDateLine(comment.createdAt)}>
            {formatAgo(comment.createdAt)}
          </time>
        ) : null}
      </header>
      {/* Kabar escapes the text and adds only paragraphs, line breaks and nofollow links. */}
      <div className="comment-text" dangerouslySetInnerHTML={{ __html: comment.html ?? '' }} />
    </>
  );
}

function CommentActions({ comment, canReply, articleId, open, onPublished }: { comment: ReplyNode; canReply: boolean; articleId: string; open: boolean; onPublished: () => void }) {
  const [panel, setPanel] = useState<'reply' | 'report' | null>(null);
  return (
    <>
      <div className="comment-actions">
        {canReply && open ? (
          <button type="button" className="link-button" onClick={() => setPanel(panel === 'reply' ? null : 'reply')} aria-expanded={panel === 'reply'}>
            Balas
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={() => setPanel(panel === 'report' ? null : 'report')} aria-expanded={panel === 'report'}>
          Laporkan
        </button>
      </div>
      {panel === 'reply' ? (
        <CommentForm articleId={articleId} parent={{ id: comment.id, authorName: comment.authorName ?? '' }} onPublished={onPublished} onCancel={() => setPanel(null)} />
      ) : null}
      {panel === 'report' ? <ReportForm commentId={comment.id} onDone={() => setPanel(null)} /> : null}
    </>
  );
}

function CommentItems({ nodes, articleId, open, onPublished }: { nodes: readonly CommentNode[]; articleId: string; open: boolean; onPublished: () => void }) {
  return (
    <>
      {nodes.map((comment) => {
        const replies = comment.replies?.edges.map((edge) => edge.node) ?? [];
        const more = (comment.replies?.totalCount ?? replies.length) - replies.length;
        return (
          <li key={comment.id} className="comment" data-testid="comment" data-comment-id={comment.id}>
            <CommentBody comment={comment} />
            <CommentActions comment={comment} canReply articleId={articleId} open={open} onPublished={onPublished} />
            {replies.length > 0 ? (
              <ol className="comment-replies" aria-label={`Balasan untuk ${comment.authorName ?? ''}`}>
                {replies.map((reply) => (
                  <li key={reply.id} className="comment reply" data-testid="comment-reply" data-comment-id={reply.id}>
                    <CommentBody comment={reply} />
                    <CommentActions comment={reply} canReply={false} articleId={articleId} open={open} onPublished={onPublished} />
                  </li>
                ))}
              </ol>
            ) : null}
            {more > 0 ? <p className="meta">dan {more} balasan lainnya</p> : null}
          </li>
        );
      })}
    </>
  );
}

/** A further page of comments, fetched with the cursor where the page before it ended. */
function MoreComments({ slug, after, isLast, articleId, open, onLoadMore, onPublished }: { slug: string; after: string; isLast: boolean; articleId: string; open: boolean; onLoadMore: (cursor: string) => void; onPublished: () => void }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ArticleCommentsQuery, variables: { slug, after }, requestPolicy: 'network-only' });
  const comments = data?.article?.comments;
  if (fetching && !data) return <li className="meta">Memuat komentar…</li>;
  if (error && !data)
    return (
      <li className="form-error" role="alert">
        Gagal memuat komentar.{' '}
        <button type="button" className="link-button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          Coba lagi
        </button>
      </li>
    );
  if (!comments) return null;
  return (
    <>
      <CommentItems nodes={comments.edges.map((e) => e.node)} articleId={articleId} open={open} onPublished={onPublished} />
      {isLast && comments.pageInfo.hasNextPage && comments.pageInfo.endCursor ? (
        <li className="load-more-item">
          <button type="button" className="button load-more" onClick={() => onLoadMore(comments.pageInfo.endCursor!)}>
            Muat lebih banyak
          </button>
        </li>
      ) : null}
    </>
  );
}

/** The Komentar section under an article. Remounted (keyed) after a published comment, so the lists are fetched again. */
function CommentList({ slug, articleId, open, onPublished }: { slug: string; articleId: string; open: boolean; onPublished: () => void }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ArticleCommentsQuery, variables: { slug, after: null }, requestPolicy: 'network-only' });
  const [cursors, setCursors] = useState<string[]>([]);
  const article = data?.article;
  const comments = article?.comments;
  const count = article?.commentCount ?? 0;
  const loadMore = (cursor: string) => setCursors((list) => [...list, cursor]);
  return (
    <>
      <h2 className="box-title" id="komentar-judul">
        Komentar <span className="comment-count" data-testid="comment-count">({count})</span>
      </h2>
      {fetching && !data ? <p className="meta">Memuat komentar…</p> : null}
      {error && !data ? (
        <p className="form-error" role="alert">
          Gagal memuat komentar.{' '}
          <button type="button" className="link-button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Coba lagi
          </button>
        </p>
      ) : null}
      {comments && comments.edges.length === 0 ? <p className="meta" data-testid="no-comments">Belum ada komentar. Jadilah yang pertama berkomentar.</p> : null}
      {comments && comments.edges.length > 0 ? (
        <ol className="comment-list" data-testid="comment-list">
          <CommentItems nodes={comments.edges.map((e) => e.node)} articleId={articleId} open={open} onPublished={onPublished} />
          {cursors.map((after, i) => (
            <MoreComments key={after} slug={slug} after={after} isLast={i === cursors.length - 1} articleId={articleId} open={open} onLoadMore={loadMore} onPublished={onPublished} />
          ))}
          {cursors.length === 0 && comments.pageInfo.hasNextPage && comments.pageInfo.endCursor ? (
            <li className="load-more-item">
              <button type="button" className="button load-more" onClick={() => loadMore(comments.pageInfo.endCursor!)}>
                Muat lebih banyak
              </button>
            </li>
          ) : null}
        </ol>
      ) : null}
    </>
  );
}

export function CommentsSection({ slug, articleId }: { slug: string; articleId: string }) {
  const [{ data: openData }] = useQuery({ query: CommentsOpenQuery, variables: { slug }, requestPolicy: 'network-only' });
  // Bumped after a published comment or reply: the list is fetched again and shows it.
  const [version, setVersion] = useState(0);
  const open = openData?.article?.commentsOpen !== false;
  useEffect(() => {
    if (window.location.hash === '#komentar') document.getElementById('komentar')?.scrollIntoView();
  }, []);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <section className="comments" id="komentar" aria-labelledby="komentar-judul" data-testid="komentar">
      <CommentList key={version} slug={slug} articleId={articleId} open={open} onPublished={refresh} />
      {openData?.article && !open ? (
        <p className="comments-closed" data-testid="comments-closed">
          Komentar untuk artikel ini sudah ditutup.
        </p>
      ) : null}
      {openData?.article && open ? <CommentForm articleId={articleId} onPublished={refresh} /> : null}
    </section>
  );
}
