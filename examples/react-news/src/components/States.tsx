import type { CombinedError } from 'urql';

export function Loading({ label = 'Memuat…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <div className="skeleton skeleton-title" />
      <div className="skeleton skeleton-line" />
      <div className="skeleton skeleton-line short" />
      <div className="skeleton skeleton-block" />
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: CombinedError; onRetry: () => void }) {
  const offline = Boolean(error.networkError);
  return (
    <div className="error-state" role="alert">
      <h1>Gagal memuat halaman</h1>
      <p>
        {offline
          ? 'Server berita tidak dapat dihubungi. Periksa koneksi internet Anda, lalu coba lagi.'
          : 'Terjadi kesalahan saat memuat berita. Silakan coba lagi.'}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Coba lagi
      </button>
    </div>
  );
}
