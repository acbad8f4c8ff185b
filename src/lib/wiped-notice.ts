// The note a revoked phone leaves for its next user after wiping itself. Plaintext in localStorage on
// purpose: the database is gone, and the note holds only the time of the wipe.

const KEY = 'rodyna.wiped';

export function markWiped(): void {
  localStorage.setItem(KEY, String(Date.now()));
}

export function wasWiped(): boolean {
  const value = globalThis.localStorage?.getItem(KEY);
  return value !== null && value !== undefined;
}

export function clearWipedNotice(): void {
  localStorage.removeItem(KEY);
}
