// React view of the vault status store.
import { useSyncExternalStore } from 'react';
import { vaultStore, type VaultStatus } from './vault-store.ts';

export function useVaultStatus(): VaultStatus {
  return useSyncExternalStore(vaultStore.subscribe, vaultStore.get);
}
