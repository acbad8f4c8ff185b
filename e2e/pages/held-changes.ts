// A revoked phone's hand-over, driven through the HTTP API (as the phone's sync engine would): enrolling with
// a code, pushing createInquiry mutations with its token after revocation, confirming its wipe — and the page
// object for the coordinator's list of held-back changes.
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { formatReference, generateReference } from '../../schema/reference.ts';
import { makeCreateInquiryMutation } from '../../schema/testing/factories.ts';

export interface ApiPhone {
  deviceId: string;
  accessToken: string;
}

export async function enrolPhoneByApi(request: APIRequestContext, code: string, deviceLabel: string): Promise<ApiPhone> {
  const res = await request.post('/v1/devices/enrol', { data: { code, deviceLabel } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as ApiPhone;
  return { deviceId: body.deviceId, accessToken: body.accessToken };
}

let counter = 0;
/** A surname no other test uses, in letters only (names refuse digits). */
export function uniqueSurname(base: string): string {
  const letters = 'абвгдежзиклмнопрстуфхцчшщюя';
  let n = Date.now() * 100 + (counter += 1);
  let suffix = '';
  while (n > 0) {
    suffix += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  }
  return `${base}-${suffix.slice(0, 6)}`;
}

export interface HeldInquiry {
  /** As shown to people: `ABCD-EFGH`. */
  reference: string;
  contactName: string;
  personName: string;
  mutation: { mutationSeq: number; mutationId: string; name: 'createInquiry'; args: Record<string, unknown> };
}

/**
 * A valid new inquiry as a phone would have recorded it in its outbox (the shared factory), with the point's
 * name as a phone before gathering-point ids kept it.
 */
export function heldInquiry(mutationSeq: number, people: { contactSurname: string; personSurname: string }): HeldInquiry {
  const reference = generateReference();
  const { mutationId, args } = makeCreateInquiryMutation(mutationSeq, {
    inquiry: {
      reference, volunteerName: 'Волонтер', registeredOn: '2026-11-28',
      consent: { toRecord: true, shareWith: ['coordinators'], toBeMatched: true, toPublishPhoto: false, givenOn: '2026-11-28', method: 'verbal', withdrawnOn: '' },
      notes: 'Зареєстровано без зв’язку, перед відкликанням',
    },
    familyContact: { surname: people.contactSurname, givenName: 'Ганна', relationship: 'wife', phones: ['+380671112233'], preferredChannel: 'viber', kinshipProofSeen: true },
    soughtPersons: [{ surname: people.personSurname, givenName: 'Богдан', patronymic: 'Іванович', dateOfBirth: '1988' }],
  });
  return {
    reference: formatReference(reference),
    contactName: `${people.contactSurname} Ганна`,
    personName: `${people.personSurname} Богдан Іванович`,
    mutation: { mutationSeq, mutationId, name: 'createInquiry', args: { ...args, inquiry: { ...args.inquiry, gatheringPoint: 'Пункт пропуску Тестовий' } } },
  };
}

/** Pushes with a revoked phone's token: the server holds the changes and tells the phone to wipe. */
export async function pushAsRevoked(request: APIRequestContext, phone: ApiPhone, mutations: HeldInquiry['mutation'][]): Promise<{ quarantined?: number; wipe?: boolean }> {
  const res = await request.post('/v1/sync/push', { headers: { authorization: `Bearer ${phone.accessToken}` }, data: { mutations } });
  expect(res.status()).toBe(401);
  return (await res.json()) as { quarantined?: number; wipe?: boolean };
}

/** What the phone's code does right before erasing itself. */
export async function confirmWipe(request: APIRequestContext, phone: ApiPhone): Promise<void> {
  const res = await request.post('/v1/devices/self/wiped', { headers: { authorization: `Bearer ${phone.accessToken}` }, data: {} });
  expect(res.status()).toBe(200);
}

export class HeldChanges {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Відкладені зміни' });
  }

  /** A held new inquiry's card, named by its reference. */
  inquiry(reference: string): Locator {
    return this.section.getByRole('article', { name: `Нове звернення ${reference}`, exact: true });
  }

  /**
   * Pages with "Show more" until a held inquiry's card is in the list: the list is oldest first and shared by
   * every test of the one e2e coordinator, so another test's held changes may fill the first page.
   */
  async reveal(reference: string): Promise<Locator> {
    const card = this.inquiry(reference);
    await expect(async () => {
      if ((await card.count()) === 0) await this.section.getByRole('button', { name: 'Показати ще' }).click({ timeout: 2_000 });
      await expect(card).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    return card;
  }

  async show(filter: 'чекають на рішення' | 'вирішені'): Promise<void> {
    await this.section.getByLabel('Показати відкладені зміни').selectOption({ label: filter });
  }

  async accept(reference: string): Promise<void> {
    await this.inquiry(reference).getByRole('button', { name: `Прийняти: Нове звернення ${reference}` }).click();
    await expect(this.section.getByRole('status')).toHaveText(`Прийнято: звернення ${reference} додано як вашу зміну. Воно є в списку звернень.`);
    await expect(this.inquiry(reference)).toHaveCount(0);
  }

  /** Opens the discard form of a held inquiry; returns it. */
  async openDiscard(reference: string): Promise<Locator> {
    await this.inquiry(reference).getByRole('button', { name: `Відхилити: Нове звернення ${reference}` }).click();
    const form = this.inquiry(reference).getByRole('form', { name: `Відхилити: Нове звернення ${reference}` });
    await expect(form.getByLabel('Причина відхилення')).toBeFocused();
    return form;
  }
}
