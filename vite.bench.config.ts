// Build of the device benchmark page (bench/): the real db/ and crypto/ modules, no React, no service
// worker, so `npm run bench` can drive them in Chromium. Output in .tmp/bench-dist, never shipped.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./bench/', import.meta.url)),
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
    outDir: fileURLToPath(new URL('./.tmp/bench-dist/', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
