// Whether a wipe made offline still has to ask the server to clear the storage files. A plain flag in
// localStorage (it says nothing about anyone), read at start without loading the database code.
const PENDING = 'rodyna.erasePending';

export function isErasePending(): boolean {
  return (globalThis.localStorage?.getItem(PENDING) ?? null) !== null;
}

export function setErasePending(isPending: boolean): void {
  if (isPending) globalThis.localStorage?.setItem(PENDING, '1');
  else globalThis.localStorage?.removeItem(PENDING);
}
