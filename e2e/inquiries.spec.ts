// The list and the detail page: newest first, counts with Ukrainian plurals, search by phone, and editing one
// field at a time with the change in the timeline; an invalid edit says why and saves nothing.
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { InquiryList, IntakeForm, makeIntakeData } from './pages/intake.ts';

test('a field edited on the detail page is saved, shown and written to the timeline; an invalid edit saves nothing', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  await form.open();
  const reference = await form.registerInquiry(makeIntakeData({ contactSurname: 'Гнатюк', contactGivenName: 'Ірина' }));
  await page.getByRole('link', { name: 'Відкрити звернення' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Звернення ${reference}` })).toBeVisible();
  await expect(page.getByText('Очікує надсилання')).toBeVisible();
  const contact = page.getByRole('region', { name: 'Заявник (родич)' });
  const timeline = page.getByRole('region', { name: 'Історія звернення' }).getByRole('listitem');
  await expect(timeline).toHaveCount(1);
  await expect(timeline.first()).toContainText('Створено');
  await expect(timeline.first()).toContainText('час пристрою');

  // A valid edit.
  await contact.getByRole('button', { name: "Змінити: Ім'я" }).click();
  const input = contact.getByLabel("Ім'я", { exact: true });
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('Ірина');
  await expectNoAxeViolations(page);
  await input.fill('Ірина-Марія');
  await contact.getByRole('button', { name: "Зберегти: Ім'я" }).click();
  await expect(contact.getByText('Ірина-Марія')).toBeVisible();
  await expect(contact.getByRole('button', { name: "Змінити: Ім'я" })).toBeFocused();
  await expect(timeline).toHaveCount(2);
  await expect(timeline.nth(1)).toContainText("Змінено: Ім'я (заявник)");

  // An invalid edit: the error is shown translated, nothing is saved, the timeline does not grow.
  await contact.getByRole('button', { name: 'Змінити: Прізвище' }).click();
  await contact.getByLabel('Прізвище', { exact: true }).fill('');
  await contact.getByRole('button', { name: 'Зберегти: Прізвище' }).click();
  await expect(contact.getByLabel('Прізвище', { exact: true })).toHaveAccessibleDescription("Обов'язкове поле");
  await contact.getByRole('button', { name: 'Скасувати: Прізвище' }).click();
  await expect(contact.getByText('Гнатюк')).toBeVisible();
  await expect(timeline).toHaveCount(2);

  // An array edited as a whole: consent recipients.
  const consent = page.getByRole('region', { name: 'Згода' });
  await consent.getByRole('button', { name: 'Змінити: Згода на передачу відомостей' }).click();
  await consent.getByRole('checkbox', { name: /^Поліція/ }).check();
  await consent.getByRole('button', { name: 'Зберегти: Згода на передачу відомостей' }).click();
  await expect(consent.getByText('Координатори, Поліція')).toBeVisible();
  await expect(timeline).toHaveCount(3);
  await expect(timeline.nth(2)).toContainText('Змінено: Згода');

  // The list shows the edited name.
  const list = new InquiryList(page);
  await list.open();
  await expect(list.rows.first()).toContainText('Заявник: Гнатюк Ірина-Марія');
});

test('the list is newest first, counts with Ukrainian plurals, and finds an inquiry by phone', async ({ app, page }) => {
  await app.setUp();
  const form = new IntakeForm(page);
  const list = new InquiryList(page);
  await form.open();
  await form.registerInquiry(makeIntakeData({ personSurname: 'Бондар', phone: '+380 50 700 11 22' }));
  await page.getByRole('link', { name: 'Зареєструвати ще одне' }).click();
  await expect(form.stepIndicator(1)).toBeVisible();
  await form.registerInquiry(makeIntakeData({ personSurname: 'Мельник', phone: '+380 67 300 44 55' }));

  await list.open();
  await expect(page.getByRole('status').filter({ hasText: '2 звернення на цьому телефоні' })).toBeVisible();
  await expect(list.rows).toHaveCount(2);
  await expect(list.rows.nth(0)).toContainText('Мельник');
  await expect(list.rows.nth(1)).toContainText('Бондар');
  for (const row of await list.rows.all()) {
    const box = await row.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
  }

  await list.search.fill('050 700');
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText('Бондар');
  await list.search.fill('0677');
  await expect(page.getByRole('status').filter({ hasText: 'Знайдено 0 звернень' })).toBeVisible();
  await list.search.fill('');
  await expect(list.rows).toHaveCount(2);
});
