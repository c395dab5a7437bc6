import { createContext, useContext, useEffect, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

// A tiny history router: the example has four kinds of page, which a pattern match covers.
// `key` changes on every navigation, also to the same address: one page view each.

export interface Location {
  path: string;
  key: number;
}

let nextKey = 1;
const RouterContext = createContext<Location>({ path: '/', key: 0 });

function current(): Location {
  return { path: window.location.pathname, key: nextKey++ };
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return <RouterContext.Provider value={location}>{children}</RouterContext.Provider>;
}

export function useLocation(): Location {
  return useContext(RouterContext);
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const plain = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (event.defaultPrevented || !plain || !href.startsWith('/')) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

export type Route =
  | { page: 'home' }
  | { page: 'section'; slug: string }
  | { page: 'article'; slug: string }
  | { page: 'newsroom'; view: NewsroomView }
  | { page: 'preview'; token: string }
  | { page: 'notFound' };

/** The newsroom's screens under /redaksi. */
export type NewsroomView = { screen: 'list' } | { screen: 'new' } | { screen: 'edit'; id: string } | { screen: 'comments' };

/** `/redaksi…` (the newsroom), `/pratinjau/<token>` (a preview), `/`, `/<section>` (or `/sections/<section>`), `/read/YYYY/MM/DD/<slug>` (Kabar's own article addresses) or `/artikel/<slug>`. */
export function matchRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'home' };
  // The newsroom and its preview page come before the section pattern, which would take /redaksi.
  if (/^\/redaksi\/?$/.test(path)) return { page: 'newsroom', view: { screen: 'list' } };
  if (/^\/redaksi\/baru\/?$/.test(path)) return { page: 'newsroom', view: { screen: 'new' } };
  if (/^\/redaksi\/komentar\/?$/.test(path)) return { page: 'newsroom', view: { screen: 'comments' } };
  let n = /^\/redaksi\/artikel\/([^/]+)\/?$/.exec(path);
  if (n) return { page: 'newsroom', view: { screen: 'edit', id: decodeURIComponent(n[1]!) } };
  n = /^\/pratinjau\/([^/]+)\/?$/.exec(path);
  if (n) return { page: 'preview', token: decodeURIComponent(n[1]!) };
  let m = /^\/read\/\d{4}\/\d{2}\/\d{2}\/([^/]+)\/?$/.exec(path) ?? /^\/artikel\/([^/]+)\/?$/.exec(path);
  if (m) return { page: 'article', slug: decodeURIComponent(m[1]!) };
  // `/sections/<slug>` is the section address Kabar's feeds link to.
  m = /^\/(?:sections\/)?([a-z0-9-]+)\/?$/.exec(path);
  if (m) return { page: 'section', slug: m[1]! };
  return { page: 'notFound' };
}

/** The frontend address of an article: Kabar's URL path when it is one of ours, else by slug. */
export function articlePath(article: { slug?: string | null; url?: string | null }): string {
  if (article.url) {
    try {
      const { pathname } = new URL(article.url);
      if (/^\/read\/\d{4}\/\d{2}\/\d{2}\/[^/]+$/.test(pathname)) return pathname;
    } catch {
      // not a URL: fall back to the slug
    }
  }
  return `/artikel/${encodeURIComponent(article.slug ?? '')}`;
}

export function sectionPath(section: { slug?: string | null }): string {
  return `/${section.slug ?? ''}`;
}
