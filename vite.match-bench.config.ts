// Build of the matching-worker benchmark page (bench/match-worker/): the app's real match worker and client,
// no React, no service worker. Its own output folder, so it never clobbers the device bench page's build.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./bench/match-worker/', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    alias: {
      '@/': fileURLToPath(new URL('./src/', import.meta.url)),
      '@schema/': fileURLToPath(new URL('./schema/', import.meta.url)),
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    outDir: fileURLToPath(new URL('./.tmp/match-bench-dist/', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
