// "5 minutes ago" in the reader's language, from device times (display only: no device clock decides
// anything, DESIGN.md "Sync").
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function formatRelative(then: number, now: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language === 'en' ? 'en-GB' : 'uk-UA', { numeric: 'auto' });
  const diff = then - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  // Under a minute (or a clock that moved back): "now" rather than a count of seconds.
  return format.format(0, 'minute');
}
