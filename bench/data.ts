// Deterministic, varied Ukrainian test data for the benchmarks — the device benchmark page and the server
// seeder (scripts/seed-server.ts): names from lists of common surnames, given names and patronymics,
// Ukrainian mobile numbers, units, places and notes, over the shared intake factory (schema/testing/factories.ts).
// Never real people. Plain TypeScript over schema/ only, so it runs in the browser and in Node alike.
import { REGIONS, RELATIONSHIPS, type IntakeInput } from '../schema/inquiry.ts';
import { makeIntakeInput, rng } from '../schema/testing/factories.ts';

export const SURNAMES = `Мельник Шевченко Коваленко Бондаренко Бойко Ткаченко Кравченко Ковальчук Коваль Олійник Шевчук
Поліщук Іваненко Ткачук Савченко Марченко Руденко Мороз Лисенко Петренко Клименко Павленко Кравчук Кузьменко
Гончаренко Савчук Левченко Приходько Швець Романенко Кушнір Захарченко Карпенко Мазур Литвиненко Ярошенко
Сидоренко Гриценко Панченко Костенко Тарасенко Лук'яненко Дем'яненко Гуменюк Мартинюк Ковтун Гнатюк Литвин
Кириленко Пономаренко Дмитренко Остапенко Василенко Герасименко Ісаєнко Антоненко Білоус Зінченко Нестеренко
Головко Вакуленко Стасюк Семенюк Юрченко Тимошенко Волошин Кучер Гаврилюк Демченко Осадчук Фещенко Сорока
Мирошниченко Білик Хоменко Андрієнко Бабенко Бабич Бондар Вдовиченко Вовк Гордієнко Грищенко Давиденко
Дорошенко Дяченко Ємельяненко Жук Задорожний Зайченко Ігнатенко Калініченко Кирилюк Климчук Коломієць
Корнієнко Костюк Кравець Кононенко Кулик Лагода Лозинський Луценко Мазуренко Максименко Манько Матвієнко
Мельничук Михайленко Мосійчук Назаренко Науменко Новак Оліфіренко Онищенко Охріменко Пархоменко Пилипенко
Писаренко Прокопенко Проценко Радченко Ребров Рибак Рожко Савицький Семенко Сергієнко Сидорчук Скиба
Слюсаренко Собко Степаненко Стеценко Стрельченко Таран Терещенко Тищенко Троценко Устименко Федоренко Филоненко
Фролов Харченко Хоменюк Цимбалюк Чорновол Чуприна Шаповал Шевчишин Шульга Щербак Щербина Юрчишин Яковенко
Ясинський Ярмоленко Авраменко Бабій Бевз Білозір Борисенко Вакула Гайдамака Гладун Гудзь Гурин Дацюк Демчук
Дзюба Довгань Дрозд Єрмоленко Жовнір Заїка Зозуля Іщенко Кабан Козак Колесник Коцюба Кривонос Кугут
Лавриненко Левицький Лещенко Маковій Малярчук Мисник Нечипорук Оврамчук Палій Пасічник Пащенко Підгорний
Рудь Сабадаш Сахно Сивак Скрипник Сотник Сушко Тимченко Ткачишин Федорчук Хмара Цап Чабан Чередниченко Шпак
Шостак Ющенко Якименко`.split(/\s+/);

/** Male given names with the patronymic stems formed from them (Олександр → Олександрович / Олександрівна). */
const MALE: readonly (readonly [string, string, string])[] = [
  ['Олександр', 'Олександрович', 'Олександрівна'], ['Андрій', 'Андрійович', 'Андріївна'], ['Сергій', 'Сергійович', 'Сергіївна'],
  ['Володимир', 'Володимирович', 'Володимирівна'], ['Дмитро', 'Дмитрович', 'Дмитрівна'], ['Іван', 'Іванович', 'Іванівна'],
  ['Микола', 'Миколайович', 'Миколаївна'], ['Юрій', 'Юрійович', 'Юріївна'], ['Олег', 'Олегович', 'Олегівна'],
  ['Віктор', 'Вікторович', 'Вікторівна'], ['Василь', 'Васильович', 'Василівна'], ['Петро', 'Петрович', 'Петрівна'],
  ['Михайло', 'Михайлович', 'Михайлівна'], ['Віталій', 'Віталійович', 'Віталіївна'], ['Роман', 'Романович', 'Романівна'],
  ['Богдан', 'Богданович', 'Богданівна'], ['Тарас', 'Тарасович', 'Тарасівна'], ['Максим', 'Максимович', 'Максимівна'],
  ['Артем', 'Артемович', 'Артемівна'], ['Євген', 'Євгенович', 'Євгенівна'], ['Ігор', 'Ігорович', 'Ігорівна'],
  ['Павло', 'Павлович', 'Павлівна'], ['Степан', 'Степанович', 'Степанівна'], ['Григорій', 'Григорович', 'Григорівна'],
  ['Анатолій', 'Анатолійович', 'Анатоліївна'], ['Валерій', 'Валерійович', 'Валеріївна'], ['Денис', 'Денисович', 'Денисівна'],
  ['Ярослав', 'Ярославович', 'Ярославівна'], ['Назар', 'Назарович', 'Назарівна'], ['Костянтин', 'Костянтинович', 'Костянтинівна'],
  ['Руслан', 'Русланович', 'Русланівна'], ['Федір', 'Федорович', 'Федорівна'], ['Леонід', 'Леонідович', 'Леонідівна'],
  ['Вадим', 'Вадимович', 'Вадимівна'], ['Ілля', 'Ілліч', 'Іллівна'], ['Станіслав', 'Станіславович', 'Станіславівна'],
  ['Орест', 'Орестович', 'Орестівна'], ['Остап', 'Остапович', 'Остапівна'], ['Антон', 'Антонович', 'Антонівна'],
  ['Євгеній', 'Євгенійович', 'Євгеніївна'], ['Геннадій', 'Геннадійович', 'Геннадіївна'], ['Борис', 'Борисович', 'Борисівна'],
  ['Валентин', 'Валентинович', 'Валентинівна'], ['Вячеслав', 'Вячеславович', 'Вячеславівна'], ['Святослав', 'Святославович', 'Святославівна'],
  ['Кирило', 'Кирилович', 'Кирилівна'], ['Данило', 'Данилович', 'Данилівна'], ['Матвій', 'Матвійович', 'Матвіївна'],
  ['Захар', 'Захарович', 'Захарівна'], ['Арсеній', 'Арсенійович', 'Арсеніївна'],
];
const FEMALE = `Ганна Олена Наталія Тетяна Ірина Світлана Оксана Людмила Марія Галина Валентина Ніна Любов Надія Віра
Катерина Юлія Ольга Лариса Інна Алла Зоя Раїса Лідія Віталіна Мар'яна Христина Софія Анастасія Дарина Вікторія
Яна Аліна Богдана Євгенія Зінаїда Василина Уляна Леся Оксенія Антоніна Жанна Тамара Поліна Стефанія Марина
Ярослава Роксолана Соломія Зоряна`.split(/\s+/);

const FEMALE_SURNAME: Record<string, string> = { 'ький': 'ька', 'ний': 'на', 'ов': 'ова' };
const feminine = (surname: string) => {
  for (const [m, f] of Object.entries(FEMALE_SURNAME)) if (surname.endsWith(m)) return surname.slice(0, -m.length) + f;
  return surname;
};

const UNITS = ['92 ОМБр', '93 ОМБр', '3 ОШБр', '47 ОМБр', '72 ОМБр', '24 ОМБр', '110 ОМБр', '36 ОБрМП', '80 ОДШБр', '25 ОПДБр', '128 ОГШБр', '53 ОМБр', '54 ОМБр', '59 ОМПБр', '10 ОГШБр', 'ТрО 241 ОБр'];
const RANKS = ['солдат', 'старший солдат', 'молодший сержант', 'сержант', 'старший сержант', 'лейтенант', 'старший лейтенант', 'капітан'];
const PLACES = ['Бахмут', 'Авдіївка', 'Покровськ', 'Вугледар', 'Мар\'їнка', 'Курахове', 'Торецьк', 'Часів Яр', 'Кремінна', 'Куп\'янськ', 'Роботине', 'Кринки', 'Маріуполь', 'Лисичанськ', 'Сіверськодонецьк', 'Вовчанськ'];
const MOBILE = ['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'];
const NOTES = [
  'Мати прийшла з братом, має фото у формі.', 'Останній дзвінок був увечері, потім зв\'язок зник.',
  'Побратим бачив його пораненим під час евакуації.', 'Родина подала заяву до поліції, номер справи уточнюють.',
  'Просять повідомляти лише телефоном, без SMS.', 'Є лист від командира частини.', 'Сестра живе за кордоном, зв\'язок через Viber.',
  'Дружина вже здала зразок ДНК у Києві.', 'Мати погано чує, краще приходити особисто.', 'Бачили на відео з полону, не підтверджено.',
  'Родина шукає також його побратима.', 'Документи залишилися в частині.', '', '', '',
];
const MARK_TEXT = ['якір', 'тризуб', 'шрам після операції', 'родимка', 'ім\'я доньки', 'дата народження сина', 'хрест', 'вовк'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The fixed fields of every generated intake (the shared intake factory); generator() varies the rest. */
function baseIntake(o: { surname: string; givenName: string; contactSurname: string; phone: string }): IntakeInput {
  return makeIntakeInput({
    familyContact: { surname: o.contactSurname, phones: [o.phone] },
    soughtPerson: { surname: o.surname, givenName: o.givenName },
  });
}

export interface Generator {
  next(): IntakeInput;
}

export function generator(seed: number): Generator {
  // Seeded (mulberry32, the factories' PRNG): two runs make the same names, so the figures compare.
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const phone = () => `+380 ${pick(MOBILE)} ${int(100, 999)} ${pad(int(0, 99))} ${pad(int(0, 99))}`;
  const date = (y0: number, y1: number) => `${int(y0, y1)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
  return {
    next() {
      const surname = pick(SURNAMES);
      const [given, patMale] = pick(MALE);
      const father = pick(MALE);
      const relationship = pick(RELATIONSHIPS.slice(0, 9));
      const isFemaleContact = ['mother', 'wife', 'partner', 'daughter', 'sister'].includes(relationship);
      const contactSurname = r() < 0.8 ? (isFemaleContact ? feminine(surname) : surname) : pick(SURNAMES);
      const base = baseIntake({ surname, givenName: given, contactSurname, phone: phone() });
      const registeredOn = `202${int(5, 6)}-${pad(int(1, 10))}-${pad(int(1, 28))}`;
      const person = base.soughtPersons[0]!;
      const persons = [
        {
          ...person,
          patronymic: r() < 0.9 ? father[1] : '',
          otherSpellings: r() < 0.15 ? `${surname} ${given}`.replace('і', 'е') : '',
          dateOfBirth: r() < 0.6 ? date(1965, 2005) : String(int(1965, 2005)),
          unit: pick(UNITS),
          rank: pick(RANKS),
          lastSeenDate: r() < 0.8 ? date(2022, 2026) : '',
          lastSeenPlace: pick(PLACES),
          circumstances: r() < 0.5 ? `Зник після бою біля ${pick(PLACES)}.` : '',
          marks: r() < 0.5 ? [{ kind: 'tattoo' as const, location: 'left_arm' as const, description: pick(MARK_TEXT) }] : [],
        },
      ];
      if (r() < 0.1) {
        const [g2] = pick(MALE);
        persons.push({ ...persons[0]!, givenName: g2, patronymic: patMale, dateOfBirth: String(int(1975, 2005)), marks: [] });
      }
      // Once the point's name; still drawn, so the generated data stays the same from run to run of the bench.
      void int(1, 12);
      return {
        inquiry: {
          ...base.inquiry,
          volunteerName: pick(FEMALE),
          registeredOn,
          channel: r() < 0.7 ? 'in_person' : 'phone',
          consent: { ...base.inquiry.consent, givenOn: registeredOn, shareWith: r() < 0.5 ? ['coordinators', 'police'] : ['coordinators'] },
          notes: pick(NOTES),
        },
        familyContact: {
          ...base.familyContact,
          givenName: isFemaleContact ? pick(FEMALE) : pick(MALE)[0],
          patronymic: isFemaleContact ? pick(MALE)[2] : pick(MALE)[1],
          relationship,
          phones: r() < 0.2 ? [...base.familyContact.phones, phone()] : base.familyContact.phones,
          region: pick(REGIONS),
        },
        soughtPersons: persons,
      };
    },
  };
}
