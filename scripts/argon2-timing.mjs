// Times one Argon2id derivation (hash-wasm, as the app runs it) in Debian Chromium at several settings, to
// choose DEFAULT_ARGON2 in src/crypto/keys.ts. Usage: node scripts/argon2-timing.mjs (under the browser lock).
import { readFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const settings = [
  [32, 3], [32, 4], [48, 3], [64, 2], [64, 3], [64, 4], [96, 2], [128, 2],
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.setContent('<!doctype html><title>argon2</title>');
await page.addScriptTag({ content: await readFile(new URL('../node_modules/hash-wasm/dist/argon2.umd.min.js', import.meta.url), 'utf8') });
console.log('memory MiB  iterations  median ms (5 runs, after one warm-up)');
for (const [mib, iterations] of settings) {
  const times = await page.evaluate(async ({ mib, iterations }) => {
    const run = () => globalThis.hashwasm.argon2id({
      password: 'тихий ранок над рікою', salt: crypto.getRandomValues(new Uint8Array(16)),
      parallelism: 1, iterations, memorySize: mib * 1024, hashLength: 32, outputType: 'binary',
    });
    await run();
    const out = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await run();
      out.push(performance.now() - t);
    }
    return out.sort((a, b) => a - b);
  }, { mib, iterations });
  console.log(`${String(mib).padStart(10)}  ${String(iterations).padStart(10)}  ${times[2].toFixed(0).padStart(9)}`);
}
await browser.close();
