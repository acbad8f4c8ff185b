// Settings: the language switch (remembered), the volunteer's profile (sealed, kept), auto-lock, lock now.
import { expect, test } from './fixtures.ts';

test('switching to English changes the whole UI and is remembered after a reload', async ({ app, page }) => {
  await app.setUp();
  await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
  await page.getByRole('radio', { name: 'English' }).check();

  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(app.navigation.getByRole('link', { name: 'Inquiries' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Lock now' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock' })).toBeVisible();
  await app.unlock();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();

  await page.getByRole('radio', { name: 'Українська' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible();
});

test('the volunteer profile is saved sealed and comes back after lock and unlock', async ({ app, page }) => {
  await app.setUp();
  await app.goto('/settings');
  await app.unlock();
  await page.getByLabel("Ваше ім'я та прізвище").fill('Оксана Волонтерка');
  // The gathering point is not typed: it comes with the enrolment, which this phone has not had yet.
  await expect(page.getByText("Пункт збору визначиться, коли телефон під'єднають до сервера.", { exact: true })).toBeVisible();
  await expect(page.getByLabel('Звичайне місце збору')).toHaveCount(0);
  await page.getByRole('button', { name: 'Зберегти', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Збережено.' })).toBeVisible();

  await app.lockNow();
  await app.unlock();
  await expect(page.getByLabel("Ваше ім'я та прізвище")).toHaveValue('Оксана Волонтерка');
});

test('storage and version are shown, and "Lock now" in Settings locks', async ({ app, page }) => {
  await app.setUp();
  await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
  await expect(page.getByText('Постійне сховище', { exact: true })).toBeVisible();
  await expect(page.getByText(/\d.* з \d/)).toBeVisible();
  await expect(page.getByText('Версія', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Заблокувати зараз' }).click();
  await expect(page).toHaveURL(/\/unlock\?next=%2Fsettings$/);
});

test('the app locks itself after the chosen idle time', async ({ app, page }) => {
  await app.setUp();
  await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
  // A fake clock from here on; changing the setting re-arms the idle timer on that clock.
  await page.clock.install();
  await page.getByLabel('Блокувати, якщо не користуються, через').selectOption({ label: '1 хвилина' });
  await page.clock.fastForward('00:50');
  await expect(app.lockButton).toBeVisible();
  await page.clock.fastForward('00:15');
  await expect(page).toHaveURL(/\/unlock/);
  await expect(app.navigation).toHaveCount(0);
});

test('the app locks itself after a minute in the background', async ({ app, page }) => {
  await app.setUp();
  await page.clock.install();
  await app.setVisibility('hidden');
  await page.clock.fastForward('00:50');
  await expect(app.lockButton).toBeVisible();
  await page.clock.fastForward('00:11');
  await expect(page).toHaveURL(/\/unlock/);
});

test('coming back after a long background spell locks at once, even if timers were frozen', async ({ app, page }) => {
  await app.setUp();
  await page.clock.install();
  await app.setVisibility('hidden');
  // Phones freeze background timers: move the clock without running any, then return to the app.
  await page.clock.setSystemTime(Date.now() + 5 * 60_000);
  await app.setVisibility('visible');
  await expect(page).toHaveURL(/\/unlock/);
  await expect(app.navigation).toHaveCount(0);
});
