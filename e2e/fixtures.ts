// Shared Playwright fixtures: `app`, a page object for the shell (set-up, unlock, lock, offline, service
// worker), and an axe check. Every spec imports { test, expect } from here.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

/** Four unrelated words: passes the strength rule (crypto/passphrase-strength.ts); real Argon2 takes ~0.25 s here. */
export const PASSPHRASE = 'тихий ранок над рікою';

/** Texts the fixtures rely on, in either language, so a spec may switch to English and keep using them. */
const T = {
  passphrase: /^(Парольна фраза|Passphrase)$/,
  repeat: /^(Повторіть парольну фразу|Repeat the passphrase)$/,
  setUp: /^(Зберегти й почати|Save and start)$/,
  unlock: /^(Розблокувати|Unlock)$/,
  lock: /^(Заблокувати|Lock now)$/,
};

export class AppPage {
  constructor(readonly page: Page) {}

  async goto(path = '/'): Promise<void> {
    await this.page.goto(path);
  }

  /** The header's "Lock now" button shows only while unlocked, so it marks the unlocked shell. */
  get lockButton() {
    return this.page.getByRole('banner').getByRole('button', { name: T.lock });
  }

  get navigation() {
    return this.page.getByRole('navigation');
  }

  /** First run: from a fresh browser profile to the unlocked list. */
  async setUp(passphrase = PASSPHRASE): Promise<void> {
    await this.page.goto('/');
    await expect(this.page).toHaveURL(/\/setup$/);
    await this.page.getByLabel(T.passphrase).fill(passphrase);
    await this.page.getByLabel(T.repeat).fill(passphrase);
    await this.page.getByRole('button', { name: T.setUp }).click();
    await expect(this.lockButton).toBeVisible();
  }

  async unlock(passphrase = PASSPHRASE): Promise<void> {
    await expect(this.page).toHaveURL(/\/unlock/);
    await this.page.getByLabel(T.passphrase).fill(passphrase);
    await this.page.getByRole('button', { name: T.unlock }).click();
    await expect(this.lockButton).toBeVisible();
  }

  async lockNow(): Promise<void> {
    await this.lockButton.click();
    await expect(this.page).toHaveURL(/\/unlock/);
    await expect(this.page.getByRole('button', { name: T.unlock })).toBeVisible();
  }

  /** Cuts the network for the page and its service worker: offline mode plus aborted API routes. */
  async goOffline(context: BrowserContext): Promise<void> {
    await context.setOffline(true);
    await context.route('**/v1/**', (route) => route.abort('internetdisconnected'));
  }

  /** Chromium offers Playwright no way to background a tab, so the page is told it is hidden, as a phone would. */
  async setVisibility(state: 'hidden' | 'visible'): Promise<void> {
    await this.page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  }

  /**
   * Waits for the service worker to be `activated` (not merely `activating`), then reloads once: with
   * registerType 'prompt' the first page is not controlled, the reloaded one must be.
   */
  async waitForServiceWorker(): Promise<void> {
    await this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const worker = registration.active;
      if (!worker || worker.state === 'activated') return;
      await new Promise<void>((resolve) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
        });
      });
    });
    await this.page.reload();
    await expect.poll(() => this.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  }

  /**
   * Before a test goes offline mid-session: the service worker has precached every screen and controls
   * the page (reloaded and unlocked again), so lazily loaded screens open with no network, as on a phone.
   */
  async makeReadyForOffline(passphrase = PASSPHRASE): Promise<void> {
    await this.waitForServiceWorker();
    await this.unlock(passphrase);
  }
}

/** Axe with the WCAG 2.0–2.2 A and AA rules; lists the failing rules and elements when it fails. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const violations = results.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(violations).toEqual([]);
}

export const test = base.extend<{ app: AppPage }>({
  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
});

export { expect };
