// A screen opened offline: on the very first visit it loads from the freshly stored copy (the service worker
// takes the page over as soon as it is installed); without a stored copy it fails in words, not a blank page.
import { expect, expectNoAxeViolations, test } from './fixtures.ts';

test('on the first visit, once the app is stored, a screen never opened before loads offline without a reload', async ({ app, page, context }) => {
  await app.setUp();
  // No reload: the worker claims the page it was installed from.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);

  await app.goOffline(context);
  await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible();
  await app.navigation.getByRole('link', { name: 'Нове звернення' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Нове звернення' })).toBeVisible();
});

test.describe('with no stored copy of the app', () => {
  test.use({ serviceWorkers: 'block' });

  test('a screen whose code cannot load says why, keeps the header, and navigating away recovers', async ({ app, page, context }) => {
    await app.setUp();
    await app.goOffline(context);

    await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Цей екран не вдалося відкрити' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Немає мережі, а цей екран ще не збережено на телефоні');
    await expect(page.getByRole('alert')).toContainText('Ваші записи й чернетки в безпеці');
    await expect(page.getByRole('button', { name: 'Перезавантажити' })).toBeVisible();
    await expect(app.lockButton).toBeVisible();
    await expectNoAxeViolations(page);

    // The list was loaded before going offline: the error clears on navigating to it.
    await app.navigation.getByRole('link', { name: 'Звернення', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Цей екран не вдалося відкрити' })).toHaveCount(0);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
