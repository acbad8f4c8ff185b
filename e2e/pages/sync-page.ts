// Page objects for linking a phone to the server and watching its sync: enrolment with a code, the sync
// page's status panel ("Sync now", what waits) and a second browser context as another person's phone.
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { AppPage } from '../fixtures.ts';
import { IntakeForm, type IntakeData } from './intake.ts';

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

/**
 * The intake form located by accessible name (role + name): a required field's label carries an
 * aria-hidden "*", which `getByLabel(…, { exact: true })` in IntakeForm counts as part of the label text.
 */
export class IntakeByRole extends IntakeForm {
  private textbox(name: string): Locator {
    return this.page.getByRole('textbox', { name, exact: true });
  }

  override async fillFamily(d: IntakeData): Promise<void> {
    await this.textbox('Прізвище').fill(d.contactSurname);
    await this.textbox("Ім'я").fill(d.contactGivenName);
    await this.page.getByRole('combobox', { name: 'Ступінь спорідненості' }).selectOption({ label: 'Мати' });
    await this.textbox('Телефон 1').fill(d.phone);
    await this.page.getByRole('combobox', { name: 'Область проживання' }).selectOption({ label: 'Харківська область' });
    await this.page.getByRole('combobox', { name: "Як краще зв'язатися" }).selectOption({ label: 'Viber' });
    await this.page.getByRole('checkbox', { name: 'Документ про спорідненість переглянуто' }).check();
  }

  override async fillPerson(d: IntakeData): Promise<void> {
    await this.textbox('Прізвище').fill(d.personSurname);
    await this.textbox("Ім'я").fill(d.personGivenName);
    await this.textbox('По батькові').fill(d.personPatronymic);
    await this.page.getByRole('radio', { name: 'Чоловіча' }).check();
    await this.page.getByRole('textbox', { name: /^Дата народження/ }).fill('1990-05');
    await this.page.getByRole('textbox', { name: /^Військова частина/ }).fill(d.unit);
  }

  /** Every step, then "Register"; returns the reference shown for the family's slip. */
  override async registerInquiry(d: IntakeData): Promise<string> {
    await this.fillInquiry(d);
    await this.next(2);
    await this.fillFamily(d);
    await this.next(3);
    await this.fillConsent();
    await this.next(4);
    await this.fillPerson(d);
    await this.next(5);
    await this.fillIdentifying(d);
    await this.next(6);
    await this.page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Звернення зареєстровано' })).toBeVisible();
    const reference = this.page.getByText(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await expect(reference).toBeVisible();
    return (await reference.textContent()) ?? '';
  }

  override async fillIdentifying(d: IntakeData): Promise<void> {
    await this.page.getByRole('textbox', { name: /^Зріст, см/ }).fill('178');
    await this.page.getByRole('button', { name: 'Додати прикмету' }).click();
    await this.page.getByRole('combobox', { name: 'Вид прикмети' }).selectOption({ label: 'Татуювання' });
    await this.page.getByRole('combobox', { name: 'Де на тілі' }).selectOption({ label: 'Ліва рука' });
    await this.textbox('Опис').fill(d.markDescription);
  }
}
