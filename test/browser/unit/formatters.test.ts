import { expect } from '@open-wc/testing';
import { prefetchPanel } from '../../../src/components/support-chat/panel-loader.js';
import { formatDateTime, formatRelative } from '../../../src/internal/formatters.js';

describe('formatters', () => {
  it('write times as Intl does in the language asked for', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
    expect(formatRelative(ago(5), 'en', now)).to.equal('now');
    expect(formatRelative(ago(3 * 3600), 'en', now)).to.equal('3 hours ago');
    expect(formatRelative(ago(2 * 86_400), 'de', now)).to.equal('vorgestern');
    expect(formatDateTime(ago(0), 'en')).to.equal(new Date(now).toLocaleString('en'));
  });

  it('the costly part of the first Intl formatter is done with the panel prefetch, when the browser is idle, not before', () => {
    const asked: string[][] = [];
    const original = Intl.RelativeTimeFormat.supportedLocalesOf;
    Intl.RelativeTimeFormat.supportedLocalesOf = (locales, options) => {
      asked.push([locales].flat() as string[]);
      return original.call(Intl.RelativeTimeFormat, locales, options);
    };
    const requestIdle = window.requestIdleCallback;
    let idle: (() => void) | undefined;
    window.requestIdleCallback = (work) => ((idle = () => work({} as IdleDeadline)), 0);
    try {
      prefetchPanel();
      expect(asked).to.deep.equal([]);
      idle!();
      expect(asked).to.deep.equal([['en']]);
    } finally {
      Intl.RelativeTimeFormat.supportedLocalesOf = original;
      window.requestIdleCallback = requestIdle;
    }
  });
});
