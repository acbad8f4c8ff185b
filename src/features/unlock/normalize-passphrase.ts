// Phone keyboards add a space after a suggested word and sometimes double one: set-up and unlock both pass
// the passphrase through here, so "тихий ранок " and "тихий  ранок" open what "тихий ранок" sealed.

export function normalizePassphrase(typed: string): string {
  return typed.trim().replace(/\s+/g, ' ');
}
