import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { MemoryStorage } from '../../../src/client/storage.js';
import ar from '../../../src/i18n/locales/ar.js';
import de from '../../../src/i18n/locales/de.js';
import { en } from '../../../src/i18n/locales/en.js';
import type { Strings } from '../../../src/i18n/strings.js';
import { findByRole, queryAllByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { deep, ui, widget } from '../ui/widget.js';
import { lastRestoreLink, otherBrowser } from './helpers.js';

const REDEEM = '*/api/conversations/v1/widget/restore';
const texts = (root: ParentNode) => [...deep(root)].map((e) => (e.shadowRoot ? '' : (e.textContent ?? ''))).join(' ');

describe('hardening: a restore link in the URL is redeemed only when the visitor says it is theirs', () => {
  const originalUrl = location.href;
  beforeEach(() => startReferenceServer());
  afterEach(() => history.replaceState(history.state, '', originalUrl));

  /** The attacker: a conversation under their own email, and a link to it. */
  async function plant() {
    const attacker = otherBrowser();
    await attacker.sendMessage('Attacker bait: type your card number here', { email: 'mallory@example.com' });
    const baitTicket = attacker.getCurrentTicketId()!;
    await attacker.requestRestoreLink('mallory@example.com');
    return { attacker, baitTicket, link: await lastRestoreLink() };
  }

  it('the victim sees the question, nothing of the attacker; "Not me" leaves everything as it was', async () => {
    const { attacker, baitTicket, link } = await plant();
    const storage = new MemoryStorage();
    let el = await widget({}, storage);
    await el.sendMessage('My own question');
    const own = el.getCurrentTicketId();
    el.remove();

    history.replaceState(history.state, '', link); // the victim opens the attacker's link on the real site
    el = await widget({}, storage);
    expect(new URL(location.href).searchParams.has('ph_conv_restore'), 'the token leaves the URL').to.be.false;
    expect(el.getState().pendingRestore).to.be.true;
    const dialog = await findByRole(ui(el), 'dialog');
    await waitFor(() => expect(texts(ui(el))).to.include(en.restoreQuestion));
    expect(texts(ui(el))).to.not.include('Attacker bait');
    expect(queryAllByRole(ui(el), 'button', 'Back')).to.have.length(0);
    await expect(el).to.be.accessible();
    expect(dialog.hidden).to.be.false;

    // Keyboard: Tab reaches "Not me", Enter answers.
    const notMe = await findByRole(ui(el), 'button', 'Not me');
    for (let i = 0; i < 10 && !notMe.matches(':focus'); i++) await sendKeys({ press: 'Tab' });
    expect(notMe.matches(':focus')).to.be.true;
    await sendKeys({ press: 'Enter' });
    await waitFor(() => expect(el.getState().pendingRestore).to.be.false);
    expect(el.getCurrentTicketId()).to.equal(own);
    await waitFor(() => expect(texts(ui(el))).to.include('My own question'));
    expect(texts(ui(el))).to.not.include('Attacker bait');
    expect(await el.restoreFromUrlToken(), 'nothing left to redeem').to.equal(null);
    // Unredeemed: the attacker's tickets stay the attacker's.
    expect((await attacker.getTickets())!.results.map((t) => t.id)).to.deep.equal([baitTicket]);
    attacker.stop();
  });

  it('"Continue" redeems it (the legitimate visitor)', async () => {
    const { attacker, baitTicket, link } = await plant();
    history.replaceState(history.state, '', link);
    const el = await widget();
    const restored = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('support-chat-restored', (e) => resolve(e as CustomEvent)),
    );
    (await findByRole(ui(el), 'button', 'Continue')).click();
    expect((await restored).detail).to.deep.equal({ ticketIds: [baitTicket] });
    await waitFor(() => expect(texts(ui(el))).to.include('Attacker bait'));
    await findByRole(ui(el), 'textbox', 'Message');
    attacker.stop();
  });

  const cases: Array<[string, keyof Strings, () => unknown]> = [
    ['expired', 'errorTokenExpired', () => HttpResponse.json({ status: 'expired', code: 'token_expired' })],
    ['used', 'errorTokenUsed', () => HttpResponse.json({ status: 'used', code: 'token_already_used' })],
    ['invalid', 'errorTokenInvalid', () => undefined], // the real server: an unknown token
    [
      'answered 400',
      'errorTokenInvalid',
      () => HttpResponse.json({ type: 'validation_error', code: 'invalid_input' }, { status: 400 }),
    ],
    ['migration_failed', 'errorMigrationFailed', () => HttpResponse.json({ status: 'invalid', code: 'migration_failed' })],
  ];
  for (const [locale, strings] of [
    ['en', en],
    ['de', de],
    ['ar', ar],
  ] as const) {
    for (const [name, key, answer] of cases) {
      it(`a link ${name} has its own sentence (${locale})`, async () => {
        const worker = await startReferenceServer();
        worker.use(http.post(REDEEM, answer as () => Response));
        const unknown = Array.from({ length: 43 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('');
        history.replaceState(history.state, '', `${originalUrl}&ph_conv_restore=${unknown}`);
        const el = await widget({ locale });
        (await findByRole(ui(el), 'button', strings.continue)).click();
        const alert = await findByRole(ui(el), 'alert');
        await waitFor(() => expect(alert.textContent!.trim()).to.equal(strings[key]));
      });
    }
  }

  it('a token of a size the contract refuses is not sent', async () => {
    const worker = await startReferenceServer();
    let asked = 0;
    worker.use(http.post(REDEEM, () => void asked++));
    history.replaceState(history.state, '', `${originalUrl}&ph_conv_restore=short${Math.random()}`);
    const el = await widget();
    (await findByRole(ui(el), 'button', 'Continue')).click();
    await waitFor(() => expect(el.getState().error?.code).to.equal('token_invalid'));
    expect(asked).to.equal(0);
  });
});
