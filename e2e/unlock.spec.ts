// The passphrase: first-run rule and confirmation, lock and unlock, a wrong passphrase, the slow-down.
import { expect, expectNoAxeViolations, PASSPHRASE, test } from './fixtures.ts';

test('first run: a weak passphrase is refused, a mismatch is caught, then a good one unlocks', async ({ app, page }) => {
  await app.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Захист даних на цьому телефоні' })).toBeVisible();
  const passphrase = page.getByLabel('Парольна фраза', { exact: true });
  const repeat = page.getByLabel('Повторіть парольну фразу');
  // The rule is explained before anything is typed, and tied to the field.
  await expect(passphrase).toHaveAccessibleDescription(/Щонайменше 12 символів\. Найкраще — 4 або більше звичайних слів/);

  await passphrase.fill('коротко');
  await repeat.fill('коротко');
  await page.getByRole('button', { name: 'Зберегти й почати' }).click();
  await expect(page.getByText('Цю парольну фразу не прийнято. Закоротко: потрібно щонайменше 12 символів.')).toBeVisible();
  await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/setup$/);

  await passphrase.fill(PASSPHRASE);
  await repeat.fill(`${PASSPHRASE} і ще`);
  await page.getByRole('button', { name: 'Зберегти й почати' }).click();
  await expect(page.getByText('Парольні фрази не збігаються. Введіть її ще раз.')).toBeVisible();
  await expect(repeat).toBeFocused();
  await expect(page).toHaveURL(/\/setup$/);

  await repeat.fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Зберегти й почати' }).click();
  await expect(app.lockButton).toBeVisible();
  await expect(page).toHaveURL(/\/$/);

  // The key lived in memory only: a reload asks for the passphrase, and set-up is not offered again.
  await page.reload();
  await expect(page).toHaveURL(/\/unlock$/);
  await app.goto('/setup');
  await expect(page).toHaveURL(/\/unlock$/);
});

test('lock now hides everything and unlock returns to the same screen', async ({ app, page }) => {
  await app.setUp();
  await app.navigation.getByRole('link', { name: 'Налаштування' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible();

  await app.lockNow();
  await expect(page).toHaveURL(/\/unlock\?next=%2Fsettings$/);
  await expect(app.navigation).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Налаштування' })).toHaveCount(0);

  await app.unlock();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible();
});

test('a deep link while locked asks for the passphrase, then opens the linked screen', async ({ app, page }) => {
  await app.setUp();
  await app.goto('/settings');
  await expect(page).toHaveURL(/\/unlock\?next=%2Fsettings$/);
  await app.unlock();
  await expect(page.getByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible();
});

test('a wrong passphrase says so, changes nothing, and after three tries imposes a wait', async ({ app, page }) => {
  await app.setUp();
  await app.lockNow();
  const passphrase = page.getByLabel('Парольна фраза', { exact: true });
  const submit = page.getByRole('button', { name: 'Розблокувати' });

  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await passphrase.fill(`не та фраза номер ${attempt}`);
    await submit.click();
    await expect(page.getByRole('alert')).toHaveText('Неправильна парольна фраза. Нічого не змінено.');
    await expect(page).toHaveURL(/\/unlock/);
  }
  // Three failures: the vault asks for a pause; the button stays disabled while it counts down.
  await expect(page.getByRole('status')).toContainText(/Забагато невдалих спроб\. Наступна спроба можлива через \d+ секунд/);
  await expect(submit).toBeDisabled();
  // The wait is short at first (2 s) and the button comes back by itself.
  await expect(submit).toBeEnabled();
  await expect(page.getByRole('status')).toHaveCount(0);

  await app.unlock();
  await expect(page).toHaveURL(/\/$/);
});

test('a space added by the phone keyboard does not make the passphrase wrong', async ({ app }) => {
  await app.setUp();
  await app.lockNow();
  await app.unlock(` ${PASSPHRASE.replace(' ', '  ')} `);
});

test('locking one tab locks every open tab of the app', async ({ app, context }) => {
  await app.setUp();
  const second = await context.newPage();
  await second.goto('/settings');
  await second.getByLabel('Парольна фраза', { exact: true }).fill(PASSPHRASE);
  await second.getByRole('button', { name: 'Розблокувати' }).click();
  await expect(second.getByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible();

  await app.lockNow();
  await expect(second).toHaveURL(/\/unlock\?next=%2Fsettings$/);
  await expect(second.getByRole('heading', { name: 'Налаштування' })).toHaveCount(0);
});

test('set-up judges the passphrase live and in plain words, loading the estimator only once typing starts', async ({ app, page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await app.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  const passphrase = page.getByLabel('Парольна фраза', { exact: true });
  await expect(passphrase).toBeVisible();
  // The estimator's word lists are not part of the first load.
  expect(scripts.filter((url) => url.includes('passphrase-strength'))).toEqual([]);

  // The four that used to be accepted, each told why, live, in the field's description (aria-live).
  for (const [typed, said] of [
    ['aa aa aa aa', /Повтори \(як «aa aa aa» чи «111111»\)/],
    ['111111111111', /Повтори/],
    ['password1234', /Це поширений пароль/],
    ['слава україні', /Це відоме гасло або фраза/],
    ['йцукенгшщзхї', /Це ряд клавіш/],
  ] as const) {
    await passphrase.fill(typed);
    await expect(passphrase).toHaveAccessibleDescription(said);
  }
  expect(scripts.filter((url) => url.includes('passphrase-strength'))).toHaveLength(1);
  await expect(page.getByText(/Це ряд клавіш/)).toHaveAttribute('aria-live', 'polite');

  // Submitting one anyway is refused with the reason, and nothing is set up.
  await passphrase.fill('слава україні');
  await page.getByLabel('Повторіть парольну фразу').fill('слава україні');
  await page.getByRole('button', { name: 'Зберегти й почати' }).click();
  await expect(page.getByText('Цю парольну фразу не прийнято. Це відоме гасло або фраза — їх вгадують серед перших. Додайте власні слова.')).toBeVisible();
  await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/setup$/);

  await passphrase.fill(PASSPHRASE);
  await expect(passphrase).toHaveAccessibleDescription(/Достатньо надійна парольна фраза\./);
  await expectNoAxeViolations(page);
  await page.getByLabel('Повторіть парольну фразу').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Зберегти й почати' }).click();
  await expect(app.lockButton).toBeVisible();
});
