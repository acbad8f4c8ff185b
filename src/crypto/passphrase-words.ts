// Word lists the passphrase estimator guesses first, beyond zxcvbn's own: what Ukrainian- and Russian-speaking
// volunteers are most likely to pick — slogans, the most common words, Cyrillic keyboard rows — and their
// Latin transliterations, since a phone with a Latin keyboard types "slava ukraini". Data only; loaded lazily
// with the estimator, never in the first load.

/** Slogans and phrases everyone in the country knows: guessed among the very first. */
export const SLOGANS: readonly string[] = [
  'слава україні', 'героям слава', 'слава нації', 'смерть ворогам', 'україна понад усе', 'путін хуйло', 'путин хуйло',
  'путін хуйло ла ла ла', 'слава зсу', 'слава героям', 'все буде україна', 'все буде добре', 'ми з україни',
  'доброго вечора ми з україни', 'ще не вмерла україна', 'ще не вмерла', 'русский военный корабль иди нахуй',
  'русский корабль иди нахуй', 'рускій воєнний корабль іді нахуй', 'русня', 'паляниця', 'бандерівець', 'бандеромобіль',
  'україна це європа', 'україна переможе', 'перемога буде за нами', 'ми переможемо', 'разом до перемоги', 'слава богу',
  'хай живе україна', 'вільна україна', 'незламна україна', 'хто якщо не ми', 'з богом', 'люблю україну',
  'слава украине', 'героям слава украине', 'смерть врагам', 'всё будет хорошо', 'все будет хорошо', 'христос воскрес',
  'воістину воскрес', 'я люблю тебе', 'я тебя люблю', 'мама тато я', 'отче наш', 'боже бережи україну',
  'glory to ukraine', 'glory to the heroes', 'stand with ukraine', 'i love you',
];

/** The most common Ukrainian words, by rough frequency: each costs an attacker almost nothing to try. */
export const UKRAINIAN_WORDS: readonly string[] = (
  'і в на не що з у я до це та як за він а по ми так але ти вона від все його мене її вони бо то був було ще ж ' +
  'вже є де коли там тут хто чи який яка яке які цей ця ці той та те ті мій моя моє мої твій твоя наш наша ваш ' +
  'дуже можна треба буде був була були бути мати має маю знаю знати хочу хотів хочеш люблю любов кохаю кохання ' +
  'мама тато мати батько син донька дочка брат сестра дід баба бабуся дідусь дитина діти сім\'я родина рідний друг ' +
  'подруга люди людина чоловік жінка хлопець дівчина пан пані життя смерть світ земля небо сонце місяць зірка море ' +
  'річка ріка вода вогонь вітер дощ сніг ліс поле гора степ сад дім хата місто село вулиця країна україна київ ' +
  'харків одеса львів дніпро запоріжжя херсон маріуполь бахмут донецьк луганськ крим суми чернігів полтава ' +
  'ранок день вечір ніч тиждень рік літо осінь зима весна сьогодні завтра вчора час година хвилина ' +
  'слава герой героям нація воля свобода перемога мир війна армія зсу солдат воїн боєць захисник фронт бій ' +
  'бог господь віра надія правда сила серце душа добро зло щастя радість сум біль пам\'ять мрія ' +
  'кіт кішка пес собака кінь птах риба вовк ведмідь лев тигр заєць лисиця орел сокіл лелека калина верба ' +
  'тополя дуб сосна квітка троянда соняшник мак пшениця хліб сало борщ вареники кава чай молоко мед ' +
  'червоний синій жовтий зелений білий чорний блакитний золотий великий малий новий старий добрий гарний ' +
  'один два три чотири п\'ять шість сім вісім дев\'ять десять сто тисяча перший другий третій ' +
  'пароль мій пароль мама тато новий пароль привіт доброго вечора дякую будь ласка так ні ' +
  'олександр олена андрій іван марія наталія сергій тетяна володимир ольга микола оксана юрій ірина дмитро ' +
  'анна віктор галина василь людмила петро світлана михайло юлія богдан катерина тарас максим артем ' +
  'кохана коханий рідна рідний зайчик сонечко котик ластівка'
).split(' ');

/** Common Russian words and names, for the same reason. */
export const RUSSIAN_WORDS: readonly string[] = (
  'и в не на я что он с как а то все она так его но да ты по это к у же вы за бы мы от меня еще нет о из ' +
  'мама папа мать отец сын дочь брат сестра дед бабушка ребенок дети семья друг подруга люди человек муж жена ' +
  'жизнь смерть мир земля небо солнце луна звезда море река вода огонь ветер дождь снег лес поле дом город ' +
  'россия украина москва киев утро день вечер ночь год лето осень зима весна сегодня завтра время ' +
  'бог вера надежда любовь правда сила сердце душа счастье радость память мечта свобода победа война ' +
  'кот кошка собака конь птица рыба волк медведь лев тигр заяц лиса орел роза цветок хлеб чай кофе ' +
  'красный синий желтый зеленый белый черный большой маленький новый старый добрый ' +
  'один два три четыре пять шесть семь восемь девять десять сто тысяча ' +
  'пароль привет спасибо пожалуйста люблю тебя солнышко зайка котик ' +
  'александр елена андрей иван мария наталья сергей татьяна владимир ольга николай юрий ирина дмитрий ' +
  'анна виктор галина василий людмила петр светлана михаил юлия екатерина максим артем'
).split(' ');

/** Rows of the Ukrainian and Russian ЙЦУКЕН layouts: zxcvbn knows only Latin keyboards. */
export const CYRILLIC_KEYBOARD_ROWS: readonly string[] = [
  'йцукенгшщзхї', 'фівапролджє', 'ячсмитьбю', 'йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю',
  'йфя', 'цічщ', 'цыч', 'увс', 'кам', 'епи', 'нрт', 'гоь', 'шлб', 'щдю',
];

/** Runs of four keys or more along each row, forwards (zxcvbn tries every word reversed too). */
export function keyboardRuns(rows: readonly string[] = CYRILLIC_KEYBOARD_ROWS): string[] {
  const runs = new Set<string>();
  for (const row of rows) {
    const keys = [...row];
    for (let start = 0; start < keys.length; start++) {
      for (let end = start + 4; end <= keys.length; end++) runs.add(keys.slice(start, end).join(''));
    }
  }
  return [...runs];
}

/** The national (2010) transliteration, simplified to lower case: how "слава україні" is typed in Latin. */
const UK_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', '\'': '', 'ʼ': '', '’': '',
  // Russian letters, as people write them in Latin.
  ы: 'y', э: 'e', ъ: '', ё: 'e',
};

/** A second, informal rendering people also use: "geroyam slava", "putin huylo", "ya tebya lyublyu". */
const INFORMAL_LATIN: Record<string, string> = {
  ...UK_LATIN, г: 'g', х: 'h', й: 'y', є: 'ye', ї: 'yi', ю: 'yu', я: 'ya', и: 'i', ц: 'c', ж: 'j',
};

export function transliterate(text: string, table: Record<string, string> = UK_LATIN): string {
  return [...text.toLocaleLowerCase()].map((c) => table[c] ?? c).join('');
}

/** A list with its Latin renderings, and each phrase also without its spaces. */
export function withVariants(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const word of words) {
    for (const form of [word, transliterate(word), transliterate(word, INFORMAL_LATIN)]) {
      out.add(form);
      if (form.includes(' ')) out.add(form.replaceAll(' ', ''));
    }
  }
  return [...out];
}
