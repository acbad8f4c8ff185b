// Locking on request, shared with the other open tabs of the app: a lock in one tab locks them all, so a
// forgotten second tab never stays open on someone's data.
import { isUnlocked } from '@/crypto/key-holder.ts';
import { lock } from '@/db/vault.ts';

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('rodyna-lock');

// Receiving tabs call lock() (not lockNow) so the message is never echoed back and forth.
if (channel) channel.onmessage = () => {
  if (isUnlocked()) lock();
};

export function lockNow(): void {
  lock();
  channel?.postMessage('lock');
}
