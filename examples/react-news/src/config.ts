/** Where Kabar answers; set VITE_KABAR_URL at build (or dev-server start) time. */
export const KABAR_URL = (import.meta.env.VITE_KABAR_URL ?? 'http://localhost:4000').replace(/\/$/, '');
