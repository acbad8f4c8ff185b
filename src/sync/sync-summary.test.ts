import { describe, expect, it } from 'vitest';
import { isConnected, summarizeSync } from './sync-summary.ts';

describe('one reading of the sync state', () => {
  it('a phone never enrolled is never "synced", online or not, whatever the engine last said', () => {
    for (const isOnline of [true, false]) {
      for (const phase of ['idle', 'syncing', 'offline', 'error', 'not_enrolled'] as const) {
        expect(summarizeSync({ isEnrolled: false, isOnline, phase })).toBe('not_enrolled');
      }
    }
  });

  it('no network wins over a sync that worked before it went away', () => {
    expect(summarizeSync({ isEnrolled: true, isOnline: false, phase: 'idle' })).toBe('offline');
    expect(summarizeSync({ isEnrolled: true, isOnline: true, phase: 'idle' })).toBe('working');
  });

  it('a server out of reach is not called online', () => {
    const kind = summarizeSync({ isEnrolled: true, isOnline: true, phase: 'offline' });
    expect(kind).toBe('unreachable');
    expect(isConnected(kind, true)).toBe(false);
    expect(isConnected('working', true)).toBe(true);
    expect(summarizeSync({ isEnrolled: true, isOnline: true, phase: 'error' })).toBe('failed');
    expect(summarizeSync({ isEnrolled: true, isOnline: true, phase: 'syncing' })).toBe('syncing');
  });
});
