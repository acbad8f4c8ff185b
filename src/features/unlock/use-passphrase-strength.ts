// Live strength of the passphrase being chosen. The estimator (crypto/passphrase-strength.ts, a few hundred
// kilobytes of word lists) is loaded when the volunteer starts typing, never with the first screen.
import { useEffect, useState } from 'react';
import type * as StrengthModule from '@/crypto/passphrase-strength.ts';
import type { PassphraseAssessment } from '@/crypto/passphrase-strength.ts';

type Strength = typeof StrengthModule;

let loading: Promise<Strength> | null = null;

export function loadStrength(): Promise<Strength> {
  loading ??= import('@/crypto/passphrase-strength.ts').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** The assessment of `passphrase` once typing pauses; null while empty or while the estimator loads. */
export function usePassphraseStrength(passphrase: string): PassphraseAssessment | null {
  const [assessment, setAssessment] = useState<{ of: string; value: PassphraseAssessment } | null>(null);
  useEffect(() => {
    if (!passphrase) return;
    let isCurrent = true;
    // A pause of a fifth of a second: judging every keystroke would make typing lag on a cheap phone.
    const timer = setTimeout(() => {
      void loadStrength()
        .then(({ assessPassphrase }) => {
          if (isCurrent) setAssessment({ of: passphrase, value: assessPassphrase(passphrase) });
        })
        .catch(() => undefined);
    }, 200);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [passphrase]);
  return passphrase && assessment?.of === passphrase ? assessment.value : null;
}
