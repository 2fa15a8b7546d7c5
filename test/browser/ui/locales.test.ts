import { expect } from '@open-wc/testing';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { deepQuery, openPanel, send, ticketOf, ui, widget } from './widget.js';

describe('localisation and right-to-left', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });
  afterEach(() => document.documentElement.setAttribute('lang', 'en'));

  it('speaks German with locale="de", relative times included', async () => {
    const el = await widget({ locale: 'de' });
    await findByRole(ui(el), 'button', 'Chat öffnen');
    await openPanel(el, 'Chat öffnen');
    getByRole(ui(el), 'button', 'Schließen');
    expect(deepQuery(ui(el), '[part=greeting]')!.textContent).to.equal('Hallo! Wie können wir helfen?');
    await send(el, 'Hallo', { message: 'Nachricht', send: 'Senden' });
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'Guten Tag!');
    const reply = await findByRole(ui(el), 'listitem', /Guten Tag!/);
    expect(reply.querySelector('time')!.textContent).to.equal('jetzt');
    expect(getByRole(ui(el), 'dialog').getAttribute('lang')).to.equal('de');
  });

  it('defaults to the page language, and follows a change of the locale attribute', async () => {
    document.documentElement.setAttribute('lang', 'de-AT');
    const el = await widget();
    await findByRole(ui(el), 'button', 'Chat öffnen');
    el.locale = 'en';
    await findByRole(ui(el), 'button', 'Open chat');
  });

  it('falls back to English for a language it has no table for', async () => {
    const el = await widget({ locale: 'xx-YY' });
    await el.updateComplete;
    getByRole(ui(el), 'button', 'Open chat');
  });

  it('mirrors the layout in Arabic: right to left, the visitor on the left', async () => {
    const el = await widget({ locale: 'ar' });
    await openPanel(el, 'فتح المحادثة');
    const dialog = await waitFor(() => {
      const found = getByRole(ui(el), 'dialog');
      if (found.getAttribute('dir') !== 'rtl') throw new Error('not rtl yet');
      return found;
    });
    expect(getComputedStyle(dialog).direction).to.equal('rtl');
    await send(el, 'مرحبا', { message: 'الرسالة', send: 'إرسال' });
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'أهلًا بك');
    const reply = await findByRole(ui(el), 'listitem', /أهلًا بك/);
    const mine = getByRole(ui(el), 'listitem', /مرحبا/);
    expect(mine.getBoundingClientRect().left).to.be.lessThan(reply.getBoundingClientRect().left);
    // The close button sits at the left end of the header, the title at the right.
    const close = getByRole(ui(el), 'button', 'إغلاق');
    const title = deepQuery(ui(el), '[part=title]')!;
    expect(close.getBoundingClientRect().right).to.be.lessThan(title.getBoundingClientRect().right);
    // The corner stays where the site put it (the element itself has no box: the launcher shows it).
    expect(deepQuery(ui(el), '[part~=launcher]')!.getBoundingClientRect().right).to.be.closeTo(window.innerWidth - 20, 2);
  });

  it('lets a site replace any string with the strings property', async () => {
    const el = await widget();
    el.strings = { title: 'Help desk', openChat: 'Ask us' };
    await findByRole(ui(el), 'button', 'Ask us');
    await openPanel(el, 'Ask us');
    getByRole(ui(el), 'dialog', 'Help desk');
    getByRole(ui(el), 'button', 'Close');
  });
});
