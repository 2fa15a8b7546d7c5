import { expect } from '@open-wc/testing';
import type { SupportChat } from '../../../src/index.js';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { deepQuery, openPanel, send, ticketOf, ui, widget } from './widget.js';

const chaos = (body: object) =>
  fetch('/api/_dev/chaos', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** What a visitor meets in each language added in this wave, written out as they read it. */
const LANGUAGES = [
  {
    locale: 'fr',
    launcher: 'Ouvrir le chat',
    oneUnread: 'Ouvrir le chat (1 message non lu)',
    twoUnread: 'Ouvrir le chat (2 messages non lus)',
    message: 'Votre message',
    send: 'Envoyer',
    close: 'Fermer',
    oneLeft: 'Il reste 1 caractère',
    offline: 'Vous semblez être hors ligne. Nous continuons d’essayer.',
  },
  {
    locale: 'es',
    launcher: 'Abrir chat',
    oneUnread: 'Abrir chat (1 mensaje sin leer)',
    twoUnread: 'Abrir chat (2 mensajes sin leer)',
    message: 'Mensaje',
    send: 'Enviar',
    close: 'Cerrar',
    oneLeft: 'Queda 1 carácter',
    offline: 'Parece que no tienes conexión. Seguiremos intentándolo.',
  },
  {
    locale: 'pt-BR',
    launcher: 'Abrir chat',
    oneUnread: 'Abrir chat (1 mensagem não lida)',
    twoUnread: 'Abrir chat (2 mensagens não lidas)',
    message: 'Mensagem',
    send: 'Enviar',
    close: 'Fechar',
    oneLeft: 'Resta 1 caractere',
    offline: 'Parece que você está sem conexão. Vamos continuar tentando.',
  },
  {
    locale: 'nl',
    launcher: 'Chat openen',
    oneUnread: 'Chat openen (1 ongelezen bericht)',
    twoUnread: 'Chat openen (2 ongelezen berichten)',
    message: 'Bericht',
    send: 'Versturen',
    close: 'Sluiten',
    oneLeft: 'Nog 1 teken',
    offline: 'Je lijkt offline te zijn. We blijven het proberen.',
  },
  {
    locale: 'ja',
    launcher: 'チャットを開く',
    oneUnread: 'チャットを開く（未読1件）',
    twoUnread: 'チャットを開く（未読2件）',
    message: 'メッセージ',
    send: '送信',
    close: '閉じる',
    oneLeft: '残り1文字',
    offline: 'オフラインのようです。接続を試み続けます。',
  },
  {
    locale: 'he',
    launcher: 'פתיחת הצ׳אט',
    // Hebrew says one and two in words.
    oneUnread: 'פתיחת הצ׳אט (הודעה אחת שלא נקראה)',
    twoUnread: 'פתיחת הצ׳אט (שתי הודעות שלא נקראו)',
    message: 'הודעה',
    send: 'שליחה',
    close: 'סגירה',
    oneLeft: 'נותר תו אחד',
    offline: 'נראה שאין חיבור לאינטרנט. נמשיך לנסות.',
  },
];

/** The panel once its language is in: the dialog carries its lang (and dir) when the table has loaded. */
const dialogIn = (el: SupportChat, lang: string) =>
  waitFor(() => {
    const dialog = getByRole(ui(el), 'dialog');
    if (dialog.getAttribute('lang') !== lang) throw new Error(`lang is ${dialog.getAttribute('lang')}, not ${lang} yet`);
    return dialog;
  });

/** axe once the panel's entrance animation has settled (it reads colours mid-fade otherwise). */
async function accessible(el: SupportChat) {
  await new Promise(requestAnimationFrame);
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
  await expect(el).to.be.accessible();
}

describe('the languages: French, Spanish, Brazilian Portuguese, Dutch, Japanese, Hebrew', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });
  afterEach(async () => {
    document.documentElement.setAttribute('lang', 'en');
    delete (navigator as { languages?: readonly string[] }).languages; // the stub below, if any
    await chaos({});
  });

  for (const language of LANGUAGES) {
    it(`speaks ${language.locale}: launcher, composer, unread counts in its plural forms, characters left, an error`, async () => {
      const el = await widget({ locale: language.locale });
      await openPanel(el, language.launcher);
      const dialog = await dialogIn(el, language.locale);
      expect(dialog.getAttribute('dir')).to.equal(language.locale === 'he' ? 'rtl' : 'ltr');
      expect(getComputedStyle(dialog).direction).to.equal(language.locale === 'he' ? 'rtl' : 'ltr');

      await send(el, 'Hello', { message: language.message, send: language.send });
      const ticketId = await ticketOf(el);
      getByRole(ui(el), 'button', language.close).click();
      await team.reply(ticketId, 'First reply');
      await findByRole(ui(el), 'button', language.oneUnread);
      await team.reply(ticketId, 'Second reply');
      const launcher = await findByRole(ui(el), 'button', language.twoUnread);
      expect(deepQuery(ui(el), '[part=badge]')!.dataset.count).to.equal('2');

      launcher.click();
      const box = (await findByRole(ui(el), 'textbox', language.message)) as HTMLTextAreaElement;
      box.focus();
      document.execCommand('insertText', false, 'a'.repeat(9_999));
      await waitFor(() => expect(deepQuery(ui(el), '[part=limit]')!.textContent!.trim()).to.equal(language.oneLeft));

      await chaos({ offline: true });
      await findByRole(ui(el), 'alert', language.offline, 8000);
    });
  }

  it('is right to left and axe-clean in Hebrew, open and closed with unread replies', async () => {
    const el = await widget({ locale: 'he' });
    await openPanel(el, 'פתיחת הצ׳אט');
    await dialogIn(el, 'he');
    await send(el, 'בוקר טוב', { message: 'הודעה', send: 'שליחה' });
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'איך אפשר לעזור?');
    const reply = await findByRole(ui(el), 'listitem', /איך אפשר לעזור/);
    // Mirrored: the visitor's message on the left, the team's on the right.
    const mine = getByRole(ui(el), 'listitem', /בוקר טוב/);
    expect(mine.getBoundingClientRect().left).to.be.lessThan(reply.getBoundingClientRect().left);
    await accessible(el);
    getByRole(ui(el), 'button', 'סגירה').click();
    await team.reply(ticketId, 'עוד משהו?');
    await team.reply(ticketId, 'אנחנו כאן.');
    await team.reply(ticketId, 'תודה!');
    const launcher = await findByRole(ui(el), 'button', 'פתיחת הצ׳אט (3 הודעות שלא נקראו)');
    expect(getComputedStyle(launcher).direction).to.equal('rtl');
    await accessible(el);
  });

  it('gives pt and pt-PT the Brazilian table, numbers and dates in their own way', async () => {
    const el = await widget({ locale: 'pt-PT' });
    await openPanel(el, 'Abrir chat');
    await dialogIn(el, 'pt-PT');
    getByRole(ui(el), 'textbox', 'Mensagem');
    el.locale = 'pt';
    await dialogIn(el, 'pt');
    getByRole(ui(el), 'button', 'Fechar');
  });

  it('takes iw, Hebrew’s old code, as Hebrew, right to left', async () => {
    const el = await widget({ locale: 'iw-IL' });
    await openPanel(el, 'פתיחת הצ׳אט');
    const dialog = await dialogIn(el, 'he-IL');
    expect(dialog.getAttribute('dir')).to.equal('rtl');
  });

  it('without a locale or page language, speaks the first of the browser’s languages it knows', async () => {
    document.documentElement.removeAttribute('lang');
    Object.defineProperty(navigator, 'languages', { value: ['xx-XX', 'ja-JP', 'fr'], configurable: true });
    const el = await widget();
    await findByRole(ui(el), 'button', 'チャットを開く');
    await openPanel(el, 'チャットを開く');
    await dialogIn(el, 'ja-JP');
  });

  it('stays English when English comes first among the browser’s languages', async () => {
    document.documentElement.removeAttribute('lang');
    Object.defineProperty(navigator, 'languages', { value: ['xx-XX', 'en-GB', 'fr'], configurable: true });
    const el = await widget();
    await el.updateComplete;
    // Given time to load a table it should not: still English.
    await new Promise((resolve) => setTimeout(resolve, 200));
    getByRole(ui(el), 'button', 'Open chat');
  });
});
