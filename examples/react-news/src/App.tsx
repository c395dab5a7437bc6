import { matchRoute, useLocation } from './router';
import { Layout } from './components/Layout';
import { NotFound } from './components/NotFound';
import { HomePage } from './pages/HomePage';
import { SectionPage } from './pages/SectionPage';
import { ArticlePage } from './pages/ArticlePage';

export function App() {
  const location = useLocation();
  const route = matchRoute(location.path);
  // Keyed by navigation: every visit starts a fresh page (state, "load more", one view beacon).
  switch (route.page) {
    case 'home':
      return (
        <Layout active="home">
          <HomePage key={location.key} />
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
    default:
      return (
        <Layout>
          <NotFound />
        </Layout>
      );
  }
}
