// End-to-end tests in Debian Chromium at phone size, against the real server serving the built app.
// The build happens once before (scripts/test-all.mjs or `npm run build`); each run gets a fresh data folder.
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const dataDir = `.tmp/e2e-data-${process.pid}-${Date.now()}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_REPORTER ? [[process.env.PW_REPORTER]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices['Pixel 7'],
    viewport: { width: 360, height: 740 },
    browserName: 'chromium',
    locale: 'uk-UA',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npx tsx server/main.ts',
    url: `http://127.0.0.1:${port}/v1/health`,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      RODYNA_DATA: dataDir,
      // Always the embedded database in a fresh folder, even when DATABASE_URL is set for the server tests.
      DATABASE_URL: '',
      // The first coordinator, created at start; must match E2E_COORDINATOR in e2e/pages/coordinator-page.ts.
      RODYNA_ADMIN_LOGIN: 'koordynator',
      RODYNA_ADMIN_PASSWORD: 'e2e coordinator password',
      // Every test signs in or enrols from 127.0.0.1; the production limit (20 a minute) would refuse them.
      RODYNA_AUTH_PER_MINUTE: '10000',
    },
  },
});
