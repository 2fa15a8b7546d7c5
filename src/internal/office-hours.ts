// The team's hours (`office-hours`) and reply time (`reply-time`): parsed, and when the team is
// back computed in the team's time zone. Pure: the time is a parameter, so that tests pass any.

/** `reply-time` values, each with its sentence (`replyMinutes`, …) in the locale tables. */
export const REPLY_TIMES = ['minutes', 'hours', 'day'] as const;
export type ReplyTime = (typeof REPLY_TIMES)[number];

/** Days as `office-hours` writes them (OpenStreetMap's opening_hours style), Monday first. */
const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** One opening on a weekday: minutes after the team's local midnight, end excluded. */
interface Opening {
  /** 0 = Monday … 6 = Sunday. */
  day: number;
  start: number;
  end: number;
}

export interface OfficeHours {
  /** IANA time zone of the team, e.g. `Europe/Berlin`. */
  timeZone: string;
  openings: Opening[];
}

/** A value that could not be read: `problem` says why, in a sentence for the site's developer. */
export interface Invalid {
  problem: string;
}

const RANGE = /^([A-Z][a-z])(?:-([A-Z][a-z]))?$/;
const HOURS = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

/**
 * Reads `Mo-Fr 09:00-17:30 Europe/Berlin`, or several parts separated by commas
 * (`Mo-Fr 09:00-17:30, Sa 10:00-14:00 Europe/Berlin`; `Mo,We 09:00-12:00 …` too): days (a
 * day or a range, which may wrap, `Fr-Mo`), then hours (24-hour, `HH:MM-HH:MM`, start before
 * end, up to `24:00`); the time zone once, at the end.
 */
export function parseOfficeHours(value: string): OfficeHours | Invalid {
  const words = value.trim().split(/\s+/);
  const timeZone = words.pop() ?? '';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return { problem: `it must end with a time zone, such as Europe/Berlin ("${timeZone}" is none this browser knows)` };
  }
  const openings: Opening[] = [];
  // "Mo-Fr 09:00-17:30, Sa 10:00-14:00" → two parts; the comma of "Mo,We 09:00-12:00" follows no time.
  const parts = words
    .join(' ')
    .split(/(?<=\d)\s*,\s*/)
    .filter(Boolean);
  if (!parts.length) return { problem: 'it names no days and hours, as in "Mo-Fr 09:00-17:30 Europe/Berlin"' };
  for (const part of parts) {
    const [days = '', hours = '', ...rest] = part.trim().split(/\s+/);
    const time = HOURS.exec(hours);
    if (!time || rest.length) return { problem: `"${part.trim()}" is not days and hours, as in "Mo-Fr 09:00-17:30"` };
    const [start, end] = [minutes(time[1], time[2]), minutes(time[3], time[4])];
    if (start === undefined || end === undefined || start >= end) {
      return { problem: `"${hours}" is not a span of one day (from 00:00 to 24:00, start before end)` };
    }
    for (const range of days.split(',')) {
      const match = RANGE.exec(range);
      const [first, last] = match ? [DAYS.indexOf(match[1]), DAYS.indexOf(match[2] ?? match[1])] : [-1, -1];
      if (first < 0 || last < 0) return { problem: `"${range}" is not a day or a range of days (Mo Tu We Th Fr Sa Su)` };
      for (let day = first; ; day = (day + 1) % 7) {
        openings.push({ day, start, end });
        if (day === last) break;
      }
    }
  }
  return { timeZone, openings };
}

function minutes(hours: string, mins: string) {
  const [h, m] = [Number(hours), Number(mins)];
  return m < 60 && (h < 24 || (h === 24 && m === 0)) ? h * 60 + m : undefined;
}

/** The wall-clock date and time of `instant` in `timeZone`, as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) parts[type] = Number(value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let found = formatters.get(timeZone);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = { timeZone, hourCycle: 'h23' };
    for (const field of ['year', 'month', 'day', 'hour', 'minute', 'second'] as const) options[field] = 'numeric';
    formatters.set(timeZone, (found = new Intl.DateTimeFormat('en-US', options)));
  }
  return found;
}

/**
 * The instant at which `timeZone`'s clocks show `wall` (a wall-clock time written as UTC):
 * its offset is the one in force then, so a date past a DST change gets that change's offset.
 * A time the clocks skip (spring forward) comes out as the same length of time after the jump.
 */
function instantOf(wall: number, timeZone: string): number {
  let instant = wall - (wallClock(wall, timeZone) - wall);
  instant = wall - (wallClock(instant, timeZone) - instant);
  return instant;
}

const DAY = 86_400_000;

/**
 * When the team is next open, as an instant (ms), or `null` while it is open at `now`.
 * Worked out on the team's calendar and clock (`timeZone`), a week ahead at most.
 */
export function nextOpening({ timeZone, openings }: OfficeHours, now: number): number | null {
  const wall = wallClock(now, timeZone);
  const midnight = wall - (((wall % DAY) + DAY) % DAY);
  const minute = (wall - midnight) / 60_000;
  for (let offset = 0; offset <= 7; offset++) {
    const date = midnight + offset * DAY;
    const day = (new Date(date).getUTCDay() + 6) % 7; // Monday = 0
    const starts = openings
      .filter((o) => o.day === day)
      .filter((o) => offset > 0 || minute < o.end)
      .map((o) => o.start)
      .sort((a, b) => a - b);
    if (!starts.length) continue;
    if (offset === 0 && starts[0] <= minute) return null; // open now
    return instantOf(date + starts[0] * 60_000, timeZone);
  }
  return null; // no openings at all cannot be parsed, so this is not reached
}

/** When the team is back, in the visitor's words: the day (`today`, `tomorrow` or a weekday) and the time. */
export interface BackAt {
  /** "today" or "tomorrow" (relative), else the weekday. */
  day: string;
  relative: boolean;
  time: string;
}

/**
 * `at` in the visitor's language and time zone (the browser's, unless `timeZone` is given):
 * "today"/"tomorrow" through Intl.RelativeTimeFormat, else the weekday, and the time of day.
 */
export function describeBackAt(at: number, now: number, lang: string, timeZone?: string): BackAt {
  const days = Math.round((midnightOf(at, timeZone) - midnightOf(now, timeZone)) / DAY);
  const time = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone }).format(at);
  if (days <= 1) return { day: new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(days, 'day'), relative: true, time };
  return { day: new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone }).format(at), relative: false, time };
}

function midnightOf(instant: number, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone) {
  const wall = wallClock(instant, timeZone);
  return wall - (((wall % DAY) + DAY) % DAY);
}
