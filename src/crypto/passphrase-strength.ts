// How long a passphrase would hold out against someone who has the phone and guesses offline: zxcvbn's
// estimate (common passwords, repetitions, sequences, Latin keyboard runs) plus Ukrainian and Russian words,
// slogans and Cyrillic keyboard rows. Heavy (its lists are a few hundred kilobytes), so it is imported only
// when the volunteer starts typing on the set-up screen, and by the vault when the passphrase is set.
import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { CYRILLIC_KEYBOARD_ROWS, keyboardRuns, RUSSIAN_WORDS, SLOGANS, UKRAINIAN_WORDS, withVariants } from './passphrase-words.ts';

/** Why a passphrase is refused, in the order a volunteer should hear it. */
export type PassphraseProblem = 'tooShort' | 'slogan' | 'repeated' | 'keyboard' | 'sequence' | 'common' | 'guessable';

export interface PassphraseAssessment {
  isAcceptable: boolean;
  problem: PassphraseProblem | null;
  /** log10 of the estimated number of guesses. */
  guessesLog10: number;
}

export const MIN_LENGTH = 12;
/**
 * 10^10 guesses. With Argon2id at about a second a guess on a phone (a third of that on one desktop core),
 * that is thousands of core-years for one device; zxcvbn's "very unguessable" band starts here.
 */
export const MIN_GUESSES_LOG10 = 10;

const KEYBOARD_DICTIONARY = 'keyboard-cyrillic';
const SLOGAN_DICTIONARY = 'slogans-uk';

let factory: ZxcvbnFactory | null = null;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: {
      ...commonDictionary,
      [SLOGAN_DICTIONARY]: withVariants(SLOGANS),
      'words-uk': withVariants(UKRAINIAN_WORDS),
      'words-ru': withVariants(RUSSIAN_WORDS),
      [KEYBOARD_DICTIONARY]: keyboardRuns(CYRILLIC_KEYBOARD_ROWS),
    },
    useLevenshteinDistance: true,
  });
  return factory;
}

/** The same normal form the set-up and unlock screens use: trimmed, single spaces, NFC, lower case for matching. */
function normalize(passphrase: string): string {
  return passphrase.normalize('NFC').trim().replace(/\s+/g, ' ');
}

function problemOf(matches: readonly MatchExtended[], length: number): PassphraseProblem {
  const covers = (m: MatchExtended) => (m.j - m.i + 1) / length;
  const has = (test: (m: MatchExtended) => boolean) => matches.some(test);
  if (has((m) => m.pattern === 'dictionary' && m.dictionaryName === SLOGAN_DICTIONARY)) return 'slogan';
  if (has((m) => m.pattern === 'repeat' && covers(m) >= 0.5)) return 'repeated';
  if (has((m) => m.pattern === 'spatial' || (m.pattern === 'dictionary' && m.dictionaryName === KEYBOARD_DICTIONARY))) return 'keyboard';
  if (has((m) => m.pattern === 'sequence' && covers(m) >= 0.3)) return 'sequence';
  if (has((m) => m.pattern === 'dictionary' && m.dictionaryName === 'passwords-common')) return 'common';
  return 'guessable';
}

/** Judges a passphrase: at least 12 characters, and not guessable in fewer than 10^10 tries. */
export function assessPassphrase(passphrase: string): PassphraseAssessment {
  const text = normalize(passphrase);
  const length = [...text].length;
  if (length === 0) return { isAcceptable: false, problem: 'tooShort', guessesLog10: 0 };
  const result = estimator().check(text.toLocaleLowerCase());
  const guessesLog10 = result.guessesLog10;
  if (length >= MIN_LENGTH && guessesLog10 >= MIN_GUESSES_LOG10) return { isAcceptable: true, problem: null, guessesLog10 };
  // A pattern ("repeated", "a slogan") teaches more than "too short"; short and otherwise random is "too short".
  const problem = guessesLog10 < MIN_GUESSES_LOG10 ? problemOf(result.sequence, length) : 'tooShort';
  return { isAcceptable: false, problem: problem === 'guessable' && length < MIN_LENGTH ? 'tooShort' : problem, guessesLog10 };
}
