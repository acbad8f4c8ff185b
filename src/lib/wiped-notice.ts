// The note a wiped phone leaves for its next user. Plaintext in localStorage on purpose: the database is
// gone, and the note holds only why the phone was erased and how many unsent registrations it handed over.

const KEY = 'rodyna.wiped';

export interface WipedNotice {
  /** revoked by a coordinator; signed out with nothing left to send; erased on purpose (forgotten passphrase). */
  reason: 'revoked' | 'signed_out' | 'erased';
  /** Unsent registrations the server took for coordinators before the wipe. */
  handedOver: number;
  /** Unsent registrations the server would no longer take; they are gone. */
  notHandedOver: number;
}

export function markWiped(notice: WipedNotice): void {
  localStorage.setItem(KEY, JSON.stringify(notice));
}

export function readWipedNotice(): WipedNotice | null {
  const value = globalThis.localStorage?.getItem(KEY);
  if (value === null || value === undefined) return null;
  try {
    const parsed = JSON.parse(value) as Partial<WipedNotice>;
    return {
      reason: parsed.reason === 'erased' || parsed.reason === 'signed_out' ? parsed.reason : 'revoked',
      handedOver: Number(parsed.handedOver) || 0,
      notHandedOver: Number(parsed.notHandedOver) || 0,
    };
  } catch {
    // An older note held only the time of the wipe.
    return { reason: 'revoked', handedOver: 0, notHandedOver: 0 };
  }
}

export function wasWiped(): boolean {
  return readWipedNotice() !== null;
}

export function clearWipedNotice(): void {
  localStorage.removeItem(KEY);
}
