import { expect } from '@open-wc/testing';
import { formatDateTime, formatRelative, warmIntlWhenIdle } from '../../../src/internal/formatters.js';

describe('formatters', () => {
  it('write times as Intl does in the language asked for', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
    expect(formatRelative(ago(5), 'en', now)).to.equal('now');
    expect(formatRelative(ago(3 * 3600), 'en', now)).to.equal('3 hours ago');
    expect(formatRelative(ago(2 * 86_400), 'de', now)).to.equal('vorgestern');
    expect(formatDateTime(ago(0), 'en')).to.equal(new Date(now).toLocaleString('en'));
  });

  it('do the costly part of the first Intl formatter when told the browser is idle, not before', () => {
    const asked: string[][] = [];
    const original = Intl.RelativeTimeFormat.supportedLocalesOf;
    Intl.RelativeTimeFormat.supportedLocalesOf = (locales, options) => {
      asked.push([locales].flat() as string[]);
      return original.call(Intl.RelativeTimeFormat, locales, options);
    };
    try {
      let idle: (() => void) | undefined;
      warmIntlWhenIdle((work) => (idle = work));
      expect(asked).to.deep.equal([]);
      idle!();
      expect(asked).to.deep.equal([['en']]);
    } finally {
      Intl.RelativeTimeFormat.supportedLocalesOf = original;
    }
  });
});
