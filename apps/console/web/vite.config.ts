import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built from apps/console (`vite build --config web/vite.config.ts`), served by the console's
// Express server from web/dist at `/`; in development the API is the server on port 3001.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('./dist', import.meta.url)), emptyOutDir: true },
  server: { proxy: { '/api': { target: 'http://localhost:3001', changeOrigin: false } } },
});
