// Page objects for linking a phone to the server and watching its sync: enrolment with a code, the sync
// page's status panel ("Sync now", what waits) and a second browser context as another person's phone.
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { AppPage } from '../fixtures.ts';

export class SyncPages {
  constructor(
    readonly page: Page,
    readonly app: AppPage,
  ) {}

  /** A deep link, as a scanned QR code or a typed address: the page loads anew, so the app asks to unlock. */
  async visit(path: string): Promise<void> {
    await this.page.goto(path);
    await this.app.unlock();
    await expect(this.page).toHaveURL(new RegExp(`${path.split('?')[0]}`));
  }

  /** Opens the enrolment link from the QR code, checks the code is filled in, and enrols this phone. */
  async enrolWithLink(code: string, label = 'Телефон волонтера'): Promise<void> {
    await this.visit(`/enrol?code=${encodeURIComponent(code)}`);
    await expect(this.page.getByRole('heading', { level: 1, name: "Під'єднати телефон" })).toBeVisible();
    await expect(this.page.getByLabel("Код під'єднання")).toHaveValue(code);
    await this.page.getByLabel('Назва цього пристрою').fill(label);
    await this.page.getByRole('button', { name: "Під'єднати телефон" }).click();
    await expect(this.page).toHaveURL(/\/$/);
  }

  get panel(): Locator {
    return this.page.getByRole('region', { name: 'Стан синхронізації' });
  }

  async syncNow(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Синхронізувати зараз' }).click();
    await expect(this.panel.getByText('Усі зміни надіслано на сервер.')).toBeVisible();
    await expect(this.panel.getByText(/^Остання синхронізація: /)).toBeVisible();
  }

  /** The header's live count of changes waiting, in Ukrainian plural forms. */
  get headerPending(): Locator {
    return this.page.getByRole('banner').getByRole('status');
  }
}

/** Another person's phone: a new browser context with its own storage, set up with its own passphrase. */
export async function openSecondPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page; app: AppPage; sync: SyncPages }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.setUp();
  return { context, page, app, sync: new SyncPages(page, app) };
}

/** Ends offline mode started by `AppPage.goOffline`. */
export async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute('**/v1/**');
  await context.setOffline(false);
}

/** Screenshots for looking at the screens by eye, under .tmp/screens/, only when E2E_SCREENSHOTS is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `.tmp/screens/${name}.png`, fullPage: true });
}

