import { useEffect } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { articlePath, navigate } from '../router';
import { NotFound } from './NotFound';
import { Loading } from './States';

// Addresses of the site before it moved to Kabar ("/2024/12/03/slug/", "/?p=123", "/slug/") keep
// working: an address the frontend does not know is asked about with articleByPath, and when an
// imported article had it, the reader is sent on to its address here (a client-side redirect that
// replaces the history entry; an edge server in front of this app can answer the same question with
// a 301 for search engines). Otherwise it is a 404 as before.

const OldAddressQuery = graphql(`
  query OldAddress($path: String!) {
    articleByPath(path: $path) {
      slug
      url
    }
  }
`);

/** The current path with its query string, as the old site would have received it. */
export function requestedPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** True for the old site's "?p=123"-style addresses of its front page. */
export function hasOldPostQuery(): boolean {
  const params = new URLSearchParams(window.location.search);
  return ['p', 'page_id', 'attachment_id'].some((name) => /^\d+$/.test(params.get(name) ?? ''));
}

export function OldAddress({ title }: { title?: string }) {
  const path = requestedPath();
  const [{ data, fetching, error }] = useQuery({ query: OldAddressQuery, variables: { path } });
  const article = data?.articleByPath;
  useEffect(() => {
    if (article) navigate(articlePath(article), { replace: true });
  }, [article]);
  if (fetching || article) return <Loading label="Mencari halaman…" />;
  // A failed lookup is still a page that is not here.
  void error;
  return <NotFound title={title} />;
}
