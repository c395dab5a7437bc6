import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Client, Provider, fetchExchange, useMutation, useQuery } from 'urql';
import { KABAR_URL } from '../config';
import { Link, navigate, type NewsroomView } from '../router';
import { NewsroomArticlesQuery, NewsroomMeQuery, SignInMutation, SignOutMutation } from '../graphql/newsroom';
import type { ArticleStatus, NewsroomMeQuery as MeData } from '../gql/graphql';
import { ROLE_LABELS, STATUS_LABELS } from './labels';
import { errorCode, errorMessage, useStaffToken } from './session';
import { formatWib } from './wib';
import { Editor } from './Editor';
import { Moderation } from './Moderation';

export type Me = NonNullable<MeData['me']>;
export type SectionOption = NonNullable<MeData['sections']>[number];

/** A client for staff: the bearer token on every request, and no document cache (staff data changes under us). */
function staffClient(token: string | null): Client {
  return new Client({
    url: `${KABAR_URL}/graphql`,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
}

/** /redaksi: sign-in, the list, the editor. */
export function Newsroom({ view }: { view: NewsroomView }) {
  const [token, setToken] = useStaffToken();
  const client = useMemo(() => staffClient(token), [token]);
  useEffect(() => {
    document.title = 'Redaksi · Kabar Nusantara';
  }, []);
  return (
    <Provider value={client}>
      <div className="newsroom">{token ? <SignedIn view={view} onSignedOut={() => setToken(null)} /> : <SignIn onSignedIn={setToken} />}</div>
    </Provider>
  );
}

/** Moderators work on comments only; writers on articles only; editors and admins on both. */
function canWriteArticles(me: Me): boolean {
  return me.role !== 'MODERATOR';
}

function canModerate(me: Me): boolean {
  return me.role === 'MODERATOR' || me.role === 'EDITOR' || me.role === 'ADMIN';
}

function Frame({ me, onSignOut, active, children }: { me?: Me | null; onSignOut?: () => void; active?: NewsroomView['screen']; children: ReactNode }) {
  return (
    <>
      <header className="newsroom-header">
        <div className="container newsroom-header-inner">
          <Link href="/redaksi" className="newsroom-brand">
            <span className="logo-mark">K</span> Redaksi
          </Link>
          {me ? (
            <nav className="newsroom-nav" aria-label="Menu redaksi">
              {canWriteArticles(me) ? (
                <Link href="/redaksi" className={active === 'comments' ? undefined : 'active'} aria-current={active === 'comments' ? undefined : 'page'}>
                  Artikel
                </Link>
              ) : null}
              {canModerate(me) ? (
                <Link href="/redaksi/komentar" className={active === 'comments' ? 'active' : undefined} aria-current={active === 'comments' ? 'page' : undefined}>
                  Komentar
                </Link>
              ) : null}
            </nav>
          ) : null}
          {me ? (
            <div className="newsroom-user">
              <span data-testid="staff-name">
                {me.name} <span className="meta">({me.role ? ROLE_LABELS[me.role] : ''})</span>
              </span>
              <button type="button" className="button ghost" onClick={onSignOut}>
                Keluar
              </button>
            </div>
          ) : null}
        </div>
      </header>
      <main className="container newsroom-main">{children}</main>
    </>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [{ fetching }, signIn] = useMutation(SignInMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const result = await signIn({ email, password });
    const token = result.data?.signIn?.token;
    if (token) return onSignedIn(token);
    if (result.error && errorCode(result.error) === 'UNAUTHENTICATED') setMessage('E-mail atau kata sandi salah, atau akun dinonaktifkan.');
    else setMessage(result.error ? errorMessage(result.error) : 'Gagal masuk.');
  };
  return (
    <Frame>
      <form className="sign-in panel" onSubmit={submit} aria-label="Masuk ke redaksi">
        <h1>Masuk ke Redaksi</h1>
        <label>
          E-mail
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Kata sandi
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {message ? (
          <p className="form-error" role="alert">
            {message}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={fetching}>
          Masuk
        </button>
      </form>
    </Frame>
  );
}

function SignedIn({ view, onSignedOut }: { view: NewsroomView; onSignedOut: () => void }) {
  const [{ data, error, fetching }] = useQuery({ query: NewsroomMeQuery });
  const [, signOut] = useMutation(SignOutMutation);
  const me = data?.me;
  // An expired or revoked token: back to the sign-in form.
  useEffect(() => {
    if ((data && !data.me) || errorCode(error) === 'UNAUTHENTICATED') onSignedOut();
  }, [data, error, onSignedOut]);
  const leave = async () => {
    await signOut({});
    onSignedOut();
    navigate('/redaksi');
  };
  if (!me) {
    return <Frame>{fetching ? <p role="status">Memuat…</p> : error ? <p role="alert">{errorMessage(error)}</p> : null}</Frame>;
  }
  const sections = data?.sections ?? [];
  // A moderator has no article list: the comment screen is theirs.
  const screen = view.screen === 'list' && !canWriteArticles(me) ? 'comments' : view.screen;
  return (
    <Frame me={me} onSignOut={leave} active={screen}>
      {screen === 'comments' ? (
        canModerate(me) ? (
          <Moderation />
        ) : (
          <p className="form-error" role="alert">
            Peran Anda tidak boleh memoderasi komentar.
          </p>
        )
      ) : screen === 'list' ? (
        <ArticleList sections={sections} />
      ) : (
        <Editor key={view.screen === 'edit' ? view.id : 'new'} id={view.screen === 'edit' ? view.id : null} me={me} sections={sections} onUnauthenticated={onSignedOut} />
      )}
    </Frame>
  );
}

const STATUS_FILTERS: { value: string; label: string; statuses: ArticleStatus[] | null }[] = [
  { value: '', label: 'Semua status', statuses: null },
  { value: 'DRAFT', label: 'Draf', statuses: ['DRAFT'] },
  { value: 'SCHEDULED', label: 'Terjadwal', statuses: ['SCHEDULED'] },
  { value: 'PUBLISHED', label: 'Terbit', statuses: ['PUBLISHED'] },
  { value: 'ARCHIVED', label: 'Diarsipkan', statuses: ['ARCHIVED'] },
];

function ArticleList({ sections }: { sections: readonly SectionOption[] }) {
  const [status, setStatus] = useState('');
  const [section, setSection] = useState('');
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [mine, setMine] = useState(false);
  // The title search waits for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchInput.trim()), 300);
    return () => clearTimeout(timer);
  }, [searchInput]);
  const variables = {
    status: STATUS_FILTERS.find((f) => f.value === status)?.statuses ?? null,
    section: section || null,
    search: search || null,
    mine: mine || null,
  };
  const [{ data, fetching, error }] = useQuery({ query: NewsroomArticlesQuery, variables });
  const rows = data?.editorArticles?.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-label="Daftar artikel">
      <div className="newsroom-toolbar">
        <h1>Artikel</h1>
        <Link href="/redaksi/baru" className="button">
          Tulis artikel baru
        </Link>
      </div>
      <div className="filters" role="search">
        <label>
          Status
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUS_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kanal
          <select name="section" value={section} onChange={(e) => setSection(e.target.value)}>
            <option value="">Semua kanal</option>
            {sections.map((s) => (
              <option key={s.slug} value={s.slug ?? ''}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Cari judul
          <input type="search" name="search" value={searchInput} placeholder="Ketik sebagian judul…" onChange={(e) => setSearchInput(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" name="mine" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Tulisan saya saja
        </label>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <table className="article-table" data-testid="article-list" aria-busy={fetching}>
        <thead>
          <tr>
            <th>Judul</th>
            <th>Status</th>
            <th>Kanal</th>
            <th>Penulis</th>
            <th>Waktu terbit</th>
            <th>Diperbarui</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="article-row" data-status={row.status ?? undefined}>
              <td>
                <Link href={`/redaksi/artikel/${encodeURIComponent(row.id ?? '')}`}>{row.title || '(tanpa judul)'}</Link>
              </td>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td>{row.section?.name}</td>
              <td>{row.author?.name}</td>
              <td>{row.publishedAt ? formatWib(row.publishedAt) : '–'}</td>
              <td>{row.updatedAt ? formatWib(row.updatedAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!fetching && rows.length === 0 ? <p className="meta">Tidak ada artikel yang cocok.</p> : null}
    </section>
  );
}

export function StatusBadge({ status }: { status: ArticleStatus | null | undefined }) {
  if (!status) return null;
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-testid="status-badge">
      {STATUS_LABELS[status]}
    </span>
  );
}
