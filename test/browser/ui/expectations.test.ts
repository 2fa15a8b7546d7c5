import { expect } from '@open-wc/testing';
import type { SupportChatExpectations } from '../../../src/components/expectations/support-chat-expectations.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { deepQuery, openPanel, send, ticketOf, ui, widget } from './widget.js';
import type { SupportChat } from '../../../src/index.js';

/** axe, once the panel's entrance animation has settled (axe reads colours mid-fade otherwise). */
async function accessible(el: SupportChat) {
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
  await expect(el).to.be.accessible();
}

const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** Office hours that are closed all day today and tomorrow: open only on the day after next, 09:00-17:00 UTC. */
function closedUntilTheDayAfterNext() {
  const now = new Date();
  const opens = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 3, 9, 0);
  const code = DAY_CODES[(new Date(opens).getUTCDay() + 6) % 7];
  return { value: `${code} 09:00-17:00 UTC`, opens };
}

const subtitle = (el: SupportChat) =>
  waitFor(() => {
    const line = deepQuery(ui(el), '[part=subtitle]');
    if (!line?.textContent) throw new Error('no subtitle yet');
    return line.textContent;
  });

const weekday = (lang: string, at: number) => new Intl.DateTimeFormat(lang, { weekday: 'long' }).format(at);
const timeOfDay = (lang: string, at: number) => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(at);

describe('expectations under the title: reply-time and office-hours', () => {
  let warnings: unknown[][];
  const warn = console.warn;
  beforeEach(async () => {
    await startReferenceServer();
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
  });

  for (const [value, text] of [
    ['minutes', 'Usually replies in a few minutes'],
    ['hours', 'Usually replies in a few hours'],
    ['day', 'Usually replies in a day'],
  ]) {
    it(`reply-time="${value}" says "${text}", accessibly`, async () => {
      const el = await widget({ 'reply-time': value });
      const dialog = await openPanel(el);
      expect(await subtitle(el)).to.equal(text);
      // Under the title, inside the header of the dialog.
      expect(deepQuery(dialog, '[part=header]')!.contains(deepQuery(ui(el), 'support-chat-expectations')!)).to.be.true;
      await accessible(el);
    });
  }

  it('in German and Arabic', async () => {
    const de = await widget({ 'reply-time': 'hours', locale: 'de' });
    await openPanel(de, 'Chat öffnen');
    expect(await subtitle(de)).to.equal('Antwortet meist innerhalb weniger Stunden');
    de.remove();
    const ar = await widget({ 'reply-time': 'minutes', locale: 'ar' });
    await openPanel(ar, /^فتح المحادثة/);
    expect(await subtitle(ar)).to.equal('يرد عادةً خلال بضع دقائق');
    await accessible(ar);
  });

  it('outside the office hours: when the team is back, in the visitor’s language (en, de, ar)', async () => {
    const { value, opens } = closedUntilTheDayAfterNext();
    const en = await widget({ 'office-hours': value, 'reply-time': 'minutes' });
    await openPanel(en);
    // Closed: the time it is back replaces the reply time.
    expect(await subtitle(en)).to.equal(`We're back ${weekday('en', opens)} at ${timeOfDay('en', opens)}`);
    await accessible(en);
    en.remove();

    const de = await widget({ 'office-hours': value, locale: 'de' });
    await openPanel(de, 'Chat öffnen');
    expect(await subtitle(de)).to.equal(`Wir sind am ${weekday('de', opens)} um ${timeOfDay('de', opens)} zurück`);
    de.remove();

    const ar = await widget({ 'office-hours': value, locale: 'ar' });
    await openPanel(ar, /^فتح المحادثة/);
    expect(await subtitle(ar)).to.equal(`سنعود يوم ${weekday('ar', opens)} الساعة ${timeOfDay('ar', opens)}`);
  });

  it('during the office hours: the reply time, or nothing', async () => {
    const el = await widget({ 'office-hours': 'Mo-Su 00:00-24:00 Europe/Berlin', 'reply-time': 'day' });
    await openPanel(el);
    expect(await subtitle(el)).to.equal('Usually replies in a day');
    el.replyTime = '';
    await waitFor(() => expect(deepQuery(ui(el), '[part=subtitle]')).to.equal(undefined));
  });

  it('bad values: one clear console warning each, ignored, and the widget works', async () => {
    const el = await widget({ 'reply-time': 'soonish', 'office-hours': 'weekdays 9 to 5' });
    await openPanel(el);
    await waitFor(() => expect(warnings).to.have.length(2));
    const said = warnings.map((args) => String(args[0]));
    expect(said.find((w) => w.includes('reply-time="soonish"'))).to.include('minutes, hours, day');
    expect(said.find((w) => w.includes('office-hours="weekdays 9 to 5"'))).to.include('time zone');
    expect(deepQuery(ui(el), '[part=subtitle]')).to.equal(undefined);
    // Rendered again, and by a second widget with the same values: still one warning each.
    el.greeting = 'Hello again';
    await el.updateComplete;
    const second = await widget({ 'reply-time': 'soonish', 'office-hours': 'weekdays 9 to 5' });
    await openPanel(second);
    expect(warnings).to.have.length(2);
    await send(el, 'Still works');
    await ticketOf(el);
    await accessible(el);
  });
});

describe('expectations: kept current as time passes (fake clock)', () => {
  beforeEach(() => startReferenceServer());

  it('the line changes when the team opens, and again when it closes', async () => {
    // Wednesday 14 January 2026, 13:58 in Berlin; the team opens at 14:00 and closes at 17:30.
    const clock = new FakeClock(Date.UTC(2026, 0, 14, 12, 58));
    const el = await widget({ 'reply-time': 'minutes', 'office-hours': 'Mo-Fr 14:00-17:30 Europe/Berlin' });
    await openPanel(el);
    const line = await waitFor(() => deepQuery<SupportChatExpectations>(ui(el), 'support-chat-expectations')!);
    line.clock = clock;
    line.requestUpdate();
    const text = async () => {
      await line.updateComplete;
      return line.shadowRoot!.querySelector('[part=subtitle]')?.textContent;
    };
    expect(await text()).to.match(/^We're back today at /);
    await clock.tick(119_000);
    expect(await text(), 'not yet').to.match(/^We're back /);
    await clock.tick(1_000);
    expect(await text()).to.equal('Usually replies in a few minutes');
    await clock.tick(3.5 * 3_600_000 - 1);
    expect(await text()).to.equal('Usually replies in a few minutes');
    await clock.tick(60_000);
    expect(await text()).to.match(/^We're back tomorrow at /);
    expect(clock.pending, 'one look scheduled at a time').to.equal(1);
    el.remove();
    expect(clock.pending, 'none once it is gone').to.equal(0);
  });
});
