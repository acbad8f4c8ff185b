// The token signing secret leaves the database (a backup must not be able to mint tokens; main.ts and
// the admin command move it to the key file first, see server/auth/token-keys.ts), and the rate
// limits and sign-in lockouts move into it, so every server process behind a load balancer shares them.
export const statements: string[] = [
  `delete from app_setting where key = 'token_secret'`,
  // One fixed-window counter per bucket and key; keys are hashes (of an address, a login and an address,
  // a device id), never the address or login itself.
  `create table rate_limit (
    bucket text not null,
    key text not null,
    window_start timestamptz not null,
    count bigint not null,
    primary key (bucket, key)
  )`,
  `create index rate_limit_window on rate_limit (window_start)`,
];
