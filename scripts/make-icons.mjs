#!/usr/bin/env node
// Draws the app's logo (a house holding a heart: family, home) and renders the PWA icons from it with
// Chromium, so the PNGs are reproducible from this one file. Run once after changing the logo; the
// outputs in public/ are committed.
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { chromium } from '@playwright/test';

const PRIMARY = '#1f4e79';

/** The mark alone, on a 100×100 grid; `scale` shrinks it around the centre to leave padding. */
const mark = (scale) => `
  <g transform="translate(50 50) scale(${scale}) translate(-50 -50)">
    <path fill="${PRIMARY}" d="M50 8 L93 45 Q95 47 92 49 L84 49 L84 88 Q84 92 80 92 L20 92 Q16 92 16 88 L16 49 L8 49 Q5 47 7 45 Z"/>
    <path fill="#ffffff" d="M50 80 C36 70 28 62 31 53 C34 45 45 44 50 52 C55 44 66 45 69 53 C72 62 64 70 50 80 Z"/>
  </g>`;

const svg = ({ scale, background }) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${
    background ? `<rect width="100" height="100" fill="${background}"/>` : ''
  }${mark(scale)}</svg>`;

// The favicon keeps a transparent background so it sits on any tab colour.
writeFileSync('public/favicon.svg', `${svg({ scale: 1 })}\n`);

const icons = [
  { file: 'public/pwa-192x192.png', size: 192, scale: 0.86 },
  { file: 'public/pwa-512x512.png', size: 512, scale: 0.86 },
  // Maskable icons may be cropped to a circle of 80 % of the width: keep the mark well inside it.
  { file: 'public/maskable-icon-512x512.png', size: 512, scale: 0.6 },
  { file: 'public/apple-touch-icon.png', size: 180, scale: 0.78 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, size, scale } of icons) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0">${svg({ scale, background: '#ffffff' }).replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: file, clip: { x: 0, y: 0, width: size, height: size } });
    process.stdout.write(`wrote ${file}\n`);
  }
} finally {
  await browser.close();
}
