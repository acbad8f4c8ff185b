// Build of the matching-worker benchmark page (bench/match-worker/): the app's real match worker and client,
// no React, no service worker. Its own output folder, so it never clobbers the device bench page's build.
import { defineConfig } from 'vite';
import { benchPageConfig } from './vite.bench.config.ts';

export default defineConfig(benchPageConfig('./bench/match-worker/', './.tmp/match-bench-dist/'));
