// A labelled evaluation set for the matcher (issue 9): sought persons as Ukrainian families register them, and a
// batch list of the same people as the other side writes them — Russian Cyrillic, Russian passport Latin (ICAO
// 9303, MVD-310 via iuliia), the Ukrainian national Latin (KMU-55 via cyrillic-to-translit-js), informal Latin,
// typos, upper case, missing patronymics, partial, swapped or mistyped dates — plus namesakes and people who
// are not among the cases. Seeded and deterministic. Written apart from schema/ (its own name tables and
// rules), so the matcher is measured against rules it did not write.
import cyrillicToTranslit from 'cyrillic-to-translit-js';
import { ICAO_DOC_9303, MVD_310, translate } from 'iuliia';

export interface EvalCase {
  id: string;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
}

export interface EvalRow {
  surname: string;
  given_name: string;
  patronymic: string;
  full_name: string;
  birth_date: string;
  /** The case this row is, or null for a person absent from the cases. */
  truth: string | null;
  /** How the row was written, for the error breakdown. */
  how: string;
}

// ------------------------------------------------------------------------------------------ random

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let at = this.next() * total;
    for (const [item, weight] of items) {
      at -= weight;
      if (at < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }
}

// ------------------------------------------------------------------------------------------ names

// Ukrainian given name, its Russian form, relative frequency among men born 1965–2005 (rough, by lists).
const MALE: readonly (readonly [string, string, number])[] = [
  ['Олександр', 'Александр', 9], ['Сергій', 'Сергей', 6], ['Андрій', 'Андрей', 6], ['Володимир', 'Владимир', 5],
  ['Дмитро', 'Дмитрий', 5], ['Юрій', 'Юрий', 4], ['Іван', 'Иван', 4], ['Микола', 'Николай', 4], ['Максим', 'Максим', 4],
  ['Віталій', 'Виталий', 3], ['Олег', 'Олег', 3], ['Василь', 'Василий', 3], ['Віктор', 'Виктор', 3], ['Роман', 'Роман', 3],
  ['Євген', 'Евгений', 3], ['Ігор', 'Игорь', 3], ['Михайло', 'Михаил', 3], ['Олексій', 'Алексей', 3], ['Богдан', 'Богдан', 2],
  ['Петро', 'Пётр', 2], ['Павло', 'Павел', 2], ['Артем', 'Артём', 2], ['Денис', 'Денис', 2], ['Руслан', 'Руслан', 2],
  ['Тарас', 'Тарас', 1.5], ['Анатолій', 'Анатолий', 1.5], ['Вадим', 'Вадим', 1.5], ['Ярослав', 'Ярослав', 1.5],
  ['Владислав', 'Владислав', 1.5], ['Костянтин', 'Константин', 1.2], ["В'ячеслав", 'Вячеслав', 1.2], ['Станіслав', 'Станислав', 1],
  ['Валерій', 'Валерий', 1], ['Назар', 'Назар', 1], ['Кирило', 'Кирилл', 1], ['Данило', 'Даниил', 1], ['Ілля', 'Илья', 1],
  ['Микита', 'Никита', 1], ['Антон', 'Антон', 1], ['Геннадій', 'Геннадий', 0.8], ['Леонід', 'Леонид', 0.8], ['Степан', 'Степан', 0.8],
  ['Григорій', 'Григорий', 0.8], ['Федір', 'Фёдор', 0.6], ['Ростислав', 'Ростислав', 0.5], ['Едуард', 'Эдуард', 0.5],
  ['Борис', 'Борис', 0.5], ['Валентин', 'Валентин', 0.5], ['Святослав', 'Святослав', 0.4], ['Мирослав', 'Мирослав', 0.4],
  ['Яків', 'Яков', 0.3], ['Остап', 'Остап', 0.3], ['Любомир', 'Любомир', 0.3], ['Тимур', 'Тимур', 0.4], ['Арсен', 'Арсен', 0.3],
  ['Іларіон', 'Илларион', 0.1], ['Орест', 'Орест', 0.2], ['Юліан', 'Юлиан', 0.1], ['Матвій', 'Матвей', 0.3], ['Захар', 'Захар', 0.3],
];
const FEMALE: readonly (readonly [string, string, number])[] = [
  ['Олена', 'Елена', 3], ['Наталія', 'Наталья', 3], ['Ірина', 'Ирина', 3], ['Оксана', 'Оксана', 3], ['Тетяна', 'Татьяна', 3],
  ['Юлія', 'Юлия', 2], ['Світлана', 'Светлана', 2], ['Марія', 'Мария', 2], ['Ольга', 'Ольга', 2], ['Катерина', 'Екатерина', 2],
  ['Анастасія', 'Анастасия', 1.5], ['Вікторія', 'Виктория', 1.5], ['Ганна', 'Анна', 1.5], ['Людмила', 'Людмила', 1],
];
// Fathers, born 1935–1985: an older mix.
const FATHERS: readonly (readonly [string, string, number])[] = MALE.map(([uk, ru, weight]) => {
  const older: Record<string, number> = { Микола: 8, Іван: 8, Василь: 7, Петро: 5, Михайло: 5, Володимир: 7, Віктор: 6, Анатолій: 5, Григорій: 3, Степан: 3, Федір: 2, Яків: 1.5, Ілля: 1, Олександр: 9, Леонід: 2 };
  return [uk, ru, older[uk] ?? weight / 2] as const;
});

/** Ukrainian patronymic from the father's Ukrainian name, by the grammar's rules (not the matcher's tables). */
function ukrainianPatronymic(father: string, female: boolean): string {
  const special: Record<string, readonly [string, string]> = {
    Григорій: ['Григорович', 'Григорівна'], Яків: ['Якович', 'Яківна'], Федір: ['Федорович', 'Федорівна'],
    Ілля: ['Ілліч', 'Іллівна'], Микола: ['Миколайович', 'Миколаївна'], Іларіон: ['Іларіонович', 'Іларіонівна'],
  };
  const fixed = special[father];
  if (fixed) return female ? fixed[1] : fixed[0];
  if (father.endsWith('ій')) return father.slice(0, -1) + (female ? 'ївна' : 'йович');
  if (father.endsWith('о') || father.endsWith('а')) return father.slice(0, -1) + (female ? 'івна' : 'ович');
  if (father.endsWith('ь')) return father.slice(0, -1) + (female ? 'івна' : 'ьович');
  return father + (female ? 'івна' : 'ович');
}

/** Russian patronymic from the father's Russian name, by Russian rules. */
function russianPatronymic(father: string, female: boolean): string {
  const special: Record<string, readonly [string, string]> = {
    Илья: ['Ильич', 'Ильинична'], Никита: ['Никитич', 'Никитична'], Пётр: ['Петрович', 'Петровна'], Павел: ['Павлович', 'Павловна'],
    Яков: ['Яковлевич', 'Яковлевна'], Дмитрий: ['Дмитриевич', 'Дмитриевна'], Лев: ['Львович', 'Львовна'],
  };
  const fixed = special[father];
  if (fixed) return female ? fixed[1] : fixed[0];
  if (father.endsWith('ий')) return father.slice(0, -2) + (female ? 'ьевна' : 'ьевич');
  if (father.endsWith('ей') || father.endsWith('ай')) return father.slice(0, -1) + (female ? 'евна' : 'евич');
  if (father.endsWith('ь')) return father.slice(0, -1) + (female ? 'евна' : 'евич');
  if (/[жшчщц]$/.test(father)) return father + (female ? 'евна' : 'евич');
  return father + (female ? 'овна' : 'ович');
}

const COMMON_SURNAMES: readonly (readonly [string, number])[] = [
  ['Мельник', 10], ['Шевченко', 10], ['Коваленко', 9], ['Бондаренко', 9], ['Бойко', 8], ['Ткаченко', 8], ['Кравченко', 8],
  ['Ковальчук', 7], ['Коваль', 7], ['Олійник', 7], ['Шевчук', 7], ['Поліщук', 6], ['Іваненко', 6], ['Ткачук', 6], ['Савченко', 6],
  ['Бондар', 6], ['Марченко', 5], ['Руденко', 5], ['Мороз', 5], ['Лисенко', 5], ['Петренко', 5], ['Клименко', 5], ['Павленко', 5],
  ['Кравчук', 5], ['Кузьменко', 4], ['Пономаренко', 4], ['Савчук', 4], ['Василенко', 4], ['Левченко', 4], ['Харченко', 4],
  ['Сидоренко', 4], ['Карпенко', 4], ['Гаврилюк', 3], ['Мельничук', 3], ['Швець', 3], ['Приходько', 3], ['Білоус', 2],
  ['Сірко', 1.5], ['Мірошниченко', 3], ['Кривоніс', 1], ['Чорновол', 1], ['Ковальов', 2], ['Гончаренко', 3], ['Рибак', 2],
  ['Зінченко', 3], ['Кучер', 2], ['Гнатюк', 2], ['Яковенко', 3], ['Остапчук', 2], ['Дяченко', 3], ['Щербак', 2], ['Литвиненко', 3],
  ['Соловйов', 1.5], ['Вовк', 2], ['Захарченко', 2], ['Головко', 2], ['Білик', 2], ['Кушнір', 2], ['Тимошенко', 2], ['Симоненко', 2],
  ["П'ятак", 0.5], ["Дем'яненко", 1], ['Гриценко', 2], ['Юрченко', 2], ['Нестеренко', 2], ['Пилипенко', 2], ['Хоменко', 2],
  ['Грищенко', 2], ['Самойленко', 1.5], ['Кобзар', 1], ['Чумак', 1], ['Гуменюк', 1.5], ['Костенко', 2], ['Жук', 2],
];
const ROOTS = [
  'Андрі', 'Бабі', 'Бар', 'Бережн', 'Бут', 'Вакул', 'Верб', 'Вишн', 'Гайд', 'Гал', 'Гнид', 'Голуб', 'Горді', 'Гуц', 'Дац', 'Деркач',
  'Дорош', 'Дуб', 'Жовт', 'Забол', 'Заїк', 'Звар', 'Зуб', 'Карп', 'Кир', 'Клим', 'Кобил', 'Колесн', 'Корн', 'Кос', 'Кот', 'Кривош',
  'Кулик', 'Кур', 'Лаз', 'Лев', 'Лук', 'Мазур', 'Макар', 'Мар', 'Мацк', 'Мирон', 'Мох', 'Назар', 'Нечип', 'Оліфір', 'Онищ', 'Опанас',
  'Осип', 'Охрім', 'Паш', 'Пасічн', 'Пилип', 'Прокоп', 'Радч', 'Рев', 'Роман', 'Руд', 'Сав', 'Сем', 'Сидор', 'Сич', 'Скиб', 'Слободян',
  'Сорок', 'Стас', 'Стець', 'Тар', 'Терещ', 'Тимч', 'Трох', 'Федор', 'Філон', 'Фом', 'Харит', 'Хвед', 'Цвік', 'Чорн', 'Шаповал', 'Шевел',
  'Шкур', 'Шум', 'Юрк', 'Яцен', 'Ярем', 'Ящ', 'Гребен', 'Кисел', 'Лещ', 'Мельнич', 'Мисл', 'Моска', 'Ничипор', 'Паламар', 'Рибалк',
  'Семен', 'Стельмах', 'Тесл', 'Ткач', 'Цимбал', 'Черн', 'Шост', 'Щерб', 'Ясинч', 'Борис', 'Волош', 'Гринч', 'Давид', 'Євтуш', 'Зарудн',
  'Ісак', 'Йосип', 'Калин', 'Литвин', 'Місюр', 'Нагорн', 'Ониськ', 'Прись', 'Рябош', 'Ступ', 'Тур', 'Уман', 'Хом', 'Цап', 'Шиш',
];
const SUFFIXES: readonly (readonly [string, number])[] = [
  ['енко', 5], ['чук', 3], ['ук', 2], ['юк', 2], ['ишин', 1], ['ський', 1.5], ['ович', 0.8], ['ець', 1], ['ак', 1], ['ик', 1],
  ['ій', 0.5], ['ун', 0.5], ['ан', 0.4],
];

/** A surname pool: common surnames and composed ones, Zipf-like weights. */
function surnamePool(random: Random): (readonly [string, number])[] {
  const pool = new Map<string, number>(COMMON_SURNAMES);
  for (const root of ROOTS) {
    for (const [suffix, weight] of SUFFIXES) {
      const joined = root.endsWith('ь') && !suffix.startsWith('е') ? root + suffix : root.replace(/ь$/, '') + suffix;
      if (!pool.has(joined)) pool.set(joined, weight * 0.6 * random.float());
    }
  }
  return [...pool];
}

// Russian spellings of Ukrainian surnames that the rules below do not produce (vowel alternations).
const RUSSIAN_SURNAME: Readonly<Record<string, string>> = {
  Олійник: 'Олейник', Білоус: 'Белоус', Сірко: 'Серко', Кривоніс: 'Кривонос', Чорновол: 'Черновол', Ковальов: 'Ковалёв',
  Соловйов: 'Соловьёв', Білик: 'Белик', Кушнір: 'Кушнир', Мірошниченко: 'Мирошниченко', 'Охрімчук': 'Охримчук',
};

/** The other side's Russian Cyrillic for a Ukrainian surname. */
function russianSurname(surname: string, random: Random): string {
  const known = RUSSIAN_SURNAME[surname];
  if (known) return known;
  let out = surname
    .replace(/ський$/, 'ский').replace(/цький$/, 'цкий').replace(/ій$/, 'ий')
    .replace(/([бпвмф])['’]/g, '$1').replace(/['’]/g, 'ь')
    .replace(/є/g, 'е').replace(/ї/g, 'и').replace(/ьо/g, 'ё').replace(/йо/g, 'ё').replace(/ґ/g, 'г');
  // Ukrainian и is mostly Russian ы, except where Russian spelling keeps и (after г к х ж ш ч щ ц; the -ий ending).
  out = out.replace(/(?<![гкхжшчщцГКХЖШЧЩЦ])и(?!й$)/g, 'ы').replace(/^И/, 'И');
  out = out.replace(/і/g, random.chance(0.15) ? 'е' : 'и').replace(/^І/, 'И');
  // Russian ё is often written е.
  if (random.chance(0.6)) out = out.replace(/ё/g, 'е');
  return out;
}

const kmu = cyrillicToTranslit({ preset: 'uk' });

// Informal Latin of Russian Cyrillic (how people type without a standard): x for кс, y for й, sometimes h for х.
function informalLatin(text: string, random: Random): string {
  const table: Record<string, string[]> = {
    а: ['a'], б: ['b'], в: ['v'], г: ['g'], д: ['d'], е: ['e'], ё: ['yo', 'e'], ж: ['zh'], з: ['z'], и: ['i'], й: ['y', 'i'], к: ['k'],
    л: ['l'], м: ['m'], н: ['n'], о: ['o'], п: ['p'], р: ['r'], с: ['s'], т: ['t'], у: ['u'], ф: ['f'], х: ['kh', 'h'], ц: ['ts', 'c'],
    ч: ['ch'], ш: ['sh'], щ: ['sch', 'shch'], ъ: [''], ы: ['y'], ь: ['', "'"], э: ['e'], ю: ['yu'], я: ['ya'],
  };
  const choice = random.int(0, 1);
  const lower = text.toLowerCase().replace(/кс/g, random.chance(0.7) ? 'x' : 'кс').replace(/ий$/, 'iy');
  let out = '';
  for (const char of lower) {
    const options = table[char];
    out += options ? (options[Math.min(choice, options.length - 1)] ?? '') : char;
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

// ------------------------------------------------------------------------------------------ damage

const KEYBOARD_ROWS = ['йцукенгшщзхї', 'фівапролджє', 'ячсмитьбю', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbour(char: string, random: Random): string {
  const lower = char.toLowerCase();
  for (const row of KEYBOARD_ROWS) {
    const at = row.indexOf(lower);
    if (at < 0) continue;
    const next = row[at + (at === 0 || (at < row.length - 1 && random.chance(0.5)) ? 1 : -1)] ?? lower;
    return char === lower ? next : next.toUpperCase();
  }
  return char;
}

/** One typing error: a neighbouring key, a dropped, doubled or swapped letter (never the first letter). */
function typo(word: string, random: Random): string {
  if (word.length < 4) return word;
  const letters = [...word];
  const at = random.int(1, letters.length - 2);
  const kind = random.int(0, 3);
  if (kind === 0) letters[at] = neighbour(letters[at] ?? '', random);
  else if (kind === 1) letters.splice(at, 1);
  else if (kind === 2) letters.splice(at, 0, letters[at] ?? '');
  else [letters[at], letters[at + 1]] = [letters[at + 1] ?? '', letters[at] ?? ''];
  return letters.join('');
}

// ------------------------------------------------------------------------------------------ people

interface Person {
  surname: string;
  given: readonly [string, string, number];
  father: readonly [string, string, number];
  female: boolean;
  year: number;
  month: number;
  day: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function newPerson(random: Random, surnames: readonly (readonly [string, number])[]): Person {
  const female = random.chance(0.08);
  const year = random.int(1965, 2005);
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return { surname: random.weighted(surnames), given: random.weighted((female ? FEMALE : MALE).map((g) => [g, g[2]] as const)), father: random.weighted(FATHERS.map((f) => [f, f[2]] as const)), female, year, month, day };
}

function caseOf(person: Person, id: string, random: Random): EvalCase {
  // Families register in Ukrainian; a few dates are known only to the year, a few not at all.
  const dateKind = random.float();
  const birthDate = dateKind < 0.9 ? `${person.year}-${pad(person.month)}-${pad(person.day)}` : dateKind < 0.97 ? String(person.year) : '';
  return { id, surname: person.surname, givenName: person.given[0], patronymic: ukrainianPatronymic(person.father[0], person.female), birthDate };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The person as the other side's list writes them. */
function rowOf(person: Person, truth: string | null, random: Random): EvalRow {
  const script = random.weighted([['ru', 40], ['uk', 25], ['kmu', 13], ['icao', 10], ['mvd', 5], ['informal', 7]] as const);
  let surname: string;
  let given: string;
  let patronymic: string;
  const ruSurname = russianSurname(person.surname, random);
  const ruGiven = person.given[1];
  const ruPatronymic = russianPatronymic(person.father[1], person.female);
  const ukPatronymic = ukrainianPatronymic(person.father[0], person.female);
  switch (script) {
    case 'ru':
      [surname, given, patronymic] = [ruSurname, ruGiven, ruPatronymic];
      break;
    case 'uk':
      [surname, given, patronymic] = [person.surname, person.given[0], ukPatronymic];
      break;
    case 'kmu':
      [surname, given, patronymic] = [person.surname, person.given[0], ukPatronymic].map((word) => kmu.transform(word)) as [string, string, string];
      break;
    case 'icao':
      [surname, given, patronymic] = [ruSurname, ruGiven, ruPatronymic].map((word) => translate(word, ICAO_DOC_9303)) as [string, string, string];
      break;
    case 'mvd':
      [surname, given, patronymic] = [ruSurname, ruGiven, ruPatronymic].map((word) => translate(word, MVD_310)) as [string, string, string];
      break;
    default:
      [surname, given, patronymic] = [ruSurname, ruGiven, ruPatronymic].map((word) => capitalise(informalLatin(word, random))) as [string, string, string];
  }
  const how: string[] = [script];
  // Apostrophes as typed: straight, typographic, the modifier letter.
  const apostrophe = random.pick(["'", '’', 'ʼ']);
  [surname, given, patronymic] = [surname, given, patronymic].map((word) => word.replace(/['’ʼ]/g, apostrophe)) as [string, string, string];
  if (random.chance(0.15)) {
    const which = random.weighted([[0, 6], [1, 2], [2, 2]] as const);
    const parts = [surname, given, patronymic];
    parts[which] = typo(parts[which] ?? '', random);
    [surname, given, patronymic] = parts as [string, string, string];
    how.push(`typo-${['surname', 'given', 'patronymic'][which]}`);
  }
  if (random.chance(0.1)) {
    patronymic = '';
    how.push('no-patronymic');
  }
  if (random.chance(0.3)) {
    [surname, given, patronymic] = [surname.toUpperCase(), given.toUpperCase(), patronymic.toUpperCase()];
    how.push('upper');
  }
  // The date: mostly whole, sometimes with day and month swapped (only where that is still a date), year only,
  // missing, or with one digit mistyped.
  let { year, month, day } = person;
  const dateKind = random.weighted([['full', 74], ['swapped', 7], ['year', 8], ['missing', 7], ['digit', 4]] as const);
  let birth = '';
  if (dateKind === 'swapped' && day <= 12 && day !== month) [day, month] = [month, day];
  if (dateKind === 'digit') {
    const field = random.int(0, 2);
    if (field === 0) year += random.chance(0.5) ? 1 : -1;
    else if (field === 1) month = month === 1 ? 2 : month - 1;
    else day = day >= 28 ? day - 10 : day + 1 <= 9 ? day + 1 : day === 19 ? 18 : day + 1;
  }
  day = Math.min(day, new Date(Date.UTC(year, month, 0)).getUTCDate());
  if (dateKind === 'year') birth = String(year);
  else if (dateKind !== 'missing') {
    const format = random.weighted([['dmy.', 60], ['iso', 25], ['dmy/', 15]] as const);
    birth = format === 'iso' ? `${year}-${pad(month)}-${pad(day)}` : format === 'dmy.' ? `${pad(day)}.${pad(month)}.${year}` : `${pad(day)}/${pad(month)}/${year}`;
  }
  how.push(`date-${dateKind}`);
  const asFullName = random.chance(0.5);
  const fullName = [surname, given, patronymic].filter(Boolean).join(' ');
  return {
    surname: asFullName ? '' : surname,
    given_name: asFullName ? '' : given,
    patronymic: asFullName ? '' : patronymic,
    full_name: asFullName ? fullName : '',
    birth_date: birth,
    truth,
    how: how.join(' '),
  };
}

/** A namesake of a person: same surname and given name, another birth year or another patronymic. */
function namesakeOf(person: Person, random: Random): Person {
  if (random.chance(0.5)) {
    let year = person.year;
    while (year === person.year) year = random.int(1965, 2005);
    return { ...person, year };
  }
  let father = person.father;
  while (father[0] === person.father[0]) father = random.weighted(FATHERS.map((f) => [f, f[2]] as const));
  // Same year, a day of its own (two namesakes sharing a whole date of birth are vanishingly rare).
  return { ...person, father, month: random.int(1, 12), day: random.int(1, 28) };
}

export interface EvalOptions {
  cases: number;
  rows: number;
  /** Share of rows whose person is not among the cases. */
  absent?: number;
  /** Share of present and absent people given a planted namesake among the cases. */
  namesakes?: number;
  seed?: number;
}

export function makeEvalSet({ cases: caseCount, rows: rowCount, absent = 0.2, namesakes = 0.25, seed = 9 }: EvalOptions): { cases: EvalCase[]; rows: EvalRow[] } {
  const random = new Random(mulberry32(seed));
  const surnames = surnamePool(random);
  const people: Person[] = [];
  const cases: EvalCase[] = [];
  const absentCount = Math.round(rowCount * absent);
  const presentCount = rowCount - absentCount;
  const add = (person: Person) => {
    people.push(person);
    cases.push(caseOf(person, `case-${String(cases.length).padStart(6, '0')}`, random));
  };
  const plantedNamesakes = Math.round(presentCount * namesakes + absentCount * namesakes * 1.4);
  while (cases.length < caseCount - plantedNamesakes - 3 * Math.sqrt(plantedNamesakes)) add(newPerson(random, surnames));
  const rows: EvalRow[] = [];
  // Present people: distinct cases, in random order; some get a namesake added to the cases.
  const chosen = new Set<number>();
  while (chosen.size < presentCount) chosen.add(random.int(0, people.length - 1));
  for (const index of chosen) {
    const person = people[index] as Person;
    const truth = cases[index] as EvalCase;
    rows.push(rowOf(person, truth.id, random));
    if (random.chance(namesakes)) add(namesakeOf(person, random));
  }
  // Absent people: not among the cases, though some have a namesake there.
  for (let index = 0; index < absentCount; index++) {
    const person = newPerson(random, surnames);
    rows.push(rowOf(person, null, random));
    if (random.chance(namesakes * 1.4)) add(namesakeOf(person, random));
  }
  while (cases.length < caseCount) add(newPerson(random, surnames));
  // Shuffle rows and cases (deterministically) so neither order carries the answer.
  for (const list of [rows, cases] as unknown[][]) {
    for (let index = list.length - 1; index > 0; index--) {
      const other = random.int(0, index);
      [list[index], list[other]] = [list[other], list[index]];
    }
  }
  return { cases, rows };
}

function csvField(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The list as a CSV file the CLI reads (header row, one line per row; truth and how are left out). */
export function toCsv(rows: readonly EvalRow[], delimiter = ','): string {
  const columns = ['label', 'surname', 'given_name', 'patronymic', 'full_name', 'birth_date'] as const;
  const lines = [columns.join(delimiter)];
  rows.forEach((row, index) => {
    const cells = columns.map((column) => (column === 'label' ? `№${index + 1}` : row[column]));
    lines.push(cells.map((cell) => csvField(cell, delimiter)).join(delimiter));
  });
  return `${lines.join('\r\n')}\r\n`;
}
