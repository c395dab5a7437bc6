import { useEffect, type ReactNode } from 'react';
import { Link } from '../router';

export function NotFound({ title = 'Halaman tidak ditemukan', children }: { title?: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Kabar Nusantara`;
  }, [title]);
  return (
    <div className="not-found" data-testid="not-found">
      <p className="not-found-code">404</p>
      <h1>{title}</h1>
      <p>Halaman yang Anda cari mungkin sudah dipindahkan, dihapus, atau alamatnya salah ketik.</p>
      <p>
        <Link href="/" className="button">
          Kembali ke beranda
        </Link>
      </p>
      {children}
    </div>
  );
}
