// Where the lock screen returns to: the same screen, never another site or the lock screen itself.
import { describe, expect, it } from 'vitest';
import { nextFromSearch, setupPath, unlockPath } from './next-location.ts';

describe('return after unlock', () => {
  it('round-trips a path with its query', () => {
    const path = unlockPath('/inquiries/abc', 'tab=timeline');
    expect(path).toBe('/unlock?next=%2Finquiries%2Fabc%3Ftab%3Dtimeline');
    expect(nextFromSearch(path.split('?')[1] ?? '')).toBe('/inquiries/abc?tab=timeline');
  });

  it('carries an enrolment link through first set-up', () => {
    const path = setupPath('/enrol', 'code=ABCD-EFGH');
    expect(path).toBe('/setup?next=%2Fenrol%3Fcode%3DABCD-EFGH');
    expect(nextFromSearch(path.split('?')[1] ?? '')).toBe('/enrol?code=ABCD-EFGH');
    expect(setupPath('/', '')).toBe('/setup');
  });

  it('goes to the list for anything that is not a path of this app', () => {
    for (const next of ['https://evil.example', '//evil.example', 'javascript:alert(1)', '/unlock', '/setup']) {
      expect(nextFromSearch(`next=${encodeURIComponent(next)}`)).toBe('/');
    }
    expect(nextFromSearch('')).toBe('/');
  });
});
