import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Client, Provider, cacheExchange, fetchExchange } from 'urql';
import { KABAR_URL } from './config';
import { RouterProvider } from './router';
import { App } from './App';
import './styles.css';

const client = new Client({
  url: `${KABAR_URL}/graphql`,
  exchanges: [cacheExchange, fetchExchange],
  // Kabar answers POST; GET would also work, and suits a CDN in front of Kabar.
  preferGetMethod: false,
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={client}>
      <RouterProvider>
        <App />
      </RouterProvider>
    </Provider>
  </StrictMode>,
);
