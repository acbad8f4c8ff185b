import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GIVEN_NAME_EQUIVALENTS,
  PATRONYMIC_EQUIVALENTS,
  canonicalToken,
  indexTokens,
  matchesQuery,
  nameQueryKey,
  nameSkeleton,
  tokenizeName,
} from './names.ts';

// Reference transliteration by Cabinet of Ministers resolution 55 of 27 January 2010, written apart from the
// code under test so the two can disagree.
const KMU_55: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i',
  й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', "'": '', '’': '', 'ʼ': '',
};
const KMU_55_WORD_START: Readonly<Record<string, string>> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

function kmu55(word: string): string {
  const letters = [...word.toLowerCase()];
  return letters
    .map((letter, index) => {
      if (letter === 'г' && letters[index - 1] === 'з') return 'gh';
      const atStart = index === 0 ? KMU_55_WORD_START[letter] : undefined;
      return atStart ?? KMU_55[letter] ?? letter;
    })
    .join('');
}

const UKRAINIAN_LETTERS = [...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя', "'", 'ʼ'];
const RUSSIAN_LETTERS = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'];
const LATIN_LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const ANY_NAME_CHARACTER = [
  ...UKRAINIAN_LETTERS,
  ...UKRAINIAN_LETTERS.map((letter) => letter.toUpperCase()),
  ...RUSSIAN_LETTERS,
  ...LATIN_LETTERS,
  ...LATIN_LETTERS.map((letter) => letter.toUpperCase()),
  '’', '`', '‘', 'é', 'č', 'š', 'ž', 'ł', '1', '.',
];

const word = (letters: readonly string[], maxLength = 12): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength }).map((chars) => chars.join(''));
const ukrainianWord = word(UKRAINIAN_LETTERS);
const anyWord = word(ANY_NAME_CHARACTER);
const PROPERTY_RUNS = { numRuns: 500 };

function orderedPairs(spellings: readonly string[]): [string, string][] {
  return spellings.flatMap((a) => spellings.filter((b) => b !== a).map((b): [string, string] => [a, b]));
}

const SAME_SKELETON_FAMILIES: readonly (readonly string[])[] = [
  ['Олійник', 'Олейник', 'Oliinyk', 'Oleinik', 'Oleynik', 'OLIINYK', 'Олiйник'],
  ['Олександр', 'Александр', 'Oleksandr', 'Aleksandr', 'Alexandr', 'Olexandr'],
  ['Юрій', 'Юрий', 'Yurii', 'Iurii', 'Yuriy', 'Yuri'],
  ['Григорій', 'Григорий', 'Hryhorii', 'Grigorii', 'Grygorii'],
  ['Щербак', 'Shcherbak', 'Scherbak'],
  ['Ковальчук', 'Kovalchuk', "Koval'chuk"],
  ["Мар'яна", 'Maryana', 'Mariana', 'Марьяна'],
  ['Хоменко', 'Khomenko'],
  ['Згурський', 'Згурский', 'Zghurskyi', 'Zgurskii', 'Zgurskiy'],
  ['Наталія', 'Наталья', 'Nataliia', 'Natalia', 'Natalya'],
  ['Ярошенко', 'Yaroshenko', 'Iaroshenko', 'Jaroshenko'],
  ['Віктор', 'Victor', 'Viktor'],
];

describe('nameSkeleton', () => {
  describe.each(SAME_SKELETON_FAMILIES.map((family) => [family[0] ?? '', family] as const))(
    'family of %s',
    (_name, family) => {
      it.each(orderedPairs(family))('%s has the skeleton of %s, and each finds the other', (a, b) => {
        expect(nameSkeleton(a)).toBe(nameSkeleton(b));
        expect(matchesQuery(a, indexTokens(b))).toBe(true);
      });
    },
  );

  it.each([
    ['Олійник', 'Коваленко'],
    ['Іван', 'Ірина'],
    ['Микола', 'Михайло'],
    ['Олександр', 'Олексій'],
    ['Шевченко', 'Щербенко'],
  ])('%s and %s stay apart', (a, b) => {
    expect(nameSkeleton(a)).not.toBe(nameSkeleton(b));
    expect(canonicalToken(a)).not.toBe(canonicalToken(b));
    expect(matchesQuery(a, indexTokens(b))).toBe(false);
    expect(matchesQuery(b, indexTokens(a))).toBe(false);
  });

  it.each([
    ["Мар'яна", ['МАР’ЯНА', 'марʼяна', 'Mar`yana', 'MAR‘IANA', 'mar´yana']],
    ['Ковальчук', ['КОВАЛЬЧУК', 'kovalchuk', 'KOVAL’CHUK', 'Koval`chuk']],
    ['Олійник', ['олійник', 'ОЛІЙНИК', 'oLiInYk']],
  ])('%s ignores case and apostrophes', (name, spellings) => {
    for (const spelling of spellings) expect(nameSkeleton(spelling)).toBe(nameSkeleton(name));
  });

  it('reads a Latin i inside a Cyrillic word as the Cyrillic і', () => {
    expect(nameSkeleton('Олiйник')).toBe(nameSkeleton('Олійник'));
    expect(nameSkeleton('Iвaн')).toBe(nameSkeleton('Іван'));
  });

  it('accepts decomposed Cyrillic (й, ї typed as base letter plus combining mark)', () => {
    expect(nameSkeleton('Олі\u0438\u0306ник')).toBe(nameSkeleton('Олійник'));
    expect(nameSkeleton('Ki\u0308v')).toBe(nameSkeleton('Kiv'));
  });

  it('drops digits and punctuation and returns only a-z', () => {
    expect(nameSkeleton('О.Л-2')).toBe(nameSkeleton('ол'));
    expect(nameSkeleton('')).toBe('');
    expect(nameSkeleton("'’")).toBe('');
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(anyWord, (input) => {
        const skeleton = nameSkeleton(input);
        expect(skeleton).toMatch(/^[a-z]*$/);
        expect(nameSkeleton(skeleton)).toBe(skeleton);
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives a Ukrainian word and its KMU-55 transliteration the same skeleton', () => {
    fc.assert(
      fc.property(ukrainianWord, fc.boolean(), (input, capitalised) => {
        const cyrillic = capitalised ? input.charAt(0).toUpperCase() + input.slice(1) : input;
        expect(nameSkeleton(kmu55(cyrillic))).toBe(nameSkeleton(cyrillic));
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('the KMU-55 reference in this file', () => {
  // Examples printed in the resolution's own table.
  it.each([
    ['Згорани', 'zghorany'], ['Розгон', 'rozghon'], ['Єнакієве', 'yenakiieve'], ['Наєнко', 'naienko'],
    ['Їжакевич', 'yizhakevych'], ['Кадиївка', 'kadyivka'], ['Йосипівка', 'yosypivka'], ['Стрий', 'stryi'],
    ['Олексій', 'oleksii'], ['Юрій', 'yurii'], ['Крюківка', 'kriukivka'], ['Яготин', 'yahotyn'],
    ['Ічня', 'ichnia'], ['Гоща', 'hoshcha'], ['Русь', 'rus'], ["Знам'янка", 'znamianka'],
    ['Вінниця', 'vinnytsia'], ['Ґалаґан', 'galagan'], ['Борщагівка', 'borshchahivka'], ['Харків', 'kharkiv'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(kmu55(cyrillic)).toBe(latin);
  });
});

describe('the equivalence tables', () => {
  const groups = [...GIVEN_NAME_EQUIVALENTS, ...PATRONYMIC_EQUIVALENTS];

  it('hold at least 40 Ukrainian/Russian pairs whose skeletons differ', () => {
    const differing = groups.filter((group) => new Set(group.map(nameSkeleton)).size > 1);
    expect(differing.length).toBeGreaterThanOrEqual(40);
  });

  it('never give one skeleton to two groups', () => {
    const owner = new Map<string, string>();
    for (const group of groups) {
      for (const skeleton of new Set(group.map(nameSkeleton))) {
        expect(owner.get(skeleton) ?? group[0], `${skeleton} is in ${owner.get(skeleton)} and ${group[0]}`).toBe(
          group[0],
        );
        owner.set(skeleton, group[0]);
      }
    }
  });

  it.each(groups.map((group) => [group[0], group] as const))(
    '%s: every spelling has the canonical key of every other, and each finds the other',
    (ukrainian, group) => {
      for (const [a, b] of orderedPairs(group)) {
        expect(canonicalToken(a), `${a} vs ${b}`).toBe(canonicalToken(b));
        expect(matchesQuery(a, indexTokens(b)), `query ${a} finds ${b}`).toBe(true);
      }
      expect(canonicalToken(group[group.length - 1] ?? '')).toBe(nameSkeleton(ukrainian));
    },
  );

  it('maps Микола, Николай, Mykola, Nikolai and Nikolay to one key', () => {
    const keys = new Set(['Микола', 'Николай', 'Mykola', 'Nikolai', 'Nikolay', 'МИКОЛА'].map(canonicalToken));
    expect(keys.size).toBe(1);
  });

  it('leaves tokens outside the tables at their skeleton', () => {
    expect(canonicalToken('Шевченко')).toBe(nameSkeleton('Шевченко'));
  });
});

describe('tokenizeName', () => {
  it('splits on spaces and commas in any order and gives canonical tokens', () => {
    const ukrainian = tokenizeName('  ОЛІЙНИК,  Микола   Миколайович ');
    const russian = tokenizeName('Николай Николаевич Олейник');
    const latin = tokenizeName('Oliinyk, Mykola Mykolaiovych');
    expect(new Set(russian)).toEqual(new Set(ukrainian));
    expect(new Set(latin)).toEqual(new Set(ukrainian));
    expect(ukrainian).toHaveLength(3);
  });

  it('gives both parts of a double surname and the joined form', () => {
    expect(tokenizeName('Петренко-Коваль Ганна')).toEqual([
      canonicalToken('Петренко'),
      canonicalToken('Коваль'),
      canonicalToken('ПетренкоКоваль'),
      canonicalToken('Ганна'),
    ]);
  });

  it('drops empty tokens and initials punctuation', () => {
    expect(tokenizeName('Шевченко Т.Г.')).toEqual(['shivchinka', 't', 'kh']);
    expect(tokenizeName(' , - ')).toEqual([]);
  });
});

describe('search-as-you-type', () => {
  const record = indexTokens('Олійник Микола Петрович');

  it.each([
    'Олійник Микола Петрович',
    'Олійник Микола',
    'Микола Олійник',
    'OLIINYK, Mykola',
    'Oleinik Nikolai Petrovich',
    'Олейник Николай',
    'Mykola',
    'Петрович',
  ])('finds "Олійник Микола Петрович" by %s', (query) => {
    expect(matchesQuery(query, record)).toBe(true);
  });

  it.each(['Олі', 'Oli', 'Ole', 'Олійн', 'Олі Мик', 'Nik', 'Никол', 'М', 'О П М', 'Oliinyk Mykola Petr'])(
    'finds it while %s is still being typed',
    (query) => {
      expect(matchesQuery(query, record)).toBe(true);
    },
  );

  it.each(['Коваленко', 'Олійник Іван', 'Олійник Микола Іванович', 'Oliinyk Mykolaiovych', 'Кол'])(
    'does not find it by %s',
    (query) => {
      expect(matchesQuery(query, record)).toBe(false);
    },
  );

  it('matches a Russian patronymic against the Ukrainian one', () => {
    const ukrainian = indexTokens('Коваль Олександр Миколайович');
    expect(matchesQuery('Коваль Александр Николаевич', ukrainian)).toBe(true);
    expect(matchesQuery('Koval Aleksandr Nikolaevich', ukrainian)).toBe(true);
    expect(matchesQuery('Коваль Александр Иванович', ukrainian)).toBe(false);
  });

  it('finds Alek, Olek and Олекс in Олександр; I finds both Іван and Ірина', () => {
    const oleksandr = indexTokens('Олександр');
    for (const query of ['Alek', 'Olek', 'Олекс', 'Alex', 'Olex']) expect(matchesQuery(query, oleksandr)).toBe(true);
    expect(matchesQuery('І', indexTokens('Іван'))).toBe(true);
    expect(matchesQuery('І', indexTokens('Ірина'))).toBe(true);
    expect(matchesQuery('Іван', indexTokens('Ірина'))).toBe(false);
  });

  it('finds a double surname by either part, by the part being typed, and by the hyphenated pair', () => {
    const keys = indexTokens('Петренко-Коваль Ганна');
    for (const query of ['Коваль', 'Петренко', 'Петренко-Ков', 'Koval Hanna', 'Анна Коваль', 'ПетренкоКоваль']) {
      expect(matchesQuery(query, keys), query).toBe(true);
    }
  });

  it('matches everything on an empty query and nothing that lacks a token', () => {
    expect(matchesQuery('', record)).toBe(true);
    expect(matchesQuery('  ,  ', record)).toBe(true);
    expect(matchesQuery('Олійник', [])).toBe(false);
  });

  it('never loses a match while a word is typed letter by letter', () => {
    fc.assert(
      fc.property(anyWord, (input) => {
        const skeleton = nameSkeleton(input);
        const letters = [...input];
        for (let length = 1; length <= letters.length; length++) {
          expect(skeleton.startsWith(nameQueryKey(letters.slice(0, length).join('')))).toBe(true);
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('never loses a match while a name is typed in KMU Latin, in any word order, without the patronymic', () => {
    const fullName = fc.tuple(ukrainianWord, ukrainianWord, ukrainianWord);
    fc.assert(
      fc.property(fullName, fc.boolean(), ([surname, given, patronymic], givenFirst) => {
        const keys = indexTokens(`${surname} ${given} ${patronymic}`);
        const typed = (givenFirst ? [given, surname] : [surname, given]).map(kmu55).join(' ');
        const letters = [...typed];
        for (let length = 1; length <= letters.length; length++) {
          expect(matchesQuery(letters.slice(0, length).join(''), keys)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
