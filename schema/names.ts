// Name keys for search-as-you-type and record matching across Ukrainian and Russian Cyrillic and their Latin
// spellings. Plain string functions with no platform APIs, so the phone, a Web Worker and the server agree.

/*
 * How a name token becomes its skeleton (a-z only; the keys are internal, never shown):
 *
 * 1. NFC, lower case. Cyrillic goes to Latin letter by letter with the KMU-55 table, so the national
 *    transliteration and the Cyrillic it came from are the same string up to y/i choices that step 3 erases:
 *      а a  б b  в v  г h (after з: gh, as KMU-55 writes зг)  ґ g  д d  е e  є ye  ж zh  з z  и y  і i
 *      ї yi  й y  к k  л l  м m  н n  о o  п p  р r  с s  т t  у u  ў u  ф f  х kh  ц ts  ч ch  ш sh
 *      щ shch  ю yu  я ya;  Russian ы y, э e, ё e (passports write е; Cyrillic lists drop the dots).
 *    ь, ъ, apostrophes (' ’ ʼ ` ‘ ´), digits and every other non-letter vanish. A Latin letter inside a
 *    Cyrillic word (Олiйник with a Latin i, a common typo) passes through as Latin.
 *    Latin with marks: č ć → ch, š → sh, ž ż → zh, ł → l, ß → ss; other marks are stripped (é → e).
 * 2. The Latin string is read greedily, longest pattern first, into sound classes:
 *      vowels   a o → a;   e i y j → i;   u → u
 *      h g gh kh → kh      (Ukrainian г = h, Russian г = g, х = kh, informal х = h)
 *      ts → ts   ch → ch   zh → zh   sh → sh   shch sch → shch
 *      x → ks   q → k   w → v   ck → k   c before e/i/y → ts, other c → k
 *    So ya/ia/ja, yu/iu/ju, ye/ie/je, yi/ii all become i followed by their vowel.
 * 3. Runs of the same class collapse to one (Oliinyk → alinik, Ганна → khana, Кирилл → kiril).
 *
 * What stays apart needs the equivalence table below: Микола/Николай (m/n), Павло/Павел (vowel count),
 * Федір/Фёдор, Ганна/Анна, patronymic endings -ійович/-еевич, -івна/-овна.
 *
 * Known costs of reaching recall this way: х and г share a class, a/o and e/i/y collapse, and сг reads as
 * ш because KMU-55 itself writes it "sh". Search shows candidates to a person, who decides.
 *
 * The classes are spelled so that a two-letter class begins like its first letter's class (kh after k, sh
 * and shch after s, ts after t, zh after z); that is why g and h are written "kh". An unfinished token
 * ("Ол", "Sh", "K") therefore still gives a useful prefix; see nameQueryKey.
 */

const KH = 'kh';

// Output written as the class strings themselves, so a skeleton read again gives itself (idempotent).
const PATTERNS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['a', ['a']],
  ['o', ['a']],
  ['e', ['i']],
  ['i', ['i']],
  ['y', ['i']],
  ['j', ['i']],
  ['u', ['u']],
  ['b', ['b']],
  ['d', ['d']],
  ['f', ['f']],
  ['l', ['l']],
  ['m', ['m']],
  ['n', ['n']],
  ['p', ['p']],
  ['r', ['r']],
  ['v', ['v']],
  ['w', ['v']],
  ['k', ['k']],
  ['q', ['k']],
  ['x', ['k', 's']],
  // Else x + ch would print "ksch", which reads back as k + shch.
  ['xch', ['k', 'shch']],
  ['g', [KH]],
  ['h', [KH]],
  ['gh', [KH]],
  ['kh', [KH]],
  ['c', ['k']],
  ['ck', ['k']],
  ['ce', ['ts', 'i']],
  ['ci', ['ts', 'i']],
  ['cy', ['ts', 'i']],
  ['ch', ['ch']],
  ['t', ['t']],
  ['ts', ['ts']],
  ['z', ['z']],
  ['zh', ['zh']],
  ['s', ['s']],
  ['sh', ['sh']],
  ['sch', ['shch']],
  ['shch', ['shch']],
]);

interface PatternNode {
  output: readonly string[] | undefined;
  // First classes of the longer patterns through this node: an unfinished query ending here may become any.
  longer: string[] | undefined;
  readonly next: (PatternNode | undefined)[];
}

const newNode = (): PatternNode => ({ output: undefined, longer: undefined, next: [] });
const A_CODE = 97;

// A trie over letter codes, so reading a name allocates nothing per letter.
const PATTERN_TRIE: PatternNode = (() => {
  const root = newNode();
  for (const [pattern, output] of PATTERNS) {
    let node = root;
    for (let index = 0; index < pattern.length; index++) {
      if (index > 0) {
        const first = output[0] ?? '';
        node.longer ??= [];
        if (!node.longer.includes(first)) node.longer.push(first);
      }
      const code = pattern.charCodeAt(index) - A_CODE;
      let child = node.next[code];
      if (child === undefined) {
        child = newNode();
        node.next[code] = child;
      }
      node = child;
    }
    node.output = output;
  }
  return root;
})();

const CYRILLIC: ReadonlyMap<string, string> = new Map(
  Object.entries({
    а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'y', і: 'i',
    ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
    ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ъ: '', ы: 'y', э: 'e', ё: 'e',
    ю: 'yu', я: 'ya',
  }),
);

const LATIN_SPECIAL: ReadonlyMap<string, string> = new Map(
  Object.entries({
    č: 'ch', ć: 'ch', š: 'sh', ś: 's', ž: 'zh', ż: 'zh', ź: 'z', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o',
    đ: 'd',
  }),
);

const COMBINING_MARKS = /\p{M}+/gu;
const CYRILLIC_BLOCK = 0x400;
const CYRILLIC_BY_CODE: readonly (string | undefined)[] = (() => {
  const byCode: (string | undefined)[] = [];
  for (const [letter, latin] of CYRILLIC) byCode[letter.charCodeAt(0) - CYRILLIC_BLOCK] = latin;
  return byCode;
})();
const ZE = 0x437;
const GHE = 0x433;

function latinOf(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 97 && code <= 122) return char;
  return CYRILLIC.get(char) ?? LATIN_SPECIAL.get(char) ?? '';
}

// Indexed loops and code tables rather than a regex per letter: this runs for every name in a 50,000 list.
/** Lower-case Latin of a name token, Cyrillic by KMU-55 letter by letter; the first step of nameSkeleton. */
export function toLatin(word: string): string {
  const text = word.normalize('NFC').toLowerCase();
  let latin = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const cyrillic = code >= CYRILLIC_BLOCK ? CYRILLIC_BY_CODE[code - CYRILLIC_BLOCK] : undefined;
    if (code >= 97 && code <= 122) {
      latin += text[index];
    } else if (cyrillic !== undefined) {
      // KMU-55 writes зг as zgh so it is not read as ж; doing the same keeps Cyrillic and KMU Latin equal.
      latin += code === GHE && text.charCodeAt(index - 1) === ZE ? 'gh' : cyrillic;
    } else if (code >= 0x80) {
      const char = text[index] ?? '';
      const base = char.normalize('NFD').replace(COMBINING_MARKS, '');
      latin += LATIN_SPECIAL.get(char) ?? [...base].map(latinOf).join('');
    }
  }
  return latin;
}

interface Parsed {
  // Classes read so far with runs collapsed, joined.
  readonly key: string;
  readonly lastClass: string | undefined;
  // First classes the unread end of an unfinished token could still become; null when fully read.
  readonly pending: readonly string[] | null;
}

function parseLatin(latin: string, unfinished: boolean): Parsed {
  let key = '';
  let lastClass: string | undefined;
  let index = 0;
  while (index < latin.length) {
    let node: PatternNode | undefined = PATTERN_TRIE;
    let output: readonly string[] | undefined;
    let end = index;
    let cursor = index;
    while (node !== undefined && cursor < latin.length) {
      node = node.next[latin.charCodeAt(cursor) - A_CODE];
      cursor++;
      if (node?.output !== undefined) {
        output = node.output;
        end = cursor;
      }
    }
    // toLatin emits only a-z and every letter is a pattern, so a match of length >= 1 always exists.
    if (output === undefined) break;
    // The whole rest of the input lies on the way to a longer pattern, so more typing may change it.
    if (unfinished && node?.longer !== undefined) {
      const first = output[0] ?? '';
      return { key, lastClass, pending: node.longer.includes(first) ? node.longer : [...node.longer, first] };
    }
    for (const sound of output) {
      if (sound !== lastClass) key += sound;
      lastClass = sound;
    }
    index = end;
  }
  return { key, lastClass, pending: null };
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) {
    while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Script-independent phonetic key of one name token (no spaces or hyphens; split those upstream). */
export function nameSkeleton(word: string): string {
  return parseLatin(toLatin(word), false).key;
}

/**
 * Key for a token the user may still be typing: always a prefix of nameSkeleton(word + anything more),
 * so typing further never loses a match. "Sh" → "sh" fits Shevchenko and Shcherbak; a trailing "c" adds
 * nothing because it may become k, ts or ch.
 */
export function nameQueryKey(word: string): string {
  const { key, lastClass, pending } = parseLatin(toLatin(word), true);
  if (pending === null) return key;
  // If the next class may equal the last settled one, the two collapse, so nothing more is certain.
  if (lastClass !== undefined && pending.includes(lastClass)) return key;
  return key + commonPrefix(pending);
}

/**
 * Ukrainian form first, then Russian and Latin spellings that do not already share its skeleton. Groups
 * whose forms fold together anyway (Олег, Іван/Иван) are listed so the table documents what was checked.
 */
export const GIVEN_NAME_EQUIVALENTS: ReadonlyArray<readonly [string, ...string[]]> = [
  ['Микола', 'Николай', 'Mykola', 'Nikolai', 'Nikolay'],
  ['Олексій', 'Алексей', 'Oleksii', 'Aleksei', 'Alexey'],
  ['Олександр', 'Александр', 'Oleksandr', 'Aleksandr', 'Alexander'],
  ['Андрій', 'Андрей', 'Andrii', 'Andrey'],
  ['Сергій', 'Сергей', 'Serhii', 'Sergei', 'Sergey'],
  ['Дмитро', 'Дмитрий', 'Dmytro', 'Dmitrii', 'Dmitry'],
  ['Петро', 'Пётр', 'Петр', 'Petro', 'Petr', 'Pyotr', 'Piotr'],
  ['Павло', 'Павел', 'Pavlo', 'Pavel'],
  ['Василь', 'Василий', 'Vasyl', 'Vasilii', 'Vasily'],
  ['Михайло', 'Михаил', 'Mykhailo', 'Mikhail'],
  ['Євген', 'Евгений', 'Yevhen', 'Evgenii', 'Evgeny', 'Yevgeniy'],
  ['Юрій', 'Юрий', 'Yurii', 'Iurii', 'Yuriy'],
  ['Іван', 'Иван', 'Ivan'],
  ['Олег', 'Oleh', 'Oleg'],
  ['Віктор', 'Виктор', 'Viktor', 'Victor'],
  ['Володимир', 'Владимир', 'Volodymyr', 'Vladimir'],
  ['Степан', 'Stepan'],
  ['Богдан', 'Bohdan', 'Bogdan'],
  ['Тарас', 'Taras'],
  ['Ярослав', 'Yaroslav', 'Iaroslav'],
  ['Віталій', 'Виталий', 'Vitalii', 'Vitaly'],
  ['Анатолій', 'Анатолий', 'Anatolii', 'Anatoly'],
  ['Федір', 'Федор', 'Фёдор', 'Fedir', 'Fedor', 'Fyodor', 'Fiodor'],
  ['Ілля', 'Илья', 'Illia', 'Ilya'],
  ['Григорій', 'Григорий', 'Hryhorii', 'Grigorii', 'Grigory'],
  ['Тимофій', 'Тимофей', 'Tymofii', 'Timofei', 'Timofey'],
  ['Кирило', 'Кирилл', 'Kyrylo', 'Kirill'],
  ['Данило', 'Даниил', 'Данила', 'Danylo', 'Daniil'],
  ['Максим', 'Maksym', 'Maxim'],
  ['Артем', 'Артём', 'Artem', 'Artyom', 'Artiom'],
  ['Роман', 'Roman'],
  ['Денис', 'Denys', 'Denis'],
  ['Ігор', 'Игорь', 'Ihor', 'Igor'],
  ['Семен', 'Семён', 'Semen', 'Semyon'],
  ['Яків', 'Яков', 'Yakiv', 'Yakov'],
  ['Пилип', 'Филипп', 'Pylyp', 'Filipp'],
  ['Микита', 'Никита', 'Mykyta', 'Nikita'],
  ['Костянтин', 'Константин', 'Kostiantyn', 'Konstantin'],
  ['Йосип', 'Иосиф', 'Yosyp', 'Iosif'],
  ['Опанас', 'Афанасий', 'Opanas', 'Afanasii'],
  ['Омелян', 'Емельян', 'Omelian', 'Yemelyan'],
  ['Хома', 'Фома', 'Khoma', 'Foma'],
  ['Марко', 'Марк', 'Marko', 'Mark'],
  ['Олена', 'Елена', 'Olena', 'Elena', 'Yelena'],
  ['Ганна', 'Анна', 'Hanna', 'Anna'],
  ['Наталія', 'Наталья', 'Nataliia', 'Natalya'],
  ['Катерина', 'Екатерина', 'Kateryna', 'Ekaterina', 'Yekaterina'],
  ['Тетяна', 'Татьяна', 'Tetiana', 'Tatiana', 'Tatyana'],
  ['Людмила', 'Liudmyla', 'Lyudmila', 'Ludmila'],
  ['Любов', 'Любовь', 'Liubov', 'Lyubov', 'Lubov'],
  ['Надія', 'Надежда', 'Nadiia', 'Nadezhda'],
  ['Христина', 'Кристина', 'Khrystyna', 'Kristina'],
  // Added for list matching (schema/matching.ts): names often met on Ukrainian service lists. Єгор is left
  // out: its skeleton is Ігор's (є/і and е/и fold together), so it can only ever match as Ігор.
  ['Валерій', 'Валерий', 'Valerii', 'Valery', 'Valeriy'],
  ['Аркадій', 'Аркадий', 'Arkadii', 'Arkady'],
  ['Геннадій', 'Геннадий', 'Hennadii', 'Gennadii', 'Gennady'],
  ['Леонід', 'Леонид', 'Leonid'],
  ['Вадим', 'Vadym', 'Vadim'],
  ['Руслан', 'Ruslan'],
  ['Станіслав', 'Станислав', 'Stanislav'],
  ['Владислав', 'Vladyslav', 'Vladislav'],
  ["В'ячеслав", 'Вячеслав', 'Viacheslav', 'Vyacheslav', 'Vjaceslav'],
  ['Ростислав', 'Rostyslav', 'Rostislav'],
  ['Святослав', 'Sviatoslav', 'Svyatoslav'],
  ['Мирослав', 'Myroslav', 'Miroslav'],
  ['Назар', 'Nazar'],
  ['Остап', 'Ostap'],
  ['Орест', 'Orest'],
  ['Валентин', 'Valentyn', 'Valentin'],
  ['Борис', 'Borys', 'Boris'],
  ['Георгій', 'Георгий', 'Heorhii', 'Georgii', 'Georgy'],
  ['Антон', 'Anton'],
  ['Артур', 'Artur'],
  ['Едуард', 'Эдуард', 'Eduard'],
  ['Матвій', 'Матвей', 'Matvii', 'Matvei', 'Matvey'],
  ['Арсеній', 'Арсений', 'Arsenii', 'Arseny'],
  ['Захар', 'Zakhar'],
  ['Гліб', 'Глеб', 'Hlib', 'Gleb'],
  ['Всеволод', 'Vsevolod'],
  ['Леонтій', 'Леонтий', 'Leontii'],
  ['Зіновій', 'Зиновий', 'Zinovii'],
  ['Лев', 'Lev'],
  ['Вікентій', 'Викентий', 'Vikentii'],
  ['Олесь', 'Oles'],
  ['Ярема', 'Yarema'],
  ['Оксана', 'Oksana'],
  ['Ірина', 'Ирина', 'Iryna', 'Irina'],
  ['Юлія', 'Юлия', 'Yuliia', 'Iuliia', 'Yulia'],
  ['Марія', 'Мария', 'Mariia', 'Maria'],
  ['Світлана', 'Светлана', 'Svitlana', 'Svetlana'],
  ['Галина', 'Halyna', 'Galina'],
  ['Валентина', 'Valentyna', 'Valentina'],
  ['Віра', 'Вера', 'Vira', 'Vera'],
  ['Ольга', 'Olha', 'Olga'],
  ['Вікторія', 'Виктория', 'Viktoriia', 'Viktoria'],
  ['Анастасія', 'Анастасия', 'Anastasiia', 'Anastasia'],
  ['Дарія', 'Дарья', 'Dariia', 'Darya', 'Daria'],
  ['Софія', 'София', 'Sofiia', 'Sofia'],
  ['Уляна', 'Ульяна', 'Uliana', 'Ulyana'],
  ['Олександра', 'Александра', 'Oleksandra', 'Aleksandra'],
  ['Євгенія', 'Евгения', 'Yevheniia', 'Evgeniia', 'Evgenia'],
  ['Марина', 'Maryna', 'Marina'],
  ['Лариса', 'Larysa', 'Larisa'],
];

export const PATRONYMIC_EQUIVALENTS: ReadonlyArray<readonly [string, ...string[]]> = [
  ['Миколайович', 'Николаевич', 'Mykolaiovych', 'Nikolaevich'],
  ['Олексійович', 'Алексеевич', 'Oleksiiovych', 'Alekseevich'],
  ['Олександрович', 'Александрович', 'Oleksandrovych', 'Aleksandrovich'],
  ['Андрійович', 'Андреевич', 'Andriiovych', 'Andreevich'],
  ['Сергійович', 'Сергеевич', 'Serhiiovych', 'Sergeevich'],
  ['Юрійович', 'Юрьевич', 'Yuriiovych', 'Yurievich'],
  ['Дмитрович', 'Дмитриевич', 'Dmytrovych', 'Dmitrievich'],
  ['Васильович', 'Васильевич', 'Vasylovych', 'Vasilievich'],
  ['Євгенович', 'Евгеньевич', 'Yevhenovych', 'Evgenievich'],
  ['Володимирович', 'Владимирович', 'Volodymyrovych', 'Vladimirovich'],
  ['Віталійович', 'Витальевич', 'Vitaliiovych', 'Vitalievich'],
  ['Анатолійович', 'Анатольевич', 'Anatoliiovych', 'Anatolievich'],
  ['Григорович', 'Григорьевич', 'Hryhorovych', 'Grigorievich'],
  ['Тимофійович', 'Тимофеевич', 'Tymofiiovych', 'Timofeevich'],
  ['Ігорович', 'Игоревич', 'Ihorovych', 'Igorevich'],
  ['Якович', 'Яковлевич', 'Yakovych', 'Yakovlevich'],
  ['Валерійович', 'Валерьевич', 'Valeriiovych', 'Valerievich'],
  ['Аркадійович', 'Аркадьевич', 'Arkadiiovych', 'Arkadievich'],
  ['Костянтинович', 'Константинович', 'Kostiantynovych', 'Konstantinovich'],
  ['Іванович', 'Иванович', 'Ivanovych', 'Ivanovich'],
  ['Миколаївна', 'Николаевна', 'Mykolaivna', 'Nikolaevna'],
  ['Олександрівна', 'Александровна', 'Oleksandrivna', 'Aleksandrovna'],
  ['Іванівна', 'Ивановна', 'Ivanivna', 'Ivanovna'],
  ['Петрівна', 'Петровна', 'Petrivna', 'Petrovna'],
  ['Василівна', 'Васильевна', 'Vasylivna', 'Vasilievna'],
  ['Володимирівна', 'Владимировна', 'Volodymyrivna', 'Vladimirovna'],
  ['Сергіївна', 'Сергеевна', 'Serhiivna', 'Sergeevna'],
  ['Андріївна', 'Андреевна', 'Andriivna', 'Andreevna'],
  ['Михайлівна', 'Михайловна', 'Mykhailivna', 'Mikhailovna'],
  ['Юріївна', 'Юрьевна', 'Yuriivna', 'Yurievna'],
  ['Олексіївна', 'Алексеевна', 'Oleksiivna', 'Alekseevna'],
  ['Вікторівна', 'Викторовна', 'Viktorivna', 'Viktorovna'],
  ['Анатоліївна', 'Анатольевна', 'Anatoliivna', 'Anatolievna'],
  ['Григорівна', 'Григорьевна', 'Hryhorivna', 'Grigorievna'],
  ['Степанівна', 'Степановна', 'Stepanivna', 'Stepanovna'],
  ['Федорівна', 'Федоровна', 'Fedorivna', 'Fedorovna'],
  ['Павлівна', 'Павловна', 'Pavlivna', 'Pavlovna'],
  ['Дмитрівна', 'Дмитриевна', 'Dmytrivna', 'Dmitrievna'],
  // Irregular Russian forms the matcher's derivation from given names cannot reach (schema/matching.ts).
  ['Ілліч', 'Ильич', 'Illich', 'Ilich'],
  ['Іллівна', 'Ильинична', 'Illivna', 'Ilinichna'],
  ['Микитович', 'Никитич', 'Mykytovych', 'Nikitich'],
  ['Микитівна', 'Никитична', 'Mykytivna', 'Nikitichna'],
  ['Яківна', 'Яковлевна', 'Yakivna', 'Iakovlevna'],
  ['Хомич', 'Фомич', 'Khomych', 'Fomich'],
];

interface EquivalenceGroup {
  readonly canonical: string;
  readonly skeletons: readonly string[];
}

// Skeleton → its group. If two groups ever shared a skeleton the first would win; a test forbids that.
const GROUP_BY_SKELETON: ReadonlyMap<string, EquivalenceGroup> = (() => {
  const bySkeleton = new Map<string, EquivalenceGroup>();
  for (const spellings of [...GIVEN_NAME_EQUIVALENTS, ...PATRONYMIC_EQUIVALENTS]) {
    const skeletons = [...new Set(spellings.map(nameSkeleton))];
    const group: EquivalenceGroup = { canonical: skeletons[0] ?? '', skeletons };
    for (const skeleton of skeletons) if (!bySkeleton.has(skeleton)) bySkeleton.set(skeleton, group);
  }
  return bySkeleton;
})();

/** The skeleton, mapped to the Ukrainian form's skeleton when the token is in the equivalence tables. */
export function canonicalToken(word: string): string {
  const skeleton = nameSkeleton(word);
  return GROUP_BY_SKELETON.get(skeleton)?.canonical ?? skeleton;
}

const WORD_SEPARATORS = /[^\p{L}\p{M}'’ʼ`‘´ʹ\-‐‑]+/u;
const HYPHENS = /[-‐‑]+/;

// Words of a full name; a hyphenated double surname gives each part and then the parts joined.
function nameWords(text: string, withJoined: boolean): string[] {
  const words: string[] = [];
  for (const word of text.split(WORD_SEPARATORS)) {
    const parts = word.split(HYPHENS).filter((part) => part.length > 0);
    words.push(...parts);
    if (withJoined && parts.length > 1) words.push(parts.join(''));
  }
  return words;
}

function distinctNonEmpty(values: readonly string[]): string[] {
  return [...new Set(values)].filter((value) => value.length > 0);
}

/** Canonical tokens of a full name in any order ("Олійник Микола Петрович", "Mykola OLIINYK"). */
export function tokenizeName(text: string): string[] {
  return distinctNonEmpty(nameWords(text, true).map(canonicalToken));
}

/**
 * Keys to store with a record for search: each token's skeleton plus, for tokens in the equivalence
 * tables, the skeletons of every other form, so a Russian or partial query meets a Ukrainian name.
 * Compute once per record; see queryTokens for the per-keystroke test.
 */
export function indexTokens(fullName: string): string[] {
  const keys: string[] = [];
  for (const word of nameWords(fullName, true)) keys.push(...wordKeys(word));
  return distinctNonEmpty(keys);
}

/**
 * A word's keys, remembered: names repeat (50,000 inquiries hold a few thousand distinct words), so an index
 * built at unlock computes each word's transliteration once. Pure, so remembering changes no answer.
 */
const WORD_KEYS = new Map<string, readonly string[]>();
const WORD_KEYS_LIMIT = 100_000;

function wordKeys(word: string): readonly string[] {
  const known = WORD_KEYS.get(word);
  if (known) return known;
  const skeleton = nameSkeleton(word);
  const group = GROUP_BY_SKELETON.get(skeleton);
  const keys = group === undefined ? [skeleton] : [skeleton, ...group.skeletons];
  if (WORD_KEYS.size >= WORD_KEYS_LIMIT) WORD_KEYS.clear();
  WORD_KEYS.set(word, keys);
  return keys;
}

/**
 * Keys of what the user has typed so far, one per query word (hyphens split words, no joined form).
 * Contract: a record matches when queryTokens(q).every(t => indexTokens(name).some(k => k.startsWith(t))).
 * Query words may come in any order, may omit the patronymic, and two may match the same name token.
 * An empty query matches everything.
 */
export function queryTokens(query: string): string[] {
  return distinctNonEmpty(nameWords(query, false).map(nameQueryKey));
}

/** The search test on precomputed keys; the per-keystroke work is only prefix comparisons. */
export function matchesQueryKeys(queryKeys: readonly string[], nameKeys: readonly string[]): boolean {
  return queryKeys.every((queryKey) => nameKeys.some((nameKey) => nameKey.startsWith(queryKey)));
}

/** Convenience for one record; when filtering a list, compute queryTokens once per keystroke instead. */
export function matchesQuery(queryText: string, nameKeys: readonly string[]): boolean {
  return matchesQueryKeys(queryTokens(queryText), nameKeys);
}
