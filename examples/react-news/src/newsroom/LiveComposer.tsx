import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { AddLiveEntryMutation, LiveBlogQuery, SetArticleLiveMutation } from '../graphql/live';
import { errorMessage } from './session';

// The newsroom's live-blog panel (issue 13): editors turn a published article into a live blog (and
// end it); writers and editors add entries while it is live. Readers see a new entry within a second
// (the article page's "N pembaruan baru").

export function LiveComposer({ articleId, slug, mayToggle }: { articleId: string; slug: string; mayToggle: boolean }) {
  const [{ data }, refetch] = useQuery({ query: LiveBlogQuery, variables: { slug }, requestPolicy: 'network-only' });
  const [, setLive] = useMutation(SetArticleLiveMutation);
  const [, addEntry] = useMutation(AddLiveEntryMutation);
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [pinned, setPinned] = useState(false);
  const [keyEvent, setKeyEvent] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const isLive = Boolean(data?.article?.isLive);
  const count = data?.article?.liveEntries?.edges.length ?? 0;

  async function toggle() {
    setBusy(true);
    const result = await setLive({ articleId, live: !isLive });
    setBusy(false);
    if (result.error) return setNotice({ text: errorMessage(result.error), error: true });
    setNotice({ text: result.data?.setArticleLive?.isLive ? 'Laporan langsung dimulai.' : 'Laporan langsung diakhiri.' });
    refetch({ requestPolicy: 'network-only' });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const paragraphs = text
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (paragraphs.length === 0) return setNotice({ text: 'Tulis isi pembaruan dulu.', error: true });
    const html = paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`).join('');
    setBusy(true);
    const result = await addEntry({ articleId, input: { html, title: title.trim() || null, pinned, keyEvent } });
    setBusy(false);
    if (result.error) return setNotice({ text: errorMessage(result.error), error: true });
    setText('');
    setTitle('');
    setPinned(false);
    setKeyEvent(false);
    setNotice({ text: 'Pembaruan terkirim.' });
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <div className="live-composer" data-testid="live-composer">
      <p className="meta" data-testid="live-state">
        {isLive ? `Sedang live · ${count} pembaruan` : 'Tidak sedang live'}
      </p>
      {mayToggle ? (
        <button type="button" className={isLive ? 'button ghost' : 'button'} disabled={busy} onClick={() => void toggle()}>
          {isLive ? 'Akhiri laporan langsung' : 'Mulai laporan langsung'}
        </button>
      ) : null}
      {isLive || mayToggle ? (
        <form onSubmit={(e) => void submit(e)}>
          <label className="field">
            Judul pembaruan (opsional)
            <input name="liveTitle" value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field">
            Isi pembaruan
            <textarea name="liveText" value={text} onChange={(e) => setText(e.target.value)} placeholder="Pukul 10.15 WIB: …" />
          </label>
          <label>
            <input type="checkbox" name="livePinned" checked={pinned} onChange={(e) => setPinned(e.target.checked)} /> Sematkan
          </label>{' '}
          <label>
            <input type="checkbox" name="liveKeyEvent" checked={keyEvent} onChange={(e) => setKeyEvent(e.target.checked)} /> Peristiwa penting
          </label>
          <div>
            <button type="submit" className="button" disabled={busy}>
              Kirim pembaruan
            </button>
          </div>
        </form>
      ) : (
        <p className="meta">Editor memulai laporan langsung; setelah itu Anda dapat menambah pembaruan.</p>
      )}
      {notice ? (
        <p className={notice.error ? 'form-error' : 'notice'} role={notice.error ? 'alert' : 'status'} data-testid="live-notice">
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}
