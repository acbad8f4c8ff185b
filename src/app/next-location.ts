// Where to return after unlock: carried in `/unlock?next=…` so it also survives a reload of the lock screen.

export function unlockPath(location: string, search: string): string {
  const here = location + (search ? `?${search}` : '');
  return here === '/' ? '/unlock' : `/unlock?next=${encodeURIComponent(here)}`;
}

/** Only same-app paths, so a crafted link cannot send someone elsewhere after they unlock. */
export function nextFromSearch(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/unlock') && !next.startsWith('/setup') ? next : '/';
}
