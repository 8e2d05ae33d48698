import react from '@vitejs/plugin-react-swc';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console's single-page app, built to dist/console-web (served by the console's Nest app). No inline script
 * or style ends up in index.html (CSP: script-src 'self'; style-src 'self'); screens are lazy chunks.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../../dist/console-web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.CONSOLE_URL ?? 'http://127.0.0.1:3005', changeOrigin: false } },
  },
});
