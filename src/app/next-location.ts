// Where to return after unlock or first set-up: carried in `/unlock?next=…` or `/setup?next=…` so it also
// survives a reload of the lock screen (an enrolment QR opened on a fresh phone keeps its code).

export function unlockPath(location: string, search: string): string {
  return lockScreenPath('/unlock', location, search);
}

export function setupPath(location: string, search: string): string {
  return lockScreenPath('/setup', location, search);
}

function lockScreenPath(screen: '/unlock' | '/setup', location: string, search: string): string {
  const here = location + (search ? `?${search}` : '');
  return here === '/' ? screen : `${screen}?next=${encodeURIComponent(here)}`;
}

/** Only same-app paths, so a crafted link cannot send someone elsewhere after they unlock. */
export function nextFromSearch(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/unlock') && !next.startsWith('/setup') ? next : '/';
}
