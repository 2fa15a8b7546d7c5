// One formatter per language for the whole page. Constructing an Intl formatter costs far
// more than using one, and `Date#toLocaleString` builds a new one on every call: with a
// message list of hundreds, that was most of the time spent rendering times.
const dateTimes = new Map<string, Intl.DateTimeFormat>();
const relatives = new Map<string, Intl.RelativeTimeFormat>();

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

// What toLocaleString uses when given no options.
const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
};

/** The full date and time, as `toLocaleString(lang)` writes it. */
export function formatDateTime(iso: string, lang: string): string {
  let formatter = dateTimes.get(lang);
  if (!formatter) dateTimes.set(lang, (formatter = new Intl.DateTimeFormat(lang, DATE_TIME)));
  return formatter.format(Date.parse(iso));
}

/** "2 minutes ago" in the visitor's language. */
export function formatRelative(iso: string, lang: string, now = Date.now()): string {
  let formatter = relatives.get(lang);
  if (!formatter) relatives.set(lang, (formatter = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })));
  const seconds = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return formatter.format(Math.round(seconds / size), unit);
  }
  return formatter.format(0, 'second');
}

/**
 * Does, when the browser is idle, the part of building an Intl formatter that every kind and
 * language shares (Intl.PluralRules aside): listing the locales the browser has. That made the
 * page's first formatter cost 20–50 ms in Chromium (`supportedLocalesOf` alone costs as much),
 * and those after it about 1 ms; without this, the first render of a list's times paid it.
 * `schedule` is for tests.
 */
export function warmIntlWhenIdle(schedule: (work: () => void) => void = whenIdle) {
  schedule(() => void Intl.RelativeTimeFormat.supportedLocalesOf('en'));
}

const whenIdle = (work: () => void) =>
  'requestIdleCallback' in window ? void requestIdleCallback(work, { timeout: 5000 }) : void setTimeout(work, 2000);
