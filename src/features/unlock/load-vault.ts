// The lock screens are part of every start, so they load with the app; the database code behind them is
// not needed to draw them, only to act on them, and loads on demand — a fresh phone's first screen never
// waits for it.
export const loadVault = () => import('@/db/vault.ts');
