import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useClient, type CombinedError } from 'urql';
import {
  CreateArticleMutation,
  CreatePreviewLinkMutation,
  NewsroomArticleQuery,
  PublishArticleMutation,
  RestoreRevisionMutation,
  UnpublishArticleMutation,
  UpdateArticleMutation,
} from '../graphql/newsroom';
import type { NewsroomArticleQuery as ArticleData, UpdateArticleInput } from '../gql/graphql';
import { Link } from '../router';
import { REVISION_KINDS } from './labels';
import { errorCode, errorExtensions, errorMessage } from './session';
import { formatWib, formatWibClock, isoToWibLocal, wibLocalToIso } from './wib';
import { RichText, type RichTextHandle } from './RichText';
import { LiveComposer } from './LiveComposer';
import { StatusBadge, type Me, type SectionOption } from './Newsroom';

type Article = NonNullable<ArticleData['editorArticle']>;

/** Autosave runs this long after the last change. */
export const AUTOSAVE_DELAY_MS = 5_000;

interface Fields {
  title: string;
  subtitle: string;
  section: string;
  tags: string;
  heroUrl: string;
  heroWidth: string;
  heroHeight: string;
  heroCaption: string;
  heroCredit: string;
  bodyHtml: string;
}

function fieldsOf(article: Article): Fields {
  return {
    title: article.title ?? '',
    subtitle: article.subtitle ?? '',
    section: article.section?.slug ?? '',
    tags: (article.tags ?? []).map((t) => t.name).join(', '),
    heroUrl: article.heroImage?.url ?? '',
    heroWidth: article.heroImage?.width ? String(article.heroImage.width) : '',
    heroHeight: article.heroImage?.height ? String(article.heroImage.height) : '',
    heroCaption: article.heroImage?.caption ?? '',
    heroCredit: article.heroImage?.credit ?? '',
    bodyHtml: article.bodyHtml ?? '',
  };
}

function toInput(fields: Fields): UpdateArticleInput & { title: string; section: string; bodyHtml: string } {
  const int = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : null);
  return {
    title: fields.title,
    subtitle: fields.subtitle.trim() || null,
    section: fields.section,
    bodyHtml: fields.bodyHtml,
    tags: fields.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    heroImage: fields.heroUrl.trim()
      ? {
          url: fields.heroUrl.trim(),
          width: int(fields.heroWidth),
          height: int(fields.heroHeight),
          caption: fields.heroCaption.trim() || null,
          credit: fields.heroCredit.trim() || null,
        }
      : null,
  };
}

type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: Date; auto: boolean } | { kind: 'error'; message: string };
interface Conflict {
  currentVersion: number;
  by: string | null;
}

/** The next whole quarter hour at least ten minutes ahead, as a WIB datetime-local value. */
function defaultScheduleValue(): string {
  const quarter = 15 * 60_000;
  return isoToWibLocal(new Date(Math.ceil((Date.now() + 10 * 60_000) / quarter) * quarter));
}

export function Editor({ id: initialId, me, sections, onUnauthenticated }: { id: string | null; me: Me; sections: readonly SectionOption[]; onUnauthenticated: () => void }) {
  const client = useClient();
  const [article, setArticle] = useState<Article | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>(() => ({
    title: '',
    subtitle: '',
    section: sections[0]?.slug ?? '',
    tags: '',
    heroUrl: '',
    heroWidth: '',
    heroHeight: '',
    heroCaption: '',
    heroCredit: '',
    bodyHtml: '',
  }));
  const [editorKey, setEditorKey] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [scheduleAt, setScheduleAt] = useState(defaultScheduleValue);
  const [busy, setBusy] = useState(false);

  // What the save loop reads: always the latest, without re-creating callbacks.
  const idRef = useRef<string | null>(initialId);
  const versionRef = useRef<number | null>(null);
  const fieldsRef = useRef(fields);
  const dirtyRef = useRef(false);
  const savingRef = useRef<Promise<boolean> | null>(null);
  const conflictRef = useRef<Conflict | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const bodyRef = useRef<RichTextHandle | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  // True when the server's hero image could not be read: saves then leave it as it is until the hero fields are edited.
  const heroUnknownRef = useRef(false);
  const [heroUnknown, setHeroUnknown] = useState(false);

  const handleError = useCallback(
    (error: CombinedError): string => {
      if (errorCode(error) === 'UNAUTHENTICATED') onUnauthenticated();
      return errorMessage(error);
    },
    [onUnauthenticated],
  );

  /** Loads the article; with `replaceFields` the form takes the server's content (first load, reload, restore). */
  const load = useCallback(
    async (replaceFields: boolean): Promise<Article | null> => {
      const id = idRef.current;
      if (!id) return null;
      const result = await client.query(NewsroomArticleQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
      // Kabar (editorial branch, as of this writing) fails to resolve EditorialArticle.heroImage when
      // there is one; the rest of the answer is good. Keep it, and leave the hero image alone on save.
      const heroFailed = Boolean(result.error?.graphQLErrors.length) && result.error!.graphQLErrors.every((e) => e.path?.[0] === 'editorArticle' && e.path?.[1] === 'heroImage');
      if (result.error && !(heroFailed && result.data?.editorArticle)) {
        setLoadError(handleError(result.error));
        return null;
      }
      const loaded = result.data?.editorArticle ?? null;
      if (!loaded) {
        setLoadError('Artikel tidak ditemukan.');
        return null;
      }
      setArticle(loaded);
      if (replaceFields) {
        heroUnknownRef.current = heroFailed;
        setHeroUnknown(heroFailed);
        const next = fieldsOf(loaded);
        fieldsRef.current = next;
        setFields(next);
        bodyRef.current?.setHtml(next.bodyHtml);
        versionRef.current = loaded.version ?? null;
        setVersion(loaded.version ?? null);
        dirtyRef.current = false;
        conflictRef.current = null;
        setConflict(null);
        if (loaded.status === 'SCHEDULED' && loaded.publishedAt) setScheduleAt(isoToWibLocal(loaded.publishedAt));
      }
      return loaded;
    },
    [client, handleError],
  );

  useEffect(() => {
    if (initialId) void load(true).then(() => setEditorKey((k) => k + 1));
  }, [initialId, load]);

  /** Saves the form now (autosave or "Simpan"); resolves false when it could not. */
  const save = useCallback(
    async (auto: boolean): Promise<boolean> => {
      if (timerRef.current) clearTimeout(timerRef.current);
      timerRef.current = null;
      if (conflictRef.current) return false;
      // One save at a time: a save asked for meanwhile runs after it, with the newest fields.
      while (savingRef.current) await savingRef.current;
      if (!dirtyRef.current && idRef.current) return true;
      const sent = fieldsRef.current;
      if (!sent.title.trim()) {
        setSaveState({ kind: 'error', message: 'Judul belum diisi: artikel disimpan setelah judul diisi.' });
        return false;
      }
      const run = (async (): Promise<boolean> => {
        setSaveState({ kind: 'saving' });
        const input = toInput(sent);
        if (heroUnknownRef.current) delete input.heroImage;
        let newVersion: number | null | undefined;
        let error: CombinedError | undefined;
        if (!idRef.current) {
          const result = await client.mutation(CreateArticleMutation, { input: { ...input, heroImage: input.heroImage ?? undefined } }).toPromise();
          error = result.error;
          const created = result.data?.createArticle?.article;
          if (created?.id) {
            idRef.current = created.id;
            // The address becomes the article's own, without remounting this editor.
            window.history.replaceState(null, '', `/redaksi/artikel/${encodeURIComponent(created.id)}`);
          }
          newVersion = created?.version;
        } else {
          const result = await client.mutation(UpdateArticleMutation, { id: idRef.current, expectedVersion: versionRef.current ?? 0, input }).toPromise();
          error = result.error;
          newVersion = result.data?.updateArticle?.article?.version;
        }
        if (error || newVersion == null) {
          if (error && errorCode(error) === 'VERSION_CONFLICT') {
            const currentVersion = Number(errorExtensions(error).currentVersion);
            const next: Conflict = { currentVersion, by: null };
            conflictRef.current = next;
            setConflict(next);
            setSaveState({ kind: 'dirty' });
            // Who saved it: the newest revision's editor.
            const latest = await client.query(NewsroomArticleQuery, { id: idRef.current! }, { requestPolicy: 'network-only' }).toPromise();
            const top = latest.data?.editorArticle?.revisions?.edges[0]?.node;
            if (conflictRef.current === next && top) {
              const named = { currentVersion, by: top.editor?.name ?? null };
              conflictRef.current = named;
              setConflict(named);
            }
            return false;
          }
          setSaveState({ kind: 'error', message: error ? handleError(error) : 'Gagal menyimpan.' });
          return false;
        }
        versionRef.current = newVersion;
        setVersion(newVersion);
        // Changes typed while the save was under way stay dirty and get their own save.
        dirtyRef.current = fieldsRef.current !== sent;
        setSaveState(dirtyRef.current ? { kind: 'dirty' } : { kind: 'saved', at: new Date(), auto });
        if (dirtyRef.current) timerRef.current = setTimeout(() => void save(true), AUTOSAVE_DELAY_MS);
        void load(false);
        return true;
      })();
      savingRef.current = run;
      try {
        return await run;
      } finally {
        if (savingRef.current === run) savingRef.current = null;
      }
    },
    [client, handleError, load],
  );

  const change = useCallback(
    (patch: Partial<Fields>) => {
      const next = { ...fieldsRef.current, ...patch };
      if (Object.keys(patch).some((key) => key.startsWith('hero'))) {
        heroUnknownRef.current = false;
        setHeroUnknown(false);
      }
      fieldsRef.current = next;
      setFields(next);
      dirtyRef.current = true;
      if (!conflictRef.current) setSaveState({ kind: 'dirty' });
      if (timerRef.current) clearTimeout(timerRef.current);
      timerRef.current = setTimeout(() => void save(true), AUTOSAVE_DELAY_MS);
    },
    [save],
  );

  useEffect(
    () => () => {
      if (timerRef.current) clearTimeout(timerRef.current);
    },
    [],
  );
  // Leaving with unsaved changes asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  /** Runs an action on the saved article (saving pending changes first). */
  const act = async (label: string, run: (id: string, expectedVersion: number) => Promise<{ error?: CombinedError; version?: number | null }>, done: string, replaceFields = false) => {
    setNotice(null);
    setBusy(true);
    try {
      if (!(await save(false)) || !idRef.current) return;
      const result = await run(idRef.current, versionRef.current ?? 0);
      if (result.error) {
        if (errorCode(result.error) === 'VERSION_CONFLICT') {
          const next: Conflict = { currentVersion: Number(errorExtensions(result.error).currentVersion), by: null };
          conflictRef.current = next;
          setConflict(next);
        } else setNotice({ text: `${label} gagal: ${handleError(result.error)}`, error: true });
        return;
      }
      if (result.version != null) {
        versionRef.current = result.version;
        setVersion(result.version);
      }
      setNotice({ text: done });
      await load(replaceFields);
    } finally {
      setBusy(false);
    }
  };

  const publishNow = () =>
    act('Menerbitkan', async (id, expectedVersion) => {
      const r = await client.mutation(PublishArticleMutation, { id, expectedVersion }).toPromise();
      return { error: r.error, version: r.data?.publishArticle?.article?.version };
    }, 'Artikel diterbitkan.');

  const schedule = () => {
    const at = wibLocalToIso(scheduleAt);
    if (!at || new Date(at).getTime() <= Date.now()) {
      setNotice({ text: 'Pilih waktu terbit di masa depan (WIB).', error: true });
      return;
    }
    void act('Menjadwalkan', async (id, expectedVersion) => {
      const r = await client.mutation(PublishArticleMutation, { id, expectedVersion, at }).toPromise();
      return { error: r.error, version: r.data?.publishArticle?.article?.version };
    }, `Artikel dijadwalkan terbit ${formatWib(at)}.`);
  };

  const takeDown = () =>
    act('Menarik', async (id, expectedVersion) => {
      const r = await client.mutation(UnpublishArticleMutation, { id, expectedVersion }).toPromise();
      return { error: r.error, version: r.data?.unpublishArticle?.article?.version };
    }, 'Artikel ditarik dari publikasi (Diarsipkan).');

  const restore = (revisionVersion: number) =>
    act('Memulihkan', async (id, expectedVersion) => {
      const r = await client.mutation(RestoreRevisionMutation, { id, version: revisionVersion, expectedVersion }).toPromise();
      return { error: r.error, version: r.data?.restoreRevision?.article?.version };
    }, `Versi ${revisionVersion} dipulihkan sebagai versi baru.`, true);

  const preview = async () => {
    setNotice(null);
    // Opened now, while the click still counts as the user's: popup blockers allow it.
    const tab = window.open('', '_blank');
    if (!(await save(false)) || !idRef.current) {
      tab?.close();
      return;
    }
    const result = await client.mutation(CreatePreviewLinkMutation, { id: idRef.current }).toPromise();
    const token = result.data?.createPreviewLink?.token;
    if (!token) {
      tab?.close();
      setNotice({ text: `Pratinjau gagal: ${result.error ? handleError(result.error) : ''}`, error: true });
      return;
    }
    const href = `${window.location.origin}/pratinjau/${encodeURIComponent(token)}`;
    if (tab) {
      tab.opener = null;
      tab.location.href = href;
    } else {
      setNotice({ text: `Buka pratinjau: ${href}` });
    }
  };

  const reloadLatest = async () => {
    if (timerRef.current) clearTimeout(timerRef.current);
    await load(true);
    setSaveState({ kind: 'idle' });
    setNotice({ text: 'Versi terbaru dimuat; perubahan Anda yang belum tersimpan dibuang.' });
  };

  const overwrite = async () => {
    const current = conflictRef.current;
    if (!current) return;
    versionRef.current = current.currentVersion;
    conflictRef.current = null;
    setConflict(null);
    await save(false);
  };

  if (loadError) {
    return (
      <div className="panel">
        <p role="alert">{loadError}</p>
        <Link href="/redaksi">Kembali ke daftar</Link>
      </div>
    );
  }
  if (initialId && !article) return <p role="status">Memuat artikel…</p>;

  const mayPublish = me.role === 'EDITOR' || me.role === 'ADMIN';
  const status = article?.status ?? 'DRAFT';
  const revisions = article?.revisions?.edges.map((e) => e.node) ?? [];
  const input = (name: keyof Fields, label: string, props: Record<string, unknown> = {}) => (
    <label className={`field field-${name}`}>
      {label}
      <input name={name} value={fields[name]} onChange={(e) => change({ [name]: e.target.value })} {...props} />
    </label>
  );

  return (
    <div className="editor-layout">
      <section className="editor-main" aria-label="Penyunting">
        <div className="newsroom-toolbar">
          <Link href="/redaksi">‹ Daftar artikel</Link>
          <div className="editor-status">
            <StatusBadge status={status} />
            {version != null ? <span className="meta" data-testid="version">versi {version}</span> : null}
            <SaveLine state={saveState} />
          </div>
        </div>
        {conflict ? (
          <div className="conflict" role="alert" data-testid="conflict">
            <p>
              <strong>Versi Anda sudah kedaluwarsa:</strong> {conflict.by ?? 'orang lain'} menyimpan versi {conflict.currentVersion}. Perubahan Anda
              belum tersimpan.
            </p>
            <button type="button" className="button" onClick={() => void reloadLatest()}>
              Muat ulang versi terbaru
            </button>{' '}
            <button type="button" className="button ghost" onClick={() => void overwrite()}>
              Timpa dengan versi saya
            </button>
          </div>
        ) : null}
        {notice ? (
          <p className={notice.error ? 'form-error' : 'notice'} role={notice.error ? 'alert' : 'status'} data-testid="notice">
            {notice.text}
          </p>
        ) : null}
        {input('title', 'Judul', { className: 'title-input', required: true, maxLength: 300, placeholder: 'Judul berita' })}
        {input('subtitle', 'Subjudul', { maxLength: 500 })}
        <div className="field-row">
          <label className="field">
            Kanal
            <select name="section" value={fields.section} onChange={(e) => change({ section: e.target.value })}>
              {sections.map((s) => (
                <option key={s.slug} value={s.slug ?? ''}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          {input('tags', 'Tag (pisahkan dengan koma)', { placeholder: 'pemilu, jakarta' })}
        </div>
        <fieldset className="hero-fields">
          <legend>Foto utama</legend>
          {heroUnknown ? <p className="meta">Foto utama yang tersimpan tidak dapat dibaca dari server; foto itu tidak diubah kecuali Anda mengisi kolom di bawah.</p> : null}
          {input('heroUrl', 'Alamat gambar (URL)', { placeholder: 'https://… atau /media/…' })}
          <div className="field-row">
            {input('heroWidth', 'Lebar (px)', { inputMode: 'numeric' })}
            {input('heroHeight', 'Tinggi (px)', { inputMode: 'numeric' })}
          </div>
          <div className="field-row">
            {input('heroCaption', 'Keterangan foto')}
            {input('heroCredit', 'Kredit foto')}
          </div>
        </fieldset>
        <div className="field">
          <span>Isi berita</span>
          <RichText key={editorKey} initialHtml={fields.bodyHtml} onChange={(bodyHtml) => change({ bodyHtml })} handleRef={bodyRef} />
        </div>
        <div className="editor-actions">
          <button type="button" className="button" onClick={() => void save(false).then((ok) => ok && setNotice(null))} disabled={Boolean(conflict)}>
            Simpan
          </button>
          <button type="button" className="button ghost" onClick={() => void preview()} disabled={Boolean(conflict)}>
            Pratinjau
          </button>
        </div>
      </section>
      <aside className="editor-side">
        {mayPublish && article ? (
          <Panel title="Terbitkan">
            {article.publishedAt ? (
              <p className="meta" data-testid="published-at">
                {status === 'SCHEDULED' ? 'Terjadwal: ' : 'Waktu terbit: '}
                {formatWib(article.publishedAt)}
              </p>
            ) : null}
            {status !== 'PUBLISHED' ? (
              <button type="button" className="button" disabled={busy || Boolean(conflict)} onClick={() => void publishNow()}>
                Terbitkan sekarang
              </button>
            ) : null}
            <label className="field">
              Waktu terbit (WIB)
              <input type="datetime-local" name="scheduleAt" value={scheduleAt} step={60} onChange={(e) => setScheduleAt(e.target.value)} />
            </label>
            <p className="meta" data-testid="schedule-preview">
              {wibLocalToIso(scheduleAt) ? `= ${formatWib(wibLocalToIso(scheduleAt)!)} (UTC+7)` : 'Pilih tanggal dan jam.'}
            </p>
            <button type="button" className="button ghost" disabled={busy || Boolean(conflict)} onClick={schedule}>
              Jadwalkan
            </button>
            {status === 'PUBLISHED' || status === 'SCHEDULED' ? (
              <button type="button" className="button danger" disabled={busy || Boolean(conflict)} onClick={() => void takeDown()}>
                Tarik
              </button>
            ) : null}
            {article.url && status === 'PUBLISHED' ? (
              <p className="meta">
                <a href={new URL(article.url).pathname} target="_blank" rel="noopener noreferrer">
                  Lihat di situs
                </a>
              </p>
            ) : null}
          </Panel>
        ) : null}
        {!mayPublish && article ? <p className="meta">Editor yang menerbitkan atau menjadwalkan artikel ini.</p> : null}
        {article?.id && article.slug && status === 'PUBLISHED' ? (
          <Panel title="Laporan langsung">
            <LiveComposer articleId={article.id} slug={article.slug} mayToggle={mayPublish} />
          </Panel>
        ) : null}
        {article ? (
          <Panel title="Riwayat revisi">
            <ol className="revisions" data-testid="revisions">
              {revisions.map((revision) => (
                <li key={revision.version} data-testid="revision" data-version={revision.version ?? undefined}>
                  <div>
                    <strong>
                      v{revision.firstVersion !== revision.version ? `${revision.firstVersion}–${revision.version}` : revision.version}
                    </strong>{' '}
                    {REVISION_KINDS[revision.kind ?? ''] ?? revision.kind}
                    <div className="meta">
                      {revision.editor?.name ?? 'Penjadwal otomatis'} · {revision.savedAt ? formatWib(revision.savedAt) : ''}
                    </div>
                    <div className="revision-title">{revision.title}</div>
                  </div>
                  {revision.version !== version ? (
                    <button type="button" className="button small ghost" disabled={busy || Boolean(conflict)} onClick={() => void restore(revision.version!)}>
                      Pulihkan
                    </button>
                  ) : (
                    <span className="meta">terkini</span>
                  )}
                </li>
              ))}
            </ol>
          </Panel>
        ) : null}
      </aside>
    </div>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel side-panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function SaveLine({ state }: { state: SaveState }) {
  let text = '';
  switch (state.kind) {
    case 'dirty':
      text = 'Ada perubahan yang belum disimpan';
      break;
    case 'saving':
      text = 'Menyimpan…';
      break;
    case 'saved':
      text = `${state.auto ? 'Disimpan otomatis' : 'Tersimpan'} pukul ${formatWibClock(state.at)}`;
      break;
    case 'error':
      text = state.message;
      break;
    default:
      text = '';
  }
  return (
    <span className={state.kind === 'error' ? 'save-line form-error' : 'save-line meta'} data-testid="save-state" data-state={state.kind} role="status">
      {text}
    </span>
  );
}
