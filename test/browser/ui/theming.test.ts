import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { SupportChat } from '../../../src/index.js';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { deepQuery, openPanel, send, ticketOf, ui, widget } from './widget.js';

/** Any CSS colour as sRGB bytes, through a canvas (which speaks every colour syntax). */
function rgb(color: string): [number, number, number] {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

/** WCAG 2 contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = rgb(color).map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const part = (el: SupportChat, name: string) => deepQuery(ui(el), `[part~=${name}]`)!;

describe('theming, positions and narrow screens', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  it('keeps text on the accent colour readable (AA) for any colour a site sets', async () => {
    const el = await widget();
    await openPanel(el);
    const colours = [
      '#1d4ed8',
      '#ffd400',
      '#000',
      '#fff',
      '#767676',
      '#757575',
      '#777',
      'hotpink',
      '#00ff00',
      'red',
      'blue',
      'hsl(200 100% 40%)',
      'oklch(0.62 0.2 30)',
      'rgb(0 128 0)',
      '#8a2be2',
      '#f97316',
      '#14b8a6',
      '#e11d48',
    ];
    for (const colour of colours) {
      el.color = colour;
      await el.updateComplete;
      const header = part(el, 'header');
      const style = getComputedStyle(header);
      const ratio = contrast(style.color, style.backgroundColor);
      expect(ratio, `text on ${colour}`).to.be.at.least(4.5);
    }
    // Set through CSS instead of the attribute: same guarantee.
    el.color = '';
    el.style.setProperty('--support-chat-color', '#fde047');
    await el.updateComplete;
    const style = getComputedStyle(part(el, 'send-button'));
    expect(contrast(style.color, style.backgroundColor)).to.be.at.least(4.5);
  });

  it('theme: auto follows the system, light and dark force it', async () => {
    const el = await widget();
    await openPanel(el);
    const surface = () => getComputedStyle(part(el, 'panel')).backgroundColor;
    expect(surface()).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    await waitFor(() => expect(surface()).to.equal('rgb(30, 31, 34)'));
    el.theme = 'light';
    await el.updateComplete;
    expect(surface()).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'light' });
    el.theme = 'dark';
    await el.updateComplete;
    expect(surface()).to.equal('rgb(30, 31, 34)');
    const text = getComputedStyle(part(el, 'panel')).color;
    expect(contrast(text, surface())).to.be.at.least(7);
  });

  for (const position of ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const) {
    it(`sits in the ${position} corner`, async () => {
      const el = await widget({ position });
      await openPanel(el);
      const launcher = part(el, 'launcher').getBoundingClientRect();
      const panel = part(el, 'panel').getBoundingClientRect();
      const [vertical, horizontal] = position.split('-');
      if (horizontal === 'right') expect(launcher.right).to.be.closeTo(innerWidth - 20, 1);
      else expect(launcher.left).to.be.closeTo(20, 1);
      if (vertical === 'bottom') {
        expect(launcher.bottom).to.be.closeTo(innerHeight - 20, 1);
        expect(panel.bottom).to.be.lessThan(launcher.top);
      } else {
        expect(launcher.top).to.be.closeTo(20, 1);
        expect(panel.top).to.be.greaterThan(launcher.bottom);
      }
    });
  }

  it('on a phone, the panel takes the whole screen and fields are 16px or larger', async () => {
    await setViewport({ width: 375, height: 667 });
    const el = await widget({ 'require-email': true, 'collect-name': true });
    await openPanel(el);
    await findByRole(ui(el), 'textbox', 'Email');
    await Promise.all(
      ui(el)
        .getAnimations()
        .map((animation) => animation.finished),
    );
    const panel = part(el, 'panel').getBoundingClientRect();
    expect([panel.left, panel.top, panel.width, panel.height]).to.deep.equal([0, 0, 375, 667]);
    for (const name of ['Name', 'Email']) {
      expect(parseFloat(getComputedStyle(getByRole(ui(el), 'textbox', name)).fontSize)).to.be.at.least(16);
    }
    await el.identify({ email: 'a@example.com' });
    const box = await findByRole(ui(el), 'textbox', 'Message');
    expect(parseFloat(getComputedStyle(box).fontSize)).to.be.at.least(16);
  });

  it('honours prefers-reduced-motion', async () => {
    const el = await widget();
    await openPanel(el);
    expect(getComputedStyle(part(el, 'panel')).animationName).to.equal('appear');
    await emulateMedia({ reducedMotion: 'reduce' });
    await waitFor(() => expect(getComputedStyle(part(el, 'panel')).animationName).to.equal('none'));
  });

  it('exposes parts and custom properties on the visible pieces', async () => {
    const style = await fixture<HTMLStyleElement>(html`<style>
      support-chat { --support-chat-radius: 3px; --support-chat-font: monospace; }
      support-chat::part(panel) { outline: 4px solid rgb(0, 128, 0); }
      support-chat::part(input) { border-color: rgb(0, 0, 255); }
      support-chat::part(message-team) { outline: 1px dashed rgb(255, 0, 0); }
      support-chat::part(badge) { background: rgb(0, 0, 0); }
    </style>`);
    const el = await widget();
    await openPanel(el);
    await send(el, 'Styled');
    const ticketId = await ticketOf(el);
    await team.reply(ticketId, 'Team');
    await findByRole(ui(el), 'listitem', /Team/);
    expect(getComputedStyle(part(el, 'panel')).outlineColor).to.equal('rgb(0, 128, 0)');
    expect(getComputedStyle(part(el, 'panel')).borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(part(el, 'panel')).fontFamily).to.equal('monospace');
    expect(getComputedStyle(part(el, 'input')).borderTopColor).to.equal('rgb(0, 0, 255)');
    expect(getComputedStyle(part(el, 'message-team')).outlineStyle).to.equal('dashed');
    el.closePanel();
    await team.reply(ticketId, 'Unread');
    await findByRole(ui(el), 'button', 'Open chat (1 unread)');
    expect(getComputedStyle(part(el, 'badge')).backgroundColor).to.equal('rgb(0, 0, 0)');
    style.remove();
  });

  it('lets no style leak in from the page, nor out to it', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <style>
        * { letter-spacing: 4px; text-transform: uppercase; font-family: serif; color: rgb(255, 0, 0); }
        button, textarea, p, li { background: rgb(255, 0, 0); border: 5px dotted red; font-size: 30px; }
      </style>
      <button id="page-button">Page</button>
    </div>`);
    const pageButton = page.querySelector('button')!;
    const before =
      getComputedStyle(pageButton).cssText ||
      JSON.stringify([...getComputedStyle(pageButton)].map((p) => getComputedStyle(pageButton).getPropertyValue(p)));
    const el = await widget();
    page.append(el.parentElement!);
    await openPanel(el);
    await send(el, 'Hello');
    await findByRole(ui(el), 'listitem', /Hello/);
    for (const piece of [part(el, 'panel'), part(el, 'input'), part(el, 'send-button'), part(el, 'message')]) {
      const style = getComputedStyle(piece);
      expect(style.letterSpacing).to.equal('normal');
      expect(style.textTransform).to.equal('none');
      expect(style.fontFamily).not.to.equal('serif');
      expect(style.color).not.to.equal('rgb(255, 0, 0)');
      expect(style.backgroundColor).not.to.equal('rgb(255, 0, 0)');
    }
    const after =
      getComputedStyle(pageButton).cssText ||
      JSON.stringify([...getComputedStyle(pageButton)].map((p) => getComputedStyle(pageButton).getPropertyValue(p)));
    expect(after).to.equal(before);
  });
});
