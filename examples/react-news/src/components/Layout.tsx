import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { NavigationQuery } from '../graphql/operations';
import { Link, sectionPath } from '../router';
import { formatDate } from '../format';

/** `active`: the menu entry to highlight, 'home' or a section slug. */
export function Layout({ active, children }: { active?: string; children: ReactNode }) {
  // The menu is fetched once and then served from urql's cache on every page.
  const [{ data }] = useQuery({ query: NavigationQuery });
  const name = data?.publication?.name ?? 'Kabar Nusantara';
  return (
    <>
      <header className="site-header">
        <div className="topbar">
          <div className="container topbar-inner">
            <span>{formatDate(new Date().toISOString())}</span>
            {data?.publication?.whatsappChannelUrl ? (
              <a href={data.publication.whatsappChannelUrl} target="_blank" rel="noopener noreferrer">
                Saluran WhatsApp
              </a>
            ) : null}
          </div>
        </div>
        <div className="container brand">
          <Link href="/" className="logo" aria-label={`${name}, beranda`}>
            <span className="logo-mark">K</span>
            <span className="logo-text">{name}</span>
          </Link>
        </div>
        <nav className="sections-nav" aria-label="Kanal">
          <div className="container">
            <Link href="/" className={active === 'home' ? 'active' : undefined}>
              Beranda
            </Link>
            {data?.sections?.map((section) => (
              <Link key={section.id} href={sectionPath(section)} className={active === section.slug ? 'active' : undefined}>
                {section.name}
              </Link>
            ))}
          </div>
        </nav>
      </header>
      <main className="container">{children}</main>
      <footer className="site-footer">
        <div className="container">
          <p>
            © {new Date().getFullYear()} {name}. Contoh tampilan portal berita di atas API GraphQL Kabar.
          </p>
          {data?.publication?.googleNewsUrl ? (
            <p>
              <a href={data.publication.googleNewsUrl} target="_blank" rel="noopener noreferrer">
                Ikuti kami di Google News
              </a>
            </p>
          ) : null}
        </div>
      </footer>
    </>
  );
}
