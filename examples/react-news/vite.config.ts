import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Kabar address is read at build time from VITE_KABAR_URL (default http://localhost:4000).
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
});
