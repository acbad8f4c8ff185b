// The shell at phone size: header (connectivity, changes waiting to sync, lock), navigation, no horizontal
// scroll, touch targets, and axe on every screen this shell owns.
import { expect, expectNoAxeViolations, test } from './fixtures.ts';

test('the header shows connectivity in words, the sync backlog, and the navigation', async ({ app, page, context }) => {
  await app.setUp();
  const header = page.getByRole('banner');
  await expect(header.getByText('У мережі')).toBeVisible();
  // A phone never enrolled has nothing synced and never will until it is: it says so (issue 7, item 14).
  await expect(header.getByRole('status')).toHaveText("Телефон не під'єднано до сервера");
  for (const name of ['Звернення', 'Нове звернення', 'Налаштування']) {
    await expect(app.navigation.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(app.navigation.getByRole('link', { name: 'Звернення', exact: true })).toHaveAttribute('aria-current', 'page');

  await app.goOffline(context);
  await expect(header.getByText('Без мережі')).toBeVisible();
  await context.setOffline(false);
  await expect(header.getByText('У мережі')).toBeVisible();
});

test('at 360 px nothing scrolls sideways and every control is at least 44 × 44 px', async ({ app, page }) => {
  await app.setUp();
  for (const path of ['/', '/settings']) {
    await page.getByRole('link', { name: path === '/' ? 'Звернення' : 'Налаштування', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const controls = page.getByRole('banner').getByRole('button').or(app.navigation.getByRole('link'));
    for (const control of await controls.all()) {
      const box = await control.boundingBox();
      expect(box?.width, await control.textContent() ?? '').toBeGreaterThanOrEqual(44);
      expect(box?.height, await control.textContent() ?? '').toBeGreaterThanOrEqual(44);
    }
  }
});

test('axe finds no WCAG 2.2 AA violations on set-up, lock screen, list and settings', async ({ app, page }) => {
  await app.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Захист даних на цьому телефоні' })).toBeVisible();
  await expectNoAxeViolations(page);

  await app.setUp();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible();
  await expect(page.getByText(/\d.* з \d/)).toBeVisible();
  await expectNoAxeViolations(page);

  await app.lockNow();
  await expectNoAxeViolations(page);
  // The lock screen with its error showing.
  await page.getByLabel('Парольна фраза', { exact: true }).fill('не та фраза');
  await page.getByRole('button', { name: 'Розблокувати' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page);
});

