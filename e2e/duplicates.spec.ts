// A probable duplicate at intake: registering a sought person already registered on this phone under another
// spelling names the earlier one before "Register", offline, and still lets the volunteer register. A person
// nobody seeks yet gets no warning (the control).
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { IntakeForm, makeIntakeData } from './pages/intake.ts';

test('a similar person already registered on this phone is named before registering, offline, without blocking', async ({ app, page, context }) => {
  await app.setUp();
  await app.makeReadyForOffline();
  await app.goOffline(context);
  const form = new IntakeForm(page);
  await form.open();
  const first = await form.registerInquiry(makeIntakeData({ personSurname: 'Олійник', personGivenName: 'Микола', personPatronymic: 'Петрович' }));

  // Another relative asks about him, spelled the Russian way.
  await form.open();
  await form.fillToReview(makeIntakeData({ contactSurname: 'Ковальчук', personSurname: 'Олейник', personGivenName: 'Николай', personPatronymic: 'Петрович' }));
  const warning = page.getByRole('status').filter({ hasText: 'Схожу людину вже зареєстровано на цьому телефоні' });
  await expect(warning).toContainText(`Олійник Микола Петрович, 1990 (звернення ${first.replace('-', '')})`);
  await expect(warning).toContainText('Реєстрацію це не зупиняє');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Звернення зареєстровано' })).toBeVisible();

  // Control: somebody nobody seeks yet.
  await form.open();
  await form.fillToReview(makeIntakeData({ personSurname: 'Гнатишин', personGivenName: 'Остап', personPatronymic: 'Любомирович' }));
  await expect(page.getByText('Схожих людей серед зареєстрованих на цьому телефоні не знайдено.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Схожу людину' })).toHaveCount(0);
});
