// Page objects for the coordinator's screens: sign-in, gathering points and volunteers, enrolment codes,
// devices and revocation, and conflicts — located by role, label and text in the Ukrainian UI.
import { expect, type Locator, type Page } from '@playwright/test';
import type { SyncPages } from './sync-page.ts';

/**
 * The first coordinator, created by the server at start from RODYNA_ADMIN_LOGIN / RODYNA_ADMIN_PASSWORD
 * (server/main.ts) — playwright.config.ts must pass these same values to the web server.
 */
export const E2E_COORDINATOR = { login: 'koordynator', password: 'e2e coordinator password' } as const;

let counter = 0;
/** Unique names: every test shares the one coordinator, so each makes its own gathering point. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix} ${Date.now().toString(36).slice(-4)}${counter}`;
}

export class CoordinatorPages {
  constructor(
    readonly page: Page,
    readonly sync: SyncPages,
  ) {}

  async signIn(): Promise<void> {
    await this.sync.visit('/sign-in');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Вхід для координатора' })).toBeVisible();
    await this.page.getByLabel('Логін').fill(E2E_COORDINATOR.login);
    await this.page.getByLabel('Пароль').fill(E2E_COORDINATOR.password);
    await this.page.getByRole('button', { name: 'Увійти' }).click();
    await expect(this.page).toHaveURL(/\/coordinator$/);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Координатор' })).toBeVisible();
  }

  space(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true });
  }

  async createSpace(name: string, retentionDays = 14): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Новий пункт збору' });
    await form.getByLabel('Назва пункту збору').fill(name);
    await form.getByLabel(/зберігають синхронізовані записи/).fill(String(retentionDays));
    await form.getByRole('button', { name: 'Створити пункт збору' }).click();
    await expect(form.getByRole('status')).toHaveText(`Пункт збору «${name}» створено.`);
    await expect(this.space(name)).toBeVisible();
  }

  async addVolunteer(spaceName: string, volunteerName: string): Promise<void> {
    const space = this.space(spaceName);
    await space.getByLabel(`Ім'я нового волонтера (${spaceName})`).fill(volunteerName);
    await space.getByRole('button', { name: 'Додати волонтера' }).click();
    await expect(space.getByText(volunteerName, { exact: true })).toBeVisible();
  }

  /** "Enrol a phone" for a volunteer; returns the code shown as large text beside the QR image. */
  async createEnrolmentCode(spaceName: string, volunteerName: string): Promise<string> {
    const space = this.space(spaceName);
    await space.getByRole('button', { name: `Під'єднати телефон: ${volunteerName}` }).click();
    const card = space.getByRole('region', { name: `Код під'єднання для: ${volunteerName}` });
    await expect(card.getByRole('img', { name: /^QR-код для під'єднання телефону/ })).toBeVisible();
    await expect(card.getByText(/^Дійсний до \d{1,2}:\d{2} — залишилося 10 хвилин\.$/)).toBeVisible();
    const code = card.getByText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expect(code).toBeVisible();
    return (await code.textContent()) ?? '';
  }

  devices(): Locator {
    return this.page.getByRole('region', { name: 'Пристрої' });
  }

  device(label: string): Locator {
    return this.devices().getByRole('article', { name: label, exact: true });
  }

  async revokeDevice(label: string): Promise<void> {
    const device = this.device(label);
    await device.getByRole('button', { name: `Відкликати пристрій «${label}»` }).click();
    const confirm = device.getByRole('alertdialog', { name: `Відкликати пристрій «${label}»?` });
    await expect(confirm).toContainText('зітре всі свої дані');
    await confirm.getByRole('button', { name: 'Так, відкликати' }).click();
    await expect(this.page.getByText(`Пристрій «${label}» відкликано.`)).toBeVisible();
    await expect(device.getByText(/^відкликано /)).toBeVisible();
  }

  /** Opens the edit form on a gathering point's card; the focus moves into it. */
  async openSpaceEdit(spaceName: string): Promise<Locator> {
    const space = this.space(spaceName);
    await space.getByRole('button', { name: `Змінити: ${spaceName}` }).click();
    const form = this.spaceEditForm(spaceName);
    await expect(form.getByLabel('Назва пункту збору')).toBeFocused();
    return form;
  }

  spaceEditForm(spaceName: string): Locator {
    return this.space(spaceName).getByRole('form', { name: 'Зміна пункту збору' });
  }

  spaceRetentionField(form: Locator): Locator {
    return form.getByLabel(/зберігають синхронізовані записи/);
  }

  /** Changes a gathering point on its card and waits for the card to say it was saved. */
  async editSpace(spaceName: string, change: { name?: string; retentionDays?: number }): Promise<void> {
    const form = await this.openSpaceEdit(spaceName);
    if (change.name !== undefined) await form.getByLabel('Назва пункту збору').fill(change.name);
    if (change.retentionDays !== undefined) await this.spaceRetentionField(form).fill(String(change.retentionDays));
    await form.getByRole('button', { name: 'Зберегти', exact: true }).click();
    const space = this.space(change.name ?? spaceName);
    await expect(space.getByRole('status')).toHaveText(/^Зміни збережено\./);
    await expect(form).toHaveCount(0);
  }
}
