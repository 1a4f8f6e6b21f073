import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build:web` writes dist/web, which the engine serves at `/`; `npm run dev:web` serves the
// app with hot reload and passes /api to a running engine (PJ_API).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The first screen's size is measured gzipped (issue 14's bench target: 300 kB), not by this warning.
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: process.env.PJ_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
