import { expect } from '@open-wc/testing';
import { describeBackAt, nextOpening, parseOfficeHours, type OfficeHours } from '../../../src/internal/office-hours.js';

/** Parses or fails the test with the parser's own words. */
function hours(value: string): OfficeHours {
  const parsed = parseOfficeHours(value);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed;
}

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());

describe('office hours: parsing', () => {
  it('reads days, hours and the time zone', () => {
    const parsed = hours('Mo-Fr 09:00-17:30 Europe/Berlin');
    expect(parsed.timeZone).to.equal('Europe/Berlin');
    expect(parsed.openings.map((o) => o.day)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(parsed.openings[0]).to.deep.equal({ day: 0, start: 540, end: 1050 });
  });

  it('reads several parts, day lists and wrapping ranges', () => {
    const parsed = hours('Mo-Fr 09:00-17:30, Sa 10:00-14:00 Europe/Berlin');
    expect(parsed.openings.at(-1)).to.deep.equal({ day: 5, start: 600, end: 840 });
    expect(hours('Mo,We 08:00-12:00 UTC').openings.map((o) => o.day)).to.deep.equal([0, 2]);
    expect(hours('Fr-Mo 10:00-24:00 Asia/Tokyo').openings.map((o) => o.day)).to.deep.equal([4, 5, 6, 0]);
  });

  for (const [value, words] of [
    ['Mo-Fr 09:00-17:30', 'time zone'],
    ['Mo-Fr 09:00-17:30 Mars/Olympus', 'time zone'],
    ['Mo-Fx 09:00-17:30 Europe/Berlin', '"Mo-Fx" is not a day'],
    ['Mo-Fr 17:30-09:00 Europe/Berlin', 'start before end'],
    ['Mo-Fr 9-17 Europe/Berlin', 'days and hours'],
    ['Mo-Fr 09:00-25:00 Europe/Berlin', 'span of one day'],
    ['Europe/Berlin', 'no days'],
    ['', 'time zone'],
  ]) {
    it(`refuses "${value}", saying why`, () => {
      const parsed = parseOfficeHours(value);
      expect(parsed).to.have.property('problem').that.includes(words);
    });
  }
});

describe('office hours: when the team is back (computed on the team’s clock)', () => {
  const berlin = hours('Mo-Fr 09:00-17:30 Europe/Berlin');

  it('is null while open', () => {
    expect(nextOpening(berlin, at('2026-01-14T10:00:00Z'))).to.equal(null); // Wednesday 11:00 in Berlin
    expect(nextOpening(berlin, at('2026-01-14T08:00:00Z'))).to.equal(null); // 09:00 sharp: open
  });

  it('later the same day, the next day, or after the weekend', () => {
    // Wednesday 07:00 Berlin (UTC+1 in winter) → 09:00 Berlin = 08:00 UTC.
    expect(iso(nextOpening(berlin, at('2026-01-14T06:00:00Z')))).to.equal('2026-01-14T08:00:00.000Z');
    // Wednesday 17:30 Berlin: closed (the end is excluded) → Thursday 09:00.
    expect(iso(nextOpening(berlin, at('2026-01-14T16:30:00Z')))).to.equal('2026-01-15T08:00:00.000Z');
    // Friday evening → Monday.
    expect(iso(nextOpening(berlin, at('2026-01-16T19:00:00Z')))).to.equal('2026-01-19T08:00:00.000Z');
  });

  it('uses the offset of the day it opens: across the spring and autumn DST changes', () => {
    // Sunday 29 March 2026 Berlin moves to UTC+2: Monday 09:00 is 07:00 UTC (Friday's was 08:00).
    expect(iso(nextOpening(berlin, at('2026-03-27T17:00:00Z')))).to.equal('2026-03-30T07:00:00.000Z');
    // Sunday 25 October 2026 back to UTC+1: Monday 09:00 is 08:00 UTC again.
    expect(iso(nextOpening(berlin, at('2026-10-23T16:00:00Z')))).to.equal('2026-10-26T08:00:00.000Z');
  });

  it('several parts: Saturday opens, Sunday does not', () => {
    const week = hours('Mo-Fr 09:00-17:30, Sa 10:00-14:00 Europe/Berlin');
    expect(iso(nextOpening(week, at('2026-01-16T19:00:00Z')))).to.equal('2026-01-17T09:00:00.000Z'); // Sa 10:00
    expect(iso(nextOpening(week, at('2026-01-17T14:00:00Z')))).to.equal('2026-01-19T08:00:00.000Z'); // Sa 15:00 → Mo
  });

  it('a day the team is open only once a week comes round a week later', () => {
    const mondays = hours('Mo 09:00-10:00 UTC');
    expect(iso(nextOpening(mondays, at('2026-01-19T11:00:00Z')))).to.equal('2026-01-26T09:00:00.000Z');
  });

  it('counts the day on the team’s calendar, not the visitor’s', () => {
    // Friday 23:30 UTC is already Saturday 08:30 in Tokyo: open Saturdays there at 09:00.
    const tokyo = hours('Sa 09:00-12:00 Asia/Tokyo');
    expect(iso(nextOpening(tokyo, at('2026-01-16T23:30:00Z')))).to.equal('2026-01-17T00:00:00.000Z');
  });
});

describe('office hours: said in the visitor’s language and time zone', () => {
  const now = at('2026-01-16T19:00:00Z'); // Friday

  it('a weekday further off, in English, German and Arabic', () => {
    const monday = at('2026-01-19T08:00:00Z');
    expect(describeBackAt(monday, now, 'en', 'Europe/Berlin')).to.deep.equal({ day: 'Monday', relative: false, time: '9:00 AM' });
    expect(describeBackAt(monday, now, 'de', 'Europe/Berlin')).to.deep.equal({ day: 'Montag', relative: false, time: '9:00' });
    const ar = describeBackAt(monday, now, 'ar', 'Europe/Berlin');
    expect(ar.day).to.equal(new Intl.DateTimeFormat('ar', { weekday: 'long', timeZone: 'Europe/Berlin' }).format(monday));
    expect(ar.day).to.equal('الاثنين');
  });

  it('the visitor’s zone decides the day and the hour: 9:00 in Berlin is 3:00 AM in New York', () => {
    const monday = at('2026-01-19T08:00:00Z');
    expect(describeBackAt(monday, now, 'en', 'America/New_York')).to.deep.equal({
      day: 'Monday',
      relative: false,
      time: '3:00 AM',
    });
  });

  it('"today" and "tomorrow" through Intl.RelativeTimeFormat', () => {
    const saturday = at('2026-01-17T09:00:00Z');
    expect(describeBackAt(saturday, now, 'en', 'UTC').day).to.equal('tomorrow');
    expect(describeBackAt(saturday, now, 'de', 'UTC').day).to.equal('morgen');
    expect(describeBackAt(at('2026-01-16T21:00:00Z'), now, 'en', 'UTC')).to.deep.equal({
      day: 'today',
      relative: true,
      time: '9:00 PM',
    });
    // Tomorrow in UTC is still today in Los Angeles (Friday 11:00 → Saturday 01:00 local).
    expect(describeBackAt(saturday, now, 'en', 'America/Los_Angeles').day).to.equal('tomorrow');
    expect(describeBackAt(at('2026-01-17T01:00:00Z'), now, 'en', 'America/Los_Angeles').day).to.equal('today');
  });
});
