// Page objects for the inquiry screens: the multi-step intake form, the list and the detail page, located by
// role, label and text as a volunteer would find them (Ukrainian UI).
import { expect, type Locator, type Page } from '@playwright/test';
import { makeIntakeInput } from '../../schema/testing/factories.ts';

export interface IntakeData {
  /** The point chosen where the form offers a choice (a coordinator of several); otherwise unused. */
  gatheringPoint: string;
  contactSurname: string;
  contactGivenName: string;
  phone: string;
  personSurname: string;
  personGivenName: string;
  personPatronymic: string;
  unit: string;
  markDescription: string;
  notes: string;
}

let counter = 0;

/**
 * A valid inquiry as the form's fields take it; every test makes its own, with overrides for what it checks.
 * The names, phone and unit are the shared intake factory's (schema/testing/factories.ts).
 */
export function makeIntakeData(overrides: Partial<IntakeData> = {}): IntakeData {
  counter += 1;
  const { familyContact, soughtPersons } = makeIntakeInput();
  const person = soughtPersons[0];
  return {
    gatheringPoint: 'Пункт пропуску Тестовий',
    contactSurname: familyContact.surname,
    contactGivenName: familyContact.givenName,
    phone: familyContact.phones[0] ?? '',
    personSurname: person?.surname ?? '',
    personGivenName: person?.givenName ?? '',
    personPatronymic: person?.patronymic ?? '',
    unit: person?.unit ?? '',
    markDescription: `Якір на передпліччі ${counter}`,
    notes: '',
    ...overrides,
  };
}

export class IntakeForm {
  constructor(readonly page: Page) {}

  get nextButton(): Locator {
    return this.page.getByRole('button', { name: 'Далі', exact: true });
  }

  get backButton(): Locator {
    return this.page.getByRole('button', { name: 'Назад', exact: true });
  }

  stepIndicator(n: number): Locator {
    return this.page.getByText(`Крок ${n} з 6`, { exact: true });
  }

  /** Opens a new form from the navigation; its URL gets a draft id at once. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Нове звернення' }).click();
    await expect(this.page).toHaveURL(/\/new\/[0-9a-f-]{36}$/);
    await expect(this.stepIndicator(1)).toBeVisible();
  }

  async next(toStep: number): Promise<void> {
    await this.nextButton.click();
    await expect(this.stepIndicator(toStep)).toBeVisible();
  }

  /** The gathering point as a list: shown only to a coordinator of several points. */
  get gatheringPointChoice(): Locator {
    return this.page.getByRole('combobox', { name: 'Пункт збору', exact: true });
  }

  /** What step 1 says instead of asking, on a phone with one point (or none yet): the point is not a field. */
  get gatheringPointNote(): Locator {
    return this.page.getByText(/^Пункт збору(: .+\. Його визначає під'єднання цього телефону| визначиться, коли телефон під'єднають до сервера)\.$/);
  }

  /**
   * A coordinator of several points chooses theirs from the list; any other phone is never asked (its one
   * point comes from the enrolment). Tests sharing the one e2e coordinator cannot know how many points it
   * has by now, so this follows what the form shows.
   */
  async setGatheringPoint(name: string): Promise<void> {
    await expect(this.gatheringPointChoice.or(this.gatheringPointNote)).toBeVisible();
    if (await this.gatheringPointChoice.isVisible()) await this.gatheringPointChoice.selectOption({ label: name });
  }

  async fillInquiry(d: IntakeData): Promise<void> {
    await this.setGatheringPoint(d.gatheringPoint);
    await expect(this.page.getByRole('radio', { name: 'Особисто' })).toBeChecked();
    if (d.notes) await this.page.getByLabel('Примітки').fill(d.notes);
  }

  async fillFamily(d: IntakeData): Promise<void> {
    await this.page.getByLabel('Прізвище', { exact: true }).fill(d.contactSurname);
    await this.page.getByLabel("Ім'я", { exact: true }).fill(d.contactGivenName);
    await this.page.getByLabel('Ступінь спорідненості').selectOption({ label: 'Мати' });
    await this.page.getByLabel('Телефон 1').fill(d.phone);
    await this.page.getByLabel('Область проживання').selectOption({ label: 'Харківська область' });
    await this.page.getByLabel("Як краще зв'язатися").selectOption({ label: 'Viber' });
    await this.page.getByRole('checkbox', { name: 'Документ про спорідненість переглянуто' }).check();
  }

  async fillConsent(): Promise<void> {
    await this.page.getByRole('checkbox', { name: 'Згода на запис відомостей' }).check();
    await this.page.getByRole('checkbox', { name: /^Координатори/ }).check();
    await this.page.getByRole('checkbox', { name: 'Згода на порівняння зі списками' }).check();
    await this.page.getByRole('radio', { name: 'Письмово' }).check();
  }

  async fillPerson(d: IntakeData): Promise<void> {
    await this.page.getByLabel('Прізвище', { exact: true }).fill(d.personSurname);
    await this.page.getByLabel("Ім'я", { exact: true }).fill(d.personGivenName);
    await this.page.getByLabel('По батькові').fill(d.personPatronymic);
    await this.page.getByRole('radio', { name: 'Чоловіча' }).check();
    await this.page.getByLabel('Дата народження').fill('1990-05');
    await this.page.getByLabel('Військова частина').fill(d.unit);
  }

  async fillIdentifying(d: IntakeData): Promise<void> {
    await this.page.getByLabel('Зріст, см').fill('178');
    await this.page.getByRole('button', { name: 'Додати прикмету' }).click();
    await this.page.getByLabel('Вид прикмети').selectOption({ label: 'Татуювання' });
    await this.page.getByLabel('Де на тілі').selectOption({ label: 'Ліва рука' });
    await this.page.getByLabel('Опис', { exact: true }).fill(d.markDescription);
  }

  /** Fills every step and stops on the review; `atEachScreen` runs on each step before it is filled. */
  async fillToReview(d: IntakeData, atEachScreen: (name: string) => Promise<void> = async () => {}): Promise<void> {
    await atEachScreen('step-1');
    await this.fillInquiry(d);
    await this.next(2);
    await atEachScreen('step-2');
    await this.fillFamily(d);
    await this.next(3);
    await atEachScreen('step-3');
    await this.fillConsent();
    await this.next(4);
    await atEachScreen('step-4');
    await this.fillPerson(d);
    await this.next(5);
    await atEachScreen('step-5');
    await this.fillIdentifying(d);
    await this.next(6);
    await expect(this.page.getByRole('heading', { level: 2, name: 'Перевірка і реєстрація' })).toBeVisible();
    await expect(this.page.getByText(d.markDescription, { exact: false })).toBeVisible();
    await expect(this.page.getByText('178 см', { exact: true })).toBeVisible();
  }

  /**
   * Fills every step and registers; `atEachScreen` runs on each step, the review and the confirmation
   * (for axe checks and screenshots). Returns the formatted reference shown to write on the slip.
   */
  async registerInquiry(d: IntakeData, atEachScreen: (name: string) => Promise<void> = async () => {}): Promise<string> {
    await this.fillToReview(d, atEachScreen);
    await atEachScreen('review');
    await this.page.getByRole('button', { name: 'Зареєструвати', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Звернення зареєстровано' })).toBeVisible();
    const reference = (await this.page.getByText(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/).textContent()) ?? '';
    expect(reference).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await atEachScreen('confirmation');
    return reference;
  }
}

export class InquiryList {
  constructor(readonly page: Page) {}

  get search(): Locator {
    return this.page.getByLabel("Пошук за ім'ям, телефоном або номером");
  }

  get rows(): Locator {
    return this.page.getByRole('list', { name: 'Список звернень' }).getByRole('link');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Звернення', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Звернення' })).toBeVisible();
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }
}

/** Full-page screenshots for looking at the screens by eye, only when E2E_SCREENSHOTS is set. */
export async function shoot(page: Page, name: string, part?: Locator): Promise<void> {
  if (!process.env.E2E_SCREENSHOTS) return;
  if (part) await part.screenshot({ path: `.tmp/screens/${name}` });
  else await page.screenshot({ path: `.tmp/screens/${name}`, fullPage: true });
}
