// Invisible and direction-changing characters in a device label or a person's name are refused in the
// form itself, in the user's language, and nothing reaches the server.
import { expect, test } from './fixtures.ts';
import { CoordinatorPages, E2E_COORDINATOR, uniqueName } from './pages/coordinator-page.ts';
import { SyncPages } from './pages/sync-page.ts';

test('a device label or volunteer name with a bidirectional override is refused with a translated message', async ({ app, page }) => {
  const sync = new SyncPages(page, app);
  const coordinator = new CoordinatorPages(page, sync);
  await app.setUp();

  await sync.visit('/sign-in');
  await page.getByLabel('Логін').fill(E2E_COORDINATOR.login);
  await page.getByLabel('Пароль').fill(E2E_COORDINATOR.password);
  // U+202E turns what follows around: "Ноутбук‮enohp" would read as a different label in the device list.
  await page.getByLabel('Назва цього пристрою').fill('Ноутбук\u202Eenohp');
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByText('Невидимі чи керівні символи тут не дозволені. Наберіть ще раз.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);

  await coordinator.signIn();
  const spaceName = uniqueName('Пункт Чернігів');
  await coordinator.createSpace(spaceName);
  const space = coordinator.space(spaceName);
  await space.getByLabel(`Ім'я нового волонтера (${spaceName})`).fill('Петро\u200BШевчук');
  await space.getByRole('button', { name: 'Додати волонтера' }).click();
  await expect(space.getByText('Невидимі чи керівні символи в імені не дозволені. Наберіть його знову.')).toBeVisible();
  await expect(space.getByText('Петро\u200BШевчук', { exact: true })).toHaveCount(0);
});
