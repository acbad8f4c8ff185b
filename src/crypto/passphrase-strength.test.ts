import { describe, expect, it } from 'vitest';
import { assessPassphrase, MIN_GUESSES_LOG10 } from './passphrase-strength.ts';
import { keyboardRuns, transliterate, withVariants } from './passphrase-words.ts';

describe('passphrase rule', () => {
  it.each([
    // The four that were accepted before (issue 7, item 4).
    ['aa aa aa aa', 'repeated'],
    ['111111111111', 'repeated'],
    ['password1234', 'common'],
    ['слава україні', 'slogan'],
    // Slogans with something tacked on, in Latin, in Russian.
    ['слава україні 2022', 'slogan'],
    ['Героям слава!!!', 'slogan'],
    ['slava ukraini 1991', 'slogan'],
    ['путин хуйло 123', 'slogan'],
    ['putin huilo la la la', 'slogan'],
    // Keyboard rows, Latin and Cyrillic.
    ['йцукенгшщзхї', 'keyboard'],
    ['фывапролджэ1', 'keyboard'],
    ['qwertyuiop12', 'common'],
    ['zxcvbnmasdfgh', 'common'],
    ['abcdefghijklmn', 'sequence'],
    // Short.
    ['коротко', 'tooShort'],
    ['Xk9#mQ2!', 'tooShort'],
  ])('refuses %j (%s)', (passphrase, problem) => {
    const result = assessPassphrase(passphrase);
    expect(result.isAcceptable).toBe(false);
    expect(result.problem).toBe(problem);
  });

  it.each([
    'тихий ранок над рікою',
    'зелена кава без цукру',
    'вишнева хата край села',
    'кіт пес небо море',
    'kvitka na vikni rano',
    'correct horse battery staple',
    'мій дід ловив щуку в Десні',
  ])('accepts %j', (passphrase) => {
    const result = assessPassphrase(passphrase);
    expect(result).toMatchObject({ isAcceptable: true, problem: null });
    expect(result.guessesLog10).toBeGreaterThanOrEqual(MIN_GUESSES_LOG10);
  });

  it('judges the passphrase as the screens pass it on: spacing and case do not change the verdict', () => {
    expect(assessPassphrase('  СЛАВА   УКРАЇНІ  ').problem).toBe('slogan');
    expect(assessPassphrase('').problem).toBe('tooShort');
  });
});

describe('word lists', () => {
  it('renders Cyrillic the ways people type it in Latin', () => {
    expect(transliterate('слава україні')).toBe('slava ukraini');
    expect(withVariants(['героям слава'])).toEqual(expect.arrayContaining(['героям слава', 'героямслава', 'heroiam slava', 'geroyam slava', 'geroyamslava']));
  });

  it('lists runs of four keys or more along each keyboard row', () => {
    const runs = keyboardRuns(['йцукен']);
    expect(runs).toEqual(expect.arrayContaining(['йцук', 'цуке', 'укен', 'йцукен']));
    expect(runs).not.toContain('йцу');
  });
});
