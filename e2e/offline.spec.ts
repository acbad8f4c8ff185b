// Offline: once the service worker is active the app loads, unlocks and opens deep links with no network.
// The control test blocks service workers and shows the same offline reload failing, so the first is real.
import { expect, test } from './fixtures.ts';

test('after one online visit the app reloads, unlocks and opens a deep link fully offline', async ({ app, page, context }) => {
  await app.setUp();
  await app.waitForServiceWorker();
  await expect(page).toHaveURL(/\/unlock$/);

  await app.goOffline(context);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Розблокування' })).toBeVisible();
  await app.unlock();
  await expect(page.getByRole('banner').getByText('Без мережі')).toBeVisible();

  // A deep link typed or bookmarked: served from the precache by the navigation fallback.
  await app.goto('/settings');
  await app.unlock();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible();
  await expect(page.getByText('Працює без мережі')).toBeVisible();
});

test.describe('control: with service workers blocked', () => {
  test.use({ serviceWorkers: 'block' });

  test('the same offline reload fails, so the offline test above proves the service worker', async ({ app, page, context }) => {
    await app.setUp();
    await app.goOffline(context);
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await expect(page.getByRole('heading', { level: 1, name: 'Розблокування' })).toHaveCount(0);
    await expect(page.getByRole('banner')).toHaveCount(0);
  });
});
