import cyrillicToTranslit from 'cyrillic-to-translit-js';
import fc from 'fast-check';
import { ICAO_DOC_9303, MVD_310, translate } from 'iuliia';
import { describe, expect, it } from 'vitest';
import { type Candidate, type PersonKey, Matcher, diffLetters, editDistance, patronymicKey, personKeySchema, splitFullName } from './matching.ts';
import { nameSkeleton } from './names.ts';

const kmu = cyrillicToTranslit({ preset: 'uk' });

// The example table of Cabinet of Ministers resolution 55 of 27 January 2010, as printed.
const KMU_55_EXAMPLES: readonly (readonly [string, string])[] = [
  ['Алушта', 'Alushta'], ['Андрій', 'Andrii'], ['Борщагівка', 'Borshchahivka'], ['Вінниця', 'Vinnytsia'], ['Гадяч', 'Hadiach'],
  ['Згорани', 'Zghorany'], ['Ґалаґан', 'Galagan'], ['Дон', 'Don'], ['Рівне', 'Rivne'], ['Єнакієве', 'Yenakiieve'], ['Гаєвич', 'Haievych'],
  ['Житомир', 'Zhytomyr'], ['Закарпаття', 'Zakarpattia'], ['Медвин', 'Medvyn'], ['Іршава', 'Irshava'], ['Їжакевич', 'Yizhakevych'],
  ['Кадиївка', 'Kadyivka'], ['Йосипівка', 'Yosypivka'], ['Стрий', 'Stryi'], ['Олексій', 'Oleksii'], ['Київ', 'Kyiv'], ['Лебедин', 'Lebedyn'],
  ['Миколаїв', 'Mykolaiv'], ['Ніжин', 'Nizhyn'], ['Одеса', 'Odesa'], ['Полтава', 'Poltava'], ['Решетилівка', 'Reshetylivka'], ['Суми', 'Sumy'],
  ['Тернопіль', 'Ternopil'], ['Ужгород', 'Uzhhorod'], ['Фастів', 'Fastiv'], ['Харків', 'Kharkiv'], ['Біла Церква', 'Bila Tserkva'],
  ['Чернівці', 'Chernivtsi'], ['Шостка', 'Shostka'], ['Гоща', 'Hoshcha'], ['Юрій', 'Yurii'], ['Крюківка', 'Kriukivka'], ['Яготин', 'Yahotyn'],
  ['Костянтин', 'Kostiantyn'], ["Знам'янка", 'Znamianka'], ['Розгон', 'Rozghon'], ['Їжакевич', 'Yizhakevych'], ['Ічня', 'Ichnia'],
  ['Короп’є', 'Koropie'], ['Феодосія', 'Feodosiia'],
];

const person = (surname: string, givenName: string, patronymic: string, birthDate: string, unit?: string): PersonKey => ({ surname, givenName, patronymic, birthDate, ...(unit ? { unit } : {}) });
const withId = (id: string, key: PersonKey) => ({ id, ...key });

function top(matcher: Matcher, query: PersonKey): Candidate | undefined {
  return matcher.candidates(query)[0];
}

// A crowd of ordinary cases so frequencies mean something.
function crowd(count: number): ({ id: string } & PersonKey)[] {
  const surnames = ['Шевченко', 'Мельник', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравчук', 'Бойко', 'Лисенко', 'Руденко', 'Мороз'];
  const given = ['Олександр', 'Сергій', 'Андрій', 'Дмитро', 'Іван', 'Василь', 'Юрій', 'Віктор'];
  const patronymics = ['Іванович', 'Петрович', 'Васильович', 'Миколайович', 'Олександрович', 'Сергійович'];
  return Array.from({ length: count }, (_, index) => ({
    id: `crowd-${index}`,
    surname: `${surnames[index % surnames.length]}${index % 7 === 0 ? '' : `-${index}`}`.replace(/-\d+$/, (tail) => ['', 'ук', 'юк', 'ський', 'ець', 'ак', 'ик'][Number(tail.slice(1)) % 7] ?? ''),
    givenName: given[(index * 7) % given.length] ?? '',
    patronymic: patronymics[(index * 11) % patronymics.length] ?? '',
    birthDate: `${1965 + (index % 40)}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
  }));
}

describe('transliteration, as far as the matcher uses it', () => {
  it.each(KMU_55_EXAMPLES)('cyrillic-to-translit-js (the test data generator) gives the official %s → %s', (cyrillic, latin) => {
    expect(kmu.transform(cyrillic)).toBe(latin);
  });

  it.each(KMU_55_EXAMPLES)('%s and its official Latin %s have one skeleton, so they agree as surnames', (cyrillic, latin) => {
    const words = (text: string) => text.split(' ').map(nameSkeleton).join(' ');
    expect(words(latin)).toBe(words(cyrillic));
    const matcher = new Matcher([withId('a', person(cyrillic, 'Іван', 'Петрович', '1990-01-02'))]);
    expect(top(matcher, person(latin.toUpperCase(), 'Ivan', 'Petrovych', '1990-01-02'))?.fields.surname).toBe('agrees');
  });

  it.each([
    ['Юрій', 'Юрий', 'Iurii', 'Yuriy', 'Yurii'],
    ['Олександр', 'Александр', 'Oleksandr', 'Aleksandr', 'Alexandr', 'Alexander'],
    ['Микола', 'Николай', 'Mykola', 'Nikolai', 'Nikolay'],
  ])('given name %s agrees across its spellings', (...spellings) => {
    const matcher = new Matcher([withId('a', person('Олійник', spellings[0], 'Петрович', '1994'))]);
    for (const spelling of spellings) expect(top(matcher, person('Олійник', spelling, '', '1994'))?.fields.givenName, spelling).toBe('agrees');
  });

  it('reads Russian passport Latin (ICAO 9303 and MVD-310) of the Russian spelling', () => {
    const matcher = new Matcher([withId('a', person('Щербак', 'Юрій', 'Миколайович', '1990-05-17'))]);
    for (const scheme of [ICAO_DOC_9303, MVD_310]) {
      const [surname, given, patronymic] = ['Щербак', 'Юрий', 'Николаевич'].map((word) => translate(word, scheme)) as [string, string, string];
      const best = top(matcher, person(surname, given, patronymic, '1990-05-17'));
      expect(best?.fields).toEqual({ surname: 'agrees', givenName: 'agrees', patronymic: 'agrees', birthDate: 'agrees', unit: 'missing' });
      expect(best?.band).toBe('strong');
    }
  });
});

describe('patronymicKey, derived from the given-name table', () => {
  it.each([
    ['Миколайович', 'Николаевич', 'Mykolaiovych', 'Nikolaevich', 'МИКОЛАЙОВИЧ'],
    ['Олексійович', 'Алексеевич', 'Oleksiiovych', 'Alekseevich'],
    ['Юрійович', 'Юрьевич', 'Iurevich', 'Yuriiovych'],
    ['Григорович', 'Григорьевич', 'Hryhorovych', 'Grigorevich'],
    ['Якович', 'Яковлевич', 'Yakovych', 'Iakovlevich'],
    ['Ілліч', 'Ильич'],
    ['Іллівна', 'Ильинична'],
    ['Павлівна', 'Павловна', 'Pavlivna'],
    ['Тарасович', 'Тарасович', 'Tarasovych', 'Tarasovich'],
    ['Василівна', 'Васильевна', 'Vasylivna', 'Vasilevna'],
  ])('%s: every spelling has one key', (...spellings) => {
    expect(new Set(spellings.map(patronymicKey)).size).toBe(1);
  });

  it('keeps the sex and the father apart', () => {
    expect(patronymicKey('Миколайович')).not.toBe(patronymicKey('Миколаївна'));
    expect(patronymicKey('Миколайович')).not.toBe(patronymicKey('Михайлович'));
    expect(patronymicKey('Олександрович')).not.toBe(patronymicKey('Олексійович'));
  });
});

describe('splitFullName', () => {
  it.each([
    ['ОЛІЙНИК Микола Петрович', { surname: 'ОЛІЙНИК', givenName: 'Микола', patronymic: 'Петрович' }],
    ['  Петренко-Коваль   Ганна ', { surname: 'Петренко-Коваль', givenName: 'Ганна', patronymic: '' }],
    ['Шевченко Т.Г.', { surname: 'Шевченко', givenName: 'Т.', patronymic: 'Г.' }],
    ['Мамедов Ельчин Рафік огли', { surname: 'Мамедов', givenName: 'Ельчин', patronymic: 'Рафік огли' }],
    ['Oliinyk, Mykola', { surname: 'Oliinyk', givenName: 'Mykola', patronymic: '' }],
    ['', { surname: '', givenName: '', patronymic: '' }],
  ])('%s', (fullName, expected) => {
    expect(splitFullName(fullName)).toEqual(expected);
  });
});

describe('Matcher', () => {
  const oliinyk = person('Олійник', 'Микола', 'Петрович', '1994-03-14');
  const cases = [withId('target', oliinyk), ...crowd(400)];

  it.each([
    ['Russian Cyrillic', person('Олейник', 'Николай', 'Петрович', '1994-03-14')],
    ['upper-case KMU Latin', person('OLIINYK', 'MYKOLA', 'PETROVYCH', '1994-03-14')],
    ['ICAO Latin', person('Oleinik', 'Nikolai', 'Petrovich', '1994-03-14')],
    ['a typo and no patronymic', person('Олійнк', 'Микола', '', '1994-03-14')],
    ['an apostrophe variant and informal Latin', person('Oleynik', 'Nikolay', 'Petrovich', '1994-03-14')],
  ])('finds the person written in %s, first and strong', (_how, query) => {
    const best = top(new Matcher(cases), query);
    expect(best?.caseId).toBe('target');
    expect(best?.band).toBe('strong');
  });

  it('reads day and month swapped as close and still strong', () => {
    const swapped = top(new Matcher([withId('t', person('Олійник', 'Микола', 'Петрович', '1994-03-04')), ...crowd(50)]), person('Олійник', 'Микола', 'Петрович', '1994-04-03'));
    expect(swapped?.caseId).toBe('t');
    expect(swapped?.fields.birthDate).toBe('close');
    expect(swapped?.band).toBe('strong');
  });

  it('ranks a partial date below a whole one and treats a missing date as missing', () => {
    const matcher = new Matcher([withId('whole', oliinyk), withId('year', { ...oliinyk, birthDate: '1994' }), ...crowd(50)]);
    const found = matcher.candidates({ ...oliinyk, birthDate: '1994-03-14' });
    expect(found.map((c) => c.caseId).slice(0, 2)).toEqual(['whole', 'year']);
    expect(found[1]?.fields.birthDate).toBe('agrees');
    const undated = matcher.candidates({ ...oliinyk, birthDate: '' });
    expect(undated[0]?.fields.birthDate).toBe('missing');
    expect(undated.every((c) => c.band === 'possible')).toBe(true);
  });

  it('never makes a namesake strong: another birth year, another patronymic', () => {
    const matcher = new Matcher([withId('other-year', { ...oliinyk, birthDate: '1991-03-14' }), withId('other-father', { ...oliinyk, patronymic: 'Іванович' }), ...crowd(50)]);
    const found = matcher.candidates(oliinyk);
    expect(found.map((c) => c.caseId).sort()).toEqual(['other-father', 'other-year']);
    expect(found.every((c) => c.band === 'possible')).toBe(true);
    // Control: the same person is strong.
    expect(top(new Matcher([withId('same', oliinyk), ...crowd(50)]), oliinyk)?.band).toBe('strong');
  });

  it('weighs a common surname less than a rare one', () => {
    const common = Array.from({ length: 300 }, (_, index) => withId(`m${index}`, person('Мельник', 'Іван', 'Іванович', `${1960 + (index % 40)}`)));
    const matcher = new Matcher([withId('rare', person('Завгородній', 'Петро', 'Іванович', '')), withId('usual', person('Мельник', 'Петро', 'Іванович', '')), ...common]);
    const rare = top(matcher, person('Завгородний', 'Петр', 'Иванович', ''));
    const usual = top(matcher, person('Мельник', 'Петр', 'Иванович', ''));
    expect(rare?.caseId).toBe('rare');
    expect(usual?.caseId).toBe('usual');
    expect(rare?.score ?? 0).toBeGreaterThan(usual?.score ?? 1);
  });

  it('says per field why: agrees, close, differs, missing', () => {
    const matcher = new Matcher([withId('a', person('Коваленко', 'Олександр', 'Миколайович', '1985-02-03', '72 ОМБр')), ...crowd(50)]);
    const found = top(matcher, person('Коваленко', 'Александр', 'Николаевич', '1985-03-02', '72-га бригада'));
    expect(found?.fields).toEqual({ surname: 'agrees', givenName: 'agrees', patronymic: 'agrees', birthDate: 'close', unit: 'agrees' });
    const typo = top(matcher, person('Коваленко', 'Олексадр', '', '1985-02-03', '10 бригада'));
    expect(typo?.fields).toEqual({ surname: 'agrees', givenName: 'close', patronymic: 'missing', birthDate: 'agrees', unit: 'differs' });
  });

  it('offers nothing for a person who is not there, and at most the limit', () => {
    const matcher = new Matcher(crowd(400));
    expect(matcher.candidates(person('Завгородній', 'Тарас', 'Остапович', '1971-07-07'))).toEqual([]);
    expect(matcher.candidates(person('Шевченко', 'Олександр', '', '')).length).toBeLessThanOrEqual(5);
    expect(matcher.candidates(person('Шевченко', 'Олександр', '', ''), 2).length).toBeLessThanOrEqual(2);
  });

  it('gives scores in 0..1, best first', () => {
    const found = new Matcher(crowd(400)).candidates(person('Шевченко', 'Олександр', 'Іванович', '1970'));
    for (const candidate of found) expect(candidate.score).toBeGreaterThanOrEqual(0);
    for (const candidate of found) expect(candidate.score).toBeLessThanOrEqual(1);
    expect([...found].sort((a, b) => b.score - a.score)).toEqual(found);
  });
});

// A crowd where every surname is unique and 40 given names and patronymics each cover about 2.5 %, so an
// ordinary full name with no date carries about 21 bits: enough for the strong band, if nothing else could fit.
const GIVEN_40 = ['Олександр', 'Сергій', 'Андрій', 'Дмитро', 'Іван', 'Василь', 'Юрій', 'Віктор', 'Микола', 'Петро', 'Михайло', 'Олег', 'Роман', 'Ігор', 'Тарас', 'Богдан', 'Павло', 'Денис', 'Руслан', 'Вадим', 'Антон', 'Борис', 'Степан', 'Федір', 'Григорій', 'Леонід', 'Максим', 'Артем', 'Назар', 'Кирило', 'Остап', 'Яків', 'Ілля', 'Захар', 'Матвій', 'Орест', 'Арсен', 'Тимур', 'Едуард', 'Валентин'];
const PATRONYMIC_40 = GIVEN_40.map((name) => `${name.replace(/[оаья]$/u, '')}ович`);
const SYLLABLES = ['Ба', 'Ве', 'Гу', 'До', 'Жу', 'За', 'Ки', 'Ло', 'Му', 'Не', 'Пу', 'Ру', 'Со', 'Ту', 'Фе'];
function variedCrowd(count: number): ({ id: string } & PersonKey)[] {
  return Array.from({ length: count }, (_, index) => {
    const s = (k: number) => SYLLABLES[Math.floor(index / SYLLABLES.length ** k) % SYLLABLES.length] ?? '';
    return {
      id: `varied-${index}`,
      surname: `${s(0)}${s(1).toLowerCase()}${s(2).toLowerCase()}ський`,
      givenName: GIVEN_40[(index * 7) % GIVEN_40.length] ?? '',
      patronymic: PATRONYMIC_40[(index * 11) % PATRONYMIC_40.length] ?? '',
      birthDate: `${1965 + (index % 40)}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
    };
  });
}

describe('incomplete evidence: strong only when no other case could be this person', () => {
  const crowd2000 = variedCrowd(2000);
  const zavhorodnii = person('Завгородній', 'Тарас', 'Остапович', '1971-07-07');

  it('a full name with no date is strong when it is the only case that fits; a namesake beside it makes both possible', () => {
    const alone = new Matcher([withId('target', zavhorodnii), ...crowd2000]);
    const undated = person('Завгородний', 'Тарас', 'Остапович', '');
    expect(top(alone, undated)).toMatchObject({ caseId: 'target', band: 'strong', fields: { birthDate: 'missing' } });
    // The same with the date missing on the case's side.
    expect(top(new Matcher([withId('target', { ...zavhorodnii, birthDate: '' }), ...crowd2000]), { ...undated, birthDate: '1971-07-07' })?.band).toBe('strong');
    // A namesake born another year: the missing date cannot tell them apart, so neither is strong.
    const both = new Matcher([withId('target', zavhorodnii), withId('namesake', { ...zavhorodnii, birthDate: '1988-07-07' }), ...crowd2000]);
    const found = both.candidates(undated);
    expect(found.map((c) => c.caseId).slice(0, 2).sort()).toEqual(['namesake', 'target']);
    expect(found.every((c) => c.band === 'possible')).toBe(true);
    // A case with no patronymic could be the same person too.
    const open = new Matcher([withId('target', zavhorodnii), withId('open', { ...zavhorodnii, patronymic: '', birthDate: '' }), ...crowd2000]);
    expect(open.candidates(undated).every((c) => c.band === 'possible')).toBe(true);
  });

  it('a namesake with another patronymic is never strong, dated or not; it does not block the person themself', () => {
    const namesake = { ...zavhorodnii, patronymic: 'Петрович' };
    const matcher = new Matcher([withId('namesake', namesake), ...crowd2000]);
    for (const birthDate of ['', '1971', '1971-07-07']) {
      const hit = matcher.candidates({ ...zavhorodnii, birthDate }).find((c) => c.caseId === 'namesake');
      expect(hit?.band ?? 'none', birthDate).not.toBe('strong');
    }
    // Control: with the person among the cases too, the person is strong (the namesake's patronymic differs).
    const both = new Matcher([withId('namesake', namesake), withId('target', zavhorodnii), ...crowd2000]);
    expect(top(both, { ...zavhorodnii, birthDate: '' })).toMatchObject({ caseId: 'target', band: 'strong' });
  });

  it('the names alone must carry the strong weight: a common full name with no date stays possible', () => {
    const common = Array.from({ length: 300 }, (_, index) => withId(`m${index}`, person('Мельник', GIVEN_40[index % 3] ?? '', PATRONYMIC_40[index % 4] ?? '', `${1960 + (index % 40)}-01-0${1 + (index % 9)}`)));
    const melnyk = person('Мельник', 'Сергій', 'Петрович', '1980-02-02');
    const matcher = new Matcher([withId('melnyk', melnyk), ...common, ...crowd2000]);
    const found = top(matcher, { ...melnyk, birthDate: '' });
    expect(found).toMatchObject({ caseId: 'melnyk', band: 'possible', fields: { surname: 'agrees', givenName: 'agrees', patronymic: 'agrees', birthDate: 'missing' } });
    // Control: the rare name in the same company is strong.
    expect(top(new Matcher([withId('target', zavhorodnii), ...common, ...crowd2000]), { ...zavhorodnii, birthDate: '' })?.band).toBe('strong');
  });

  it('no patronymic on one side and the date agreeing as far as it goes: strong only alone', () => {
    const matcher = new Matcher([withId('target', zavhorodnii), ...crowd2000]);
    expect(top(matcher, person('Zavhorodnii', 'Taras', '', '1971'))).toMatchObject({ caseId: 'target', band: 'strong', fields: { patronymic: 'missing', birthDate: 'agrees' } });
    expect(top(matcher, person('Zavhorodnii', 'Taras', '', '1971-07-08'))).toMatchObject({ caseId: 'target', band: 'strong', fields: { birthDate: 'close' } });
    // A namesake born the same year to another father: the missing patronymic cannot tell them apart.
    const both = new Matcher([withId('target', zavhorodnii), withId('namesake', { ...zavhorodnii, patronymic: 'Петрович', birthDate: '1971-02-11' }), ...crowd2000]);
    expect(both.candidates(person('Zavhorodnii', 'Taras', '', '1971')).every((c) => c.band === 'possible')).toBe(true);
    // With no patronymic and no date, never strong.
    expect(top(matcher, person('Zavhorodnii', 'Taras', '', ''))?.band).toBe('possible');
  });

  it('a unit that differs, or a surname only close, keeps incomplete evidence possible', () => {
    const matcher = new Matcher([withId('target', { ...zavhorodnii, unit: '72 ОМБр' }), ...crowd2000]);
    expect(top(matcher, { ...zavhorodnii, birthDate: '', unit: '72 ОМБр' })?.band).toBe('strong');
    expect(top(matcher, { ...zavhorodnii, birthDate: '', unit: '10 ОГШБр' })?.band).toBe('possible');
    expect(top(matcher, { ...zavhorodnii, surname: 'Завгородський', birthDate: '' })?.band ?? 'none').not.toBe('strong');
  });

  it('needs more weight in a larger case set: an ordinary full name with no date is strong among 2,000, possible among 50,000', () => {
    // Unique surname (11 bits), a given name and a patronymic of 2.5 % each (about 5 bits each): about 21.6 bits.
    const ordinary = person('Завгородній', 'Сергій', 'Дмитрович', '1971-07-07');
    const undated = { ...ordinary, birthDate: '' };
    expect(top(new Matcher([withId('target', ordinary), ...crowd2000]), undated)).toMatchObject({ caseId: 'target', band: 'strong' });
    const large = new Matcher([withId('target', ordinary), ...variedCrowd(50_000)]);
    expect(top(large, undated)).toMatchObject({ caseId: 'target', band: 'possible', fields: { surname: 'agrees', givenName: 'agrees', patronymic: 'agrees' } });
    // Control: the same person with the date is strong there.
    expect(top(large, ordinary)?.band).toBe('strong');
  });

  it('the answer does not depend on the limit', () => {
    const both = new Matcher([withId('target', zavhorodnii), withId('namesake', { ...zavhorodnii, birthDate: '1988-07-07' }), ...crowd2000]);
    expect(both.candidates({ ...zavhorodnii, birthDate: '' }, 1)[0]?.band).toBe('possible');
  });
});

describe('given names with a typo', () => {
  it('reads a name one typo from a spelling of the case\'s name as close (Дитрий against Дмитро)', () => {
    const matcher = new Matcher([withId('a', person('Онищчук', 'Дмитро', 'Сергійович', '1982-09-21')), ...crowd(50)]);
    for (const givenName of ['Дитрий', 'Дмитий', 'Dmtrii']) {
      const found = top(matcher, person('Оныщчук', givenName, 'Сергеевич', '1982-09-21'));
      expect(found?.fields.givenName, givenName).toBe('close');
      expect(found?.band, givenName).toBe('strong');
    }
    // Control: another name stays different.
    expect(top(matcher, person('Оныщчук', 'Петр', 'Сергеевич', '1982-09-21'))?.fields.givenName).toBe('differs');
  });
});

describe('patronymics with a mistyped father', () => {
  it('reads a stem one typo from a known father as that father: close, not differs', () => {
    const matcher = new Matcher([withId('a', person('Юркюк', 'Олександр', 'Миколайович', '1974-06-18')), ...crowd(50)]);
    for (const patronymic of ['Nkolaevich', 'Николаевчи', 'Миклайович']) {
      const found = top(matcher, person('Iurkiuk', 'Aleksandr', patronymic, '1974-06-18'));
      expect(found?.fields.patronymic, patronymic).toBe('close');
      expect(found?.band, patronymic).toBe('strong');
    }
    // Control: another father's patronymic still differs.
    expect(top(matcher, person('Iurkiuk', 'Aleksandr', 'Mikhailovich', '1974-06-18'))?.fields.patronymic).toBe('differs');
  });
});

describe('editDistance and diffLetters', () => {
  it('counts a swap of neighbours as one edit and stops past the limit', () => {
    expect(editDistance('kavalinka', 'kavalinka')).toBe(0);
    expect(editDistance('kavalinka', 'kavailnka')).toBe(1);
    expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
  });

  it('highlights the letters that differ, across scripts by transliteration', () => {
    expect(diffLetters('Олейник', 'Олійник')).toEqual([{ text: 'Ол', differs: false }, { text: 'е', differs: true }, { text: 'йник', differs: false }]);
    expect(diffLetters('Олійник', 'Oliinyk')).toEqual([{ text: 'Олійник', differs: false }]);
    const latin = diffLetters('OLEINIK', 'Олійник');
    expect(latin[0]).toEqual({ text: 'OL', differs: false });
    expect(latin[1]).toEqual({ text: 'E', differs: true });
    expect(latin.map((segment) => segment.text).join('')).toBe('OLEINIK');
    expect(diffLetters('Мар’яна', "Мар'яна")).toEqual([{ text: 'Мар’яна', differs: false }]);
    expect(diffLetters('', 'x')).toEqual([]);
  });
});

describe('personKeySchema', () => {
  it('accepts the stored date forms and nothing else', () => {
    for (const birthDate of ['', '1994', '1994-03', '1994-03-14']) expect(personKeySchema.safeParse(person('a', 'b', 'c', birthDate)).success).toBe(true);
    for (const birthDate of ['14.03.1994', '1994-13', '1994-03-32', '94']) expect(personKeySchema.safeParse(person('a', 'b', 'c', birthDate)).success).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------ properties

// Ukrainian name, its Russian form, the father's Ukrainian and Russian names → patronymics by rule (written
// here, apart from the matcher's tables).
const NAMES: readonly (readonly [string, string, string, string])[] = [
  ['Олександр', 'Александр', 'Олександрович', 'Александрович'],
  ['Микола', 'Николай', 'Миколайович', 'Николаевич'],
  ['Сергій', 'Сергей', 'Сергійович', 'Сергеевич'],
  ['Юрій', 'Юрий', 'Юрійович', 'Юрьевич'],
  ['Петро', 'Пётр', 'Петрович', 'Петрович'],
  ['Василь', 'Василий', 'Васильович', 'Васильевич'],
  ['Дмитро', 'Дмитрий', 'Дмитрович', 'Дмитриевич'],
  ['Іван', 'Иван', 'Іванович', 'Иванович'],
  ['Михайло', 'Михаил', 'Михайлович', 'Михайлович'],
  ['Андрій', 'Андрей', 'Андрійович', 'Андреевич'],
];
const SURNAMES: readonly (readonly [string, string])[] = [
  ['Олійник', 'Олейник'], ['Ковальов', 'Ковалёв'], ['Шевчук', 'Шевчук'], ['Лисенко', 'Лысенко'], ['Білоус', 'Белоус'],
  ['Гнатюк', 'Гнатюк'], ['Чорновол', 'Черновол'], ['Рибак', 'Рыбак'], ['Щербак', 'Щербак'], ['Зінченко', 'Зинченко'],
  ['Кравець', 'Кравец'], ['Гончаренко', 'Гончаренко'], ["Дем'яненко", 'Демьяненко'], ['Яковенко', 'Яковенко'],
];

interface Identity {
  surname: readonly [string, string];
  given: readonly [string, string, string, string];
  father: readonly [string, string, string, string];
  date: { year: number; month: number; day: number };
}

const identity: fc.Arbitrary<Identity> = fc.record({
  surname: fc.constantFrom(...SURNAMES),
  given: fc.constantFrom(...NAMES),
  father: fc.constantFrom(...NAMES),
  date: fc.record({ year: fc.integer({ min: 1960, max: 2005 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
});

const pad = (n: number) => String(n).padStart(2, '0');
const iso = ({ year, month, day }: Identity['date']) => `${year}-${pad(month)}-${pad(day)}`;

/** Every way the same person gets written: Ukrainian, Russian, KMU Latin, ICAO and MVD Latin, upper case. */
function spellings(who: Identity): PersonKey[] {
  const uk = [who.surname[0], who.given[0], who.father[2]] as const;
  const ru = [who.surname[1], who.given[1], who.father[3]] as const;
  const date = iso(who.date);
  const key = ([surname, givenName, patronymic]: readonly string[], birthDate = date): PersonKey => ({ surname: surname ?? '', givenName: givenName ?? '', patronymic: patronymic ?? '', birthDate });
  return [
    key(uk),
    key(ru),
    key(uk.map((word) => kmu.transform(word))),
    key(ru.map((word) => translate(word, ICAO_DOC_9303))),
    key(ru.map((word) => translate(word, MVD_310).toUpperCase())),
    key([ru[0], ru[1], ''], String(who.date.year)),
  ];
}

describe('properties', () => {
  it('every generated spelling of a person finds the other spellings among its candidates', () => {
    fc.assert(
      fc.property(identity, fc.array(identity, { minLength: 0, maxLength: 30 }), (who, others) => {
        const forms = spellings(who);
        const matcher = new Matcher([...forms.map((form, index) => withId(`same-${index}`, form)), ...others.map((other, index) => withId(`other-${index}`, spellings(other)[0] as PersonKey))]);
        forms.forEach((form) => {
          const found = new Set(matcher.candidates(form, forms.length + others.length).map((c) => c.caseId));
          forms.forEach((_, index) => expect(found.has(`same-${index}`), `${JSON.stringify(form)} finds same-${index}`).toBe(true));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('a namesake with another birth year never reaches the strong band', () => {
    fc.assert(
      fc.property(identity, fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.array(identity, { maxLength: 20 }), (who, shift, keepDay, others) => {
        const year = 1960 + ((who.date.year - 1960 + shift) % 46);
        fc.pre(year !== who.date.year);
        const namesake: Identity = { ...who, date: keepDay ? { ...who.date, year } : { year, month: 1 + ((who.date.month + shift) % 12), day: 1 + ((who.date.day + shift) % 28) } };
        // Same unit too, so only the rule, not a low weight, keeps the namesake out of the strong band.
        const unit = '72 ОМБр';
        const rest = others.map((other, index) => withId(`other-${index}`, spellings(other)[0] as PersonKey));
        const matcher = new Matcher([withId('namesake', { ...(spellings(namesake)[0] as PersonKey), unit }), ...rest]);
        for (const form of spellings(who)) {
          const hit = matcher.candidates({ ...form, unit }, 50).find((c) => c.caseId === 'namesake');
          expect(hit?.band ?? 'none').not.toBe('strong');
        }
        // Control: the person themself, in the same company, is strong.
        const self = new Matcher([withId('self', { ...(spellings(who)[0] as PersonKey), unit }), ...rest]);
        expect(self.candidates({ ...(spellings(who)[1] as PersonKey), unit }).find((c) => c.caseId === 'self')?.band).toBe('strong');
      }),
      { numRuns: 300 },
    );
  });

  it('with the date missing on one side, a namesake is never strong while the person is among the cases', () => {
    const company = variedCrowd(2000).map((c) => withId(c.id, c));
    fc.assert(
      fc.property(identity, fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.constantFrom('row', 'case'), (who, shift, otherFather, undatedSide) => {
        const year = 1960 + ((who.date.year - 1960 + shift) % 46);
        const father = NAMES[(NAMES.indexOf(who.father) + shift) % NAMES.length] as Identity['father'];
        fc.pre(otherFather ? father[0] !== who.father[0] : year !== who.date.year);
        const namesake: Identity = otherFather ? { ...who, father } : { ...who, date: { ...who.date, year } };
        const undate = (key: PersonKey): PersonKey => ({ ...key, birthDate: '' });
        const [self, other] = [spellings(who)[0] as PersonKey, spellings(namesake)[0] as PersonKey];
        const matcher = new Matcher([
          withId('self', undatedSide === 'case' ? undate(self) : self),
          withId('namesake', undatedSide === 'case' ? undate(other) : other),
          ...company,
        ]);
        for (const form of spellings(who).slice(0, 5)) {
          const query = undatedSide === 'row' ? undate(form) : form;
          const hit = matcher.candidates(query, 50).find((c) => c.caseId === 'namesake');
          expect(hit?.band ?? 'none', JSON.stringify(query)).not.toBe('strong');
        }
        // Control: the person alone in the same company is strong from the undated KMU Latin spelling.
        const alone = new Matcher([withId('self', undatedSide === 'case' ? undate(self) : self), ...company]);
        const query = spellings(who)[2] as PersonKey;
        expect(alone.candidates(undatedSide === 'row' ? undate(query) : query).find((c) => c.caseId === 'self')?.band).toBe('strong');
      }),
      { numRuns: 100 },
    );
  });

  it('the ranking does not depend on the order of the cases', () => {
    fc.assert(
      fc.property(fc.array(identity, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 5 }), fc.infiniteStream(fc.nat()), (people, which, randomness) => {
        const cases = people.flatMap((who, index) => spellings(who).slice(0, 2).map((form, k) => withId(`p${index}-${k}`, form)));
        const shuffled = [...cases];
        const iterator = randomness[Symbol.iterator]();
        for (let index = shuffled.length - 1; index > 0; index--) {
          const other = (iterator.next().value as number) % (index + 1);
          [shuffled[index], shuffled[other]] = [shuffled[other] as (typeof shuffled)[number], shuffled[index] as (typeof shuffled)[number]];
        }
        const query = spellings(people[0] as Identity)[which] as PersonKey;
        expect(new Matcher(shuffled).candidates(query)).toEqual(new Matcher(cases).candidates(query));
      }),
      { numRuns: 200 },
    );
  });
});
