import { Suspense, lazy } from 'react';
import { matchRoute, useLocation } from './router';
import { Layout } from './components/Layout';
import { OldAddress, hasOldPostQuery } from './components/OldAddress';
import { HomePage } from './pages/HomePage';
import { SectionPage } from './pages/SectionPage';
import { ArticlePage } from './pages/ArticlePage';
import { PreviewPage } from './pages/PreviewPage';


// The newsroom (and its rich-text editor) is a separate chunk: readers never download it.
const Newsroom = lazy(() => import('./newsroom/Newsroom').then((m) => ({ default: m.Newsroom })));

export function App() {
  const location = useLocation();
  const route = matchRoute(location.path);
  // Keyed by navigation: every visit starts a fresh page (state, "load more", one view beacon).
  switch (route.page) {
    case 'home':
      // "/?p=123" was the old site's address of a post, not its front page.
      return (
        <Layout active="home">
          {hasOldPostQuery() ? <OldAddress key={location.key} /> : <HomePage key={location.key} />}
        </Layout>
      );
    case 'section':
      return (
        <Layout active={route.slug}>
          <SectionPage key={location.key} slug={route.slug} />
        </Layout>
      );
    case 'article':
      return (
        <Layout>
          <ArticlePage key={location.key} slug={route.slug} />
        </Layout>
      );
    case 'newsroom':
      // The newsroom has its own frame and its own GraphQL client (with the staff token).
      return (
        <Suspense fallback={<p role="status">Memuat redaksi…</p>}>
          <Newsroom view={route.view} />
        </Suspense>
      );
    case 'preview':
      return (
        <Layout>
          <PreviewPage key={location.key} token={route.token} />
        </Layout>
      );
    default:
      return (
        <Layout>
          <OldAddress key={location.key} />
        </Layout>
      );
  }
}
