// Fills a server database with inquiries through the real write path, for benchmarks: a coordinator with a
// known login, a gathering point, a volunteer and their phone, whose createInquiry mutations go through
// push() in-process (the push route's own code: clock lock, savepoints, apply, mutation log), only faster
// than the network would carry them. Never hand-written INSERTs. Opens the database as server/main.ts does.
//
// Usage: RODYNA_DATA=folder | DATABASE_URL=url  npx tsx scripts/seed-server.ts [--count=50000] [--batch=500]
//        [--login=bench-coordinator] [--password=…] [--seed=20261126] [--json]
// --json prints one last line `SEED_RESULT {…}` for scripts (scripts/bench.mjs reads it).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { familyContactSchema, inquirySchema, intakeSchema, REGIONS, soughtPersonSchema, type IntakeInput } from '../schema/inquiry.ts';
import type { CreateInquiryArgs } from '../schema/mutations.ts';
import { pushMutationEnvelopeSchema, type PushRequest } from '../schema/protocol.ts';
import { generateReference } from '../schema/reference.ts';
import type { DeviceContext } from '../server/auth/guard.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../server/auth/passwords.ts';
import { newRefreshSecret, sha256 } from '../server/auth/secrets.ts';
import { pgliteFolder, readConfig } from '../server/config.ts';
import { createDevice, listDevices } from '../server/db/devices.ts';
import { FolderLockedError, lockFolder, type FolderLock } from '../server/db/lock.ts';
import { openPGlite, openPostgres, type OpenDatabase } from '../server/db/open.ts';
import { createCoordinator, createSpace, createVolunteer, findUserByLogin, listVolunteers, spacesOfUser } from '../server/db/people.ts';
import { readClock } from '../server/db/records.ts';
import { push } from '../server/sync/push.ts';

const SPACE_NAME = 'Пункт збору — навантажувальний тест';
const VOLUNTEER_NAME = 'Волонтерка навантажувального тесту';
const DEVICE_LABEL = 'Телефон для заповнення сервера';

// ------------------------------------------------------------------------------------------------ data
// Varied, invented Ukrainian data (never real people), deterministic from a seed so runs compare.
const SURNAMES = `Мельник Шевченко Коваленко Бондаренко Бойко Ткаченко Кравченко Ковальчук Коваль Олійник Шевчук
Поліщук Іваненко Ткачук Савченко Марченко Руденко Мороз Лисенко Петренко Клименко Павленко Кравчук Кузьменко
Гончаренко Савчук Левченко Приходько Швець Романенко Кушнір Захарченко Карпенко Мазур Литвиненко Ярошенко
Сидоренко Гриценко Панченко Костенко Тарасенко Лук'яненко Дем'яненко Гуменюк Мартинюк Ковтун Гнатюк Литвин
Кириленко Пономаренко Дмитренко Остапенко Василенко Герасименко Ісаєнко Антоненко Білоус Зінченко Нестеренко
Головко Вакуленко Стасюк Семенюк Юрченко Тимошенко Волошин Кучер Гаврилюк Демченко Осадчук Фещенко Сорока
Мирошниченко Білик Хоменко Андрієнко Бабенко Бабич Бондар Вдовиченко Вовк Гордієнко Грищенко Давиденко
Дорошенко Дяченко Ємельяненко Жук Задорожний Зайченко Ігнатенко Калініченко Кирилюк Климчук Коломієць
Корнієнко Костюк Кравець Кононенко Кулик Лагода Лозинський Луценко Мазуренко Максименко Манько Матвієнко
Мельничук Михайленко Назаренко Науменко Новак Онищенко Охріменко Пархоменко Пилипенко Писаренко Прокопенко
Радченко Рибак Савицький Семенко Сергієнко Скиба Степаненко Стеценко Таран Терещенко Тищенко Федоренко
Харченко Цимбалюк Чорновол Шаповал Шульга Щербак Яковенко Ясинський Ярмоленко Дзюба Дрозд Заїка Зозуля
Козак Колесник Кривонос Левицький Лещенко Палій Пасічник Рудь Сахно Скрипник Сотник Сушко Тимченко Чабан Шпак`.split(/\s+/);
/** Given name, patronymic formed from it as a son's, and as a daughter's. */
const MALE: readonly (readonly [string, string, string])[] = [
  ['Олександр', 'Олександрович', 'Олександрівна'], ['Андрій', 'Андрійович', 'Андріївна'], ['Сергій', 'Сергійович', 'Сергіївна'],
  ['Володимир', 'Володимирович', 'Володимирівна'], ['Дмитро', 'Дмитрович', 'Дмитрівна'], ['Іван', 'Іванович', 'Іванівна'],
  ['Микола', 'Миколайович', 'Миколаївна'], ['Юрій', 'Юрійович', 'Юріївна'], ['Олег', 'Олегович', 'Олегівна'],
  ['Віктор', 'Вікторович', 'Вікторівна'], ['Василь', 'Васильович', 'Василівна'], ['Петро', 'Петрович', 'Петрівна'],
  ['Михайло', 'Михайлович', 'Михайлівна'], ['Віталій', 'Віталійович', 'Віталіївна'], ['Роман', 'Романович', 'Романівна'],
  ['Богдан', 'Богданович', 'Богданівна'], ['Тарас', 'Тарасович', 'Тарасівна'], ['Максим', 'Максимович', 'Максимівна'],
  ['Артем', 'Артемович', 'Артемівна'], ['Євген', 'Євгенович', 'Євгенівна'], ['Ігор', 'Ігорович', 'Ігорівна'],
  ['Павло', 'Павлович', 'Павлівна'], ['Степан', 'Степанович', 'Степанівна'], ['Григорій', 'Григорович', 'Григорівна'],
  ['Анатолій', 'Анатолійович', 'Анатоліївна'], ['Денис', 'Денисович', 'Денисівна'], ['Ярослав', 'Ярославович', 'Ярославівна'],
  ['Назар', 'Назарович', 'Назарівна'], ['Костянтин', 'Костянтинович', 'Костянтинівна'], ['Руслан', 'Русланович', 'Русланівна'],
  ['Федір', 'Федорович', 'Федорівна'], ['Вадим', 'Вадимович', 'Вадимівна'], ['Остап', 'Остапович', 'Остапівна'],
  ['Антон', 'Антонович', 'Антонівна'], ['Борис', 'Борисович', 'Борисівна'], ['Кирило', 'Кирилович', 'Кирилівна'],
  ['Данило', 'Данилович', 'Данилівна'], ['Матвій', 'Матвійович', 'Матвіївна'], ['Захар', 'Захарович', 'Захарівна'],
];
const FEMALE = `Ганна Олена Наталія Тетяна Ірина Світлана Оксана Людмила Марія Галина Валентина Ніна Любов Надія Віра
Катерина Юлія Ольга Лариса Інна Алла Зоя Раїса Лідія Мар'яна Христина Софія Анастасія Дарина Вікторія Яна Аліна
Богдана Уляна Леся Антоніна Тамара Поліна Стефанія Марина Ярослава Роксолана Соломія Зоряна`.split(/\s+/);
const UNITS = ['92 ОМБр', '93 ОМБр', '3 ОШБр', '47 ОМБр', '72 ОМБр', '24 ОМБр', '110 ОМБр', '36 ОБрМП', '80 ОДШБр', '25 ОПДБр', '128 ОГШБр', '53 ОМБр', '59 ОМПБр', 'ТрО 241 ОБр'];
const RANKS = ['солдат', 'старший солдат', 'молодший сержант', 'сержант', 'старший сержант', 'лейтенант', 'старший лейтенант', 'капітан'];
const PLACES = ['Бахмут', 'Авдіївка', 'Покровськ', 'Вугледар', "Мар'їнка", 'Курахове', 'Торецьк', 'Часів Яр', 'Кремінна', "Куп'янськ", 'Роботине', 'Кринки', 'Маріуполь', 'Вовчанськ'];
const MOBILE = ['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'];
const NOTES = [
  'Мати прийшла з братом, має фото у формі.', "Останній дзвінок був увечері, потім зв'язок зник.",
  'Побратим бачив його пораненим під час евакуації.', 'Родина подала заяву до поліції, номер справи уточнюють.',
  'Просять повідомляти лише телефоном, без SMS.', 'Є лист від командира частини.', 'Дружина вже здала зразок ДНК.',
  'Мати погано чує, краще приходити особисто.', 'Бачили на відео з полону, не підтверджено.', '', '', '',
];
const MARKS = ['якір', 'тризуб', 'шрам після операції', 'родимка', "ім'я доньки", 'хрест', 'вовк'];
const RELATIONSHIPS = ['mother', 'father', 'wife', 'partner', 'son', 'daughter', 'brother', 'sister'] as const;
const FEMALE_RELATIONSHIPS: readonly string[] = ['mother', 'wife', 'partner', 'daughter', 'sister'];

/** mulberry32: a tiny seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function feminine(surname: string): string {
  for (const [m, f] of [['ький', 'ька'], ['ний', 'на']] as const) if (surname.endsWith(m)) return surname.slice(0, -m.length) + f;
  return surname;
}

/** What a volunteer types into the intake form. */
function intakeGenerator(seed: number): { next(): IntakeInput; reference(): string } {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pad = (n: number) => String(n).padStart(2, '0');
  const phone = () => `+380 ${pick(MOBILE)} ${int(100, 999)} ${pad(int(0, 99))} ${pad(int(0, 99))}`;
  const date = (y0: number, y1: number) => `${int(y0, y1)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
  return {
    reference: () => generateReference((bytes) => bytes.forEach((_, i) => (bytes[i] = Math.floor(r() * 256)))),
    next() {
      const surname = pick(SURNAMES);
      const [given] = pick(MALE);
      const father = pick(MALE);
      const relationship = pick(RELATIONSHIPS);
      const isFemale = FEMALE_RELATIONSHIPS.includes(relationship);
      const registeredOn = date(2025, 2026);
      const person = {
        surname, givenName: given, patronymic: r() < 0.9 ? father[1] : '', sex: 'male' as const,
        otherSpellings: r() < 0.15 ? `${surname} ${given}`.replace('і', 'е') : '',
        dateOfBirth: r() < 0.6 ? date(1965, 2005) : String(int(1965, 2005)),
        unit: pick(UNITS), rank: pick(RANKS), lastSeenDate: r() < 0.8 ? date(2022, 2026) : '', lastSeenPlace: pick(PLACES),
        circumstances: r() < 0.5 ? `Зник після бою біля ${pick(PLACES)}.` : '',
        marks: r() < 0.5 ? [{ kind: 'tattoo' as const, location: 'left_arm' as const, description: pick(MARKS) }] : [],
      };
      // One inquiry in ten seeks two people (brothers, comrades of one unit).
      const persons = r() < 0.1 ? [person, { ...person, givenName: pick(MALE)[0], dateOfBirth: String(int(1975, 2005)), marks: [] }] : [person];
      return {
        inquiry: {
          gatheringPoint: `Пункт збору №${int(1, 12)}`, volunteerName: pick(FEMALE), registeredOn,
          channel: r() < 0.7 ? 'in_person' : 'phone', familyLanguage: 'uk',
          consent: { toRecord: true, shareWith: r() < 0.5 ? ['coordinators', 'police'] : ['coordinators'], toBeMatched: true, toPublishPhoto: false, givenOn: registeredOn, method: 'written', withdrawnOn: '' },
          referrals: { policeCaseNo: '', coordinationHqNo: '', icrcReference: '', registerExtractNo: '' },
          notes: pick(NOTES),
        },
        familyContact: {
          surname: r() < 0.8 ? (isFemale ? feminine(surname) : surname) : pick(SURNAMES),
          givenName: isFemale ? pick(FEMALE) : pick(MALE)[0],
          patronymic: isFemale ? pick(MALE)[2] : pick(MALE)[1],
          relationship, phones: r() < 0.2 ? [phone(), phone()] : [phone()], region: pick(REGIONS),
          preferredChannel: 'phone', kinshipProofSeen: r() < 0.5,
        },
        soughtPersons: persons,
      };
    },
  };
}

/** The createInquiry arguments the device builds from intake values (as src/db/inquiries.ts createInquiry does). */
function createInquiryArgs(values: IntakeInput, reference: string): CreateInquiryArgs {
  const parsed = intakeSchema.parse(values);
  const familyContact = familyContactSchema.parse({ ...parsed.familyContact, id: randomUUID() });
  const soughtPersons = parsed.soughtPersons.map((p) => soughtPersonSchema.parse({ ...p, id: randomUUID() }));
  const inquiry = inquirySchema.parse({
    ...parsed.inquiry, id: randomUUID(), reference, handlingStatus: 'submitted',
    familyContactId: familyContact.id, soughtPersonIds: soughtPersons.map((p) => p.id),
  });
  return { inquiry, familyContact, soughtPersons };
}

// ------------------------------------------------------------------------------------------ the database
async function open(): Promise<{ database: OpenDatabase; lock: FolderLock | undefined; where: string }> {
  const config = readConfig();
  if (config.databaseUrl) {
    return { database: await openPostgres({ url: config.databaseUrl, max: 2 }), lock: undefined, where: 'PostgreSQL (DATABASE_URL)' };
  }
  // Two processes on one PGlite folder lose data silently: refuse while a server (or another seeder) runs on it.
  const lock = lockFolder(config.dataDir);
  try {
    return { database: await openPGlite(pgliteFolder(config.dataDir)), lock, where: `PGlite in ${config.dataDir}` };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The coordinator, gathering point, volunteer and phone: reused when a previous run made them. */
async function setUpPeople(database: OpenDatabase, login: string, password: string): Promise<{ device: DeviceContext; lastMutationSeq: number }> {
  const db = database.db;
  let coordinator = await findUserByLogin(db, login);
  if (!coordinator) {
    coordinator = await createCoordinator(db, { login, name: 'Координатор навантажувального тесту', passwordHash: await hashPassword(password) });
    if (!coordinator) throw new Error(`could not create the coordinator ${login}`);
  } else if (coordinator.role !== 'coordinator' || !coordinator.passwordHash || !(await verifyPassword(password, coordinator.passwordHash))) {
    throw new Error(`the user "${login}" exists but is not a coordinator with this password; pass another --login`);
  }
  const space = (await spacesOfUser(db, coordinator)).find((s) => s.name === SPACE_NAME) ?? (await createSpace(db, { name: SPACE_NAME, coordinatorId: coordinator.id }));
  const volunteerId =
    (await listVolunteers(db, space.id)).find((v) => v.name === VOLUNTEER_NAME)?.id ??
    (await createVolunteer(db, { name: VOLUNTEER_NAME, spaceId: space.id, createdBy: coordinator.id })).id;
  let phone = (await listDevices(db, [space.id], coordinator.id)).find((d) => d.userId === volunteerId && d.label === DEVICE_LABEL && d.revokedAt === null);
  if (!phone) {
    const id = randomUUID();
    // Nobody will ever sign in with this phone: its refresh secret is thrown away.
    await createDevice(db, { id, userId: volunteerId, spaceId: space.id, label: DEVICE_LABEL, refreshHash: sha256(newRefreshSecret()) });
    phone = (await listDevices(db, [space.id], coordinator.id)).find((d) => d.id === id);
    if (!phone) throw new Error('the new device is not listed');
  }
  // What server/auth/guard.ts authenticate() resolves for this phone on a push.
  const device: DeviceContext = {
    deviceId: phone.id, label: phone.label, userId: volunteerId, userName: VOLUNTEER_NAME, role: 'volunteer',
    spaces: [space], spaceIds: [space.id], revoked: false,
  };
  return { device, lastMutationSeq: Number(phone.lastMutationSeq) };
}

// ------------------------------------------------------------------------------------------------ main
async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      count: { type: 'string', default: '50000' },
      batch: { type: 'string', default: '500' },
      login: { type: 'string', default: 'bench-coordinator' },
      password: { type: 'string', default: 'benchmark coordinator password' },
      seed: { type: 'string', default: '20261126' },
      json: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2000) {
    console.error('seed-server: --count must be a whole number ≥ 0 and --batch 1–2000');
    return 2;
  }
  if (values.password.length < MIN_PASSWORD_LENGTH) {
    console.error(`seed-server: the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    return 2;
  }

  let opened: Awaited<ReturnType<typeof open>>;
  try {
    opened = await open();
  } catch (error) {
    if (error instanceof FolderLockedError) {
      console.error(`seed-server: ${error.message}`);
      return 3;
    }
    throw error;
  }
  const { database, lock, where } = opened;
  // Ctrl-C stops after the batch being applied, then closes the database cleanly and releases the lock.
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const { device, lastMutationSeq } = await setUpPeople(database, values.login, values.password);
    console.log(`seed-server: ${where}; coordinator "${values.login}", device ${device.deviceId} (last mutationSeq ${lastMutationSeq}); ${count.toLocaleString('en')} inquiries in batches of ${batchSize}`);
    const generator = intakeGenerator(Number(values.seed) + lastMutationSeq);
    let seq = lastMutationSeq;
    let applied = 0;
    let other = 0;
    let buildMs = 0;
    let pushMs = 0;
    const batchTimes: number[] = [];
    const started = performance.now();
    let nextReport = 5000;
    for (let done = 0; done < count && !stopping; ) {
      const n = Math.min(batchSize, count - done);
      const t0 = performance.now();
      const mutations: PushRequest['mutations'] = [];
      for (let i = 0; i < n; i++) {
        const envelope = { mutationSeq: ++seq, mutationId: randomUUID(), name: 'createInquiry', args: createInquiryArgs(generator.next(), generator.reference()) };
        // The push route's envelope check, on what a device would have sent as JSON.
        mutations.push(pushMutationEnvelopeSchema.parse(JSON.parse(JSON.stringify(envelope))));
      }
      const t1 = performance.now();
      const answer = await push(database.db, device, mutations, new Date());
      const t2 = performance.now();
      if ('expectedSeq' in answer) throw new Error(`the server expected mutationSeq ${answer.expectedSeq}: another process pushed for this device`);
      for (const r of answer.results) {
        if (r.result === 'applied') applied += 1;
        else if (other++ < 5) console.error(`seed-server: mutation ${r.mutationSeq} ${r.result} ${r.reason ?? ''}`);
      }
      buildMs += t1 - t0;
      pushMs += t2 - t1;
      batchTimes.push(t2 - t1);
      done += n;
      if (done >= nextReport || done === count) {
        nextReport += 5000;
        const seconds = (performance.now() - started) / 1000;
        console.log(`seed-server: ${done.toLocaleString('en')} inquiries, ${seconds.toFixed(1)} s, ${Math.round(done / seconds)} inquiries/s (push ${Math.round(t2 - t1)} ms for the last batch of ${n})`);
      }
    }
    const totalMs = performance.now() - started;
    const clock = await readClock(database.db);
    const records = await database.db
      .selectFrom('record')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('space_id', '=', device.spaceIds[0] ?? '')
      .where('deleted', '=', false)
      .executeTakeFirstOrThrow();
    const inquiries = await database.db
      .selectFrom('record')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('space_id', '=', device.spaceIds[0] ?? '')
      .where('type', '=', 'inquiry')
      .where('deleted', '=', false)
      .executeTakeFirstOrThrow();
    const sorted = [...batchTimes].sort((a, b) => a - b);
    const result = {
      where, login: values.login, spaceId: device.spaceIds[0], deviceId: device.deviceId,
      pushed: seq - lastMutationSeq, applied, notApplied: other, batchSize,
      inquiries: Number(inquiries.n), records: Number(records.n), clock,
      totalMs: Math.round(totalMs), buildMs: Math.round(buildMs), pushMs: Math.round(pushMs),
      inquiriesPerSecond: Math.round((applied / totalMs) * 1000),
      batchMsP50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), batchMsMax: Math.round(sorted[sorted.length - 1] ?? 0),
    };
    console.log(
      `seed-server: ${applied.toLocaleString('en')} inquiries applied${other ? `, ${other} not applied` : ''} in ${(totalMs / 1000).toFixed(1)} s = ${result.inquiriesPerSecond} inquiries/s` +
        ` (making the mutations ${(buildMs / 1000).toFixed(1)} s, push() ${(pushMs / 1000).toFixed(1)} s, batch p50 ${result.batchMsP50} ms);` +
        ` the space now holds ${result.inquiries.toLocaleString('en')} inquiries in ${result.records.toLocaleString('en')} records, clock at ${clock}`,
    );
    if (stopping) console.log('seed-server: stopped early on a signal');
    if (values.json) console.log(`SEED_RESULT ${JSON.stringify(result)}`);
    return other > 0 || stopping ? 1 : 0;
  } finally {
    try {
      await database.close();
    } finally {
      lock?.release();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('seed-server: failed:', error);
    process.exit(1);
  },
);
