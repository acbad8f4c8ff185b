// Build of the device benchmark page (bench/): the real db/ and crypto/ modules, no React, no service
// worker, so `npm run bench` can drive them in Chromium. Output in .tmp/bench-dist, never shipped.
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/** A benchmark page built from `root` into `outDir` (both relative to the repository), with the app's aliases. */
export function benchPageConfig(root: string, outDir: string): UserConfig {
  return {
    root: fileURLToPath(new URL(root, import.meta.url)),
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
      outDir: fileURLToPath(new URL(outDir, import.meta.url)),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
    },
  };
}

export default defineConfig(benchPageConfig('./bench/', './.tmp/bench-dist/'));
