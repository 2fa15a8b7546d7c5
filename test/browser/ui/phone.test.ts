import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { SupportChat } from '../../../src/index.js';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { deepQuery, openPanel, ui, widget } from './widget.js';

/**
 * The on-screen keyboard, as iOS Safari and Android Chrome make it: the layout viewport keeps
 * its size and the visual viewport shrinks (and, on iOS, pans to the focused field). Chromium
 * on a desktop has no keyboard, so the visual viewport's size and offset are set on the real
 * `window.visualViewport` object and its own `resize`/`scroll` events are fired, which is what
 * the widget listens to; the layout (a real mobile-size window) is the browser's.
 */
function keyboard(height: number, offsetTop = 0) {
  const viewport = window.visualViewport!;
  Object.defineProperty(viewport, 'height', { configurable: true, get: () => height });
  Object.defineProperty(viewport, 'offsetTop', { configurable: true, get: () => offsetTop });
  viewport.dispatchEvent(new Event('resize'));
  viewport.dispatchEvent(new Event('scroll'));
}
function keyboardClosed() {
  const viewport = window.visualViewport as unknown as Record<string, unknown>;
  delete viewport.height;
  delete viewport.offsetTop;
  window.visualViewport!.dispatchEvent(new Event('resize'));
}

const composerBox = async (el: SupportChat) =>
  ((await findByRole(ui(el), 'textbox', 'Message')) as HTMLElement).getBoundingClientRect();
const composer = (el: SupportChat) => deepQuery<HTMLElement>(ui(el), '[part~="composer"]')!;

// Issue 16, item 6.
describe('phones: the on-screen keyboard, the page behind, no zoom', () => {
  let tall: HTMLElement;
  const bodyStyle = 'margin: 0px; color: rgb(10, 20, 30);';

  beforeEach(async () => {
    await startReferenceServer();
    await setViewport({ width: 375, height: 667 });
    // A long page, scrolled down, with inline styles of its own on <body> (the lock must give them back).
    tall = Object.assign(document.createElement('div'), { textContent: 'The shop' });
    tall.style.blockSize = '4000px';
    document.body.append(tall);
    document.body.setAttribute('style', bodyStyle);
    scrollTo(0, 1234);
  });
  afterEach(async () => {
    keyboardClosed();
    tall.remove();
    document.body.removeAttribute('style');
    scrollTo(0, 0);
    await setViewport({ width: 800, height: 600 });
  });

  it('keeps the composer above the keyboard (Android and iOS), holds the page still, and puts it back exactly on close', async () => {
    expect(scrollY).to.equal(1234);
    const el = await widget();
    await openPanel(el);
    const panel = ui(el).querySelector<HTMLElement>('[part="panel"]')!;
    expect(panel.getBoundingClientRect().height, 'full screen').to.be.closeTo(667, 1);

    // Android Chrome: the keyboard takes the bottom 300 px of the visual viewport.
    keyboard(367);
    await waitFor(() => expect(panel.getBoundingClientRect().height).to.be.closeTo(367, 1));
    let box = await composerBox(el);
    expect(box.top, 'the composer is on screen').to.be.at.least(0);
    expect(box.bottom, 'above the keyboard').to.be.at.most(367);
    expect(composer(el).getBoundingClientRect().bottom).to.be.at.most(367);

    // iOS Safari: the visual viewport also pans down the layout viewport, to the focused field.
    keyboard(360, 180);
    await waitFor(() => expect(panel.getBoundingClientRect().top).to.be.closeTo(180, 1));
    box = await composerBox(el);
    expect(box.top).to.be.at.least(180);
    expect(box.bottom).to.be.at.most(180 + 360);
    expect(composer(el).getBoundingClientRect().bottom).to.be.at.most(180 + 360);

    // The page behind stays where it was while the panel is open, whatever tries to scroll it.
    const shopTop = () => tall.getBoundingClientRect().top;
    const before = shopTop();
    expect(before).to.be.closeTo(-1234, 1);
    scrollTo(0, 3000);
    document.scrollingElement!.scrollTop = 2500;
    expect(shopTop(), 'the page did not move').to.be.closeTo(before, 1);
    await expect(el).to.be.accessible();

    // The keyboard goes, then the panel closes: the page is back exactly as it was.
    keyboardClosed();
    await waitFor(() => expect(panel.getBoundingClientRect().height).to.be.closeTo(667, 1));
    getByRole(ui(el), 'button', 'Close').click();
    await waitFor(() => expect(el.open).to.equal(false));
    await el.updateComplete;
    expect(scrollY, 'scrolled back to where the visitor was').to.equal(1234);
    expect(document.body.getAttribute('style'), 'the page’s own inline style, as it was').to.equal(bodyStyle);
    expect(document.documentElement.hasAttribute('style'), '<html> as it was').to.equal(false);
    expect(panel.getAttribute('style')).to.satisfy((s: string | null) => !s, 'no size left on the closed panel');
    // ...and scrolls again.
    scrollTo(0, 200);
    expect(scrollY).to.equal(200);
  });

  it('never makes a phone zoom in: every field of the panel is at least 16px, on a page with a small root font', async () => {
    document.documentElement.style.fontSize = '10px';
    try {
      const el = await widget({ 'require-email': true, 'collect-name': true });
      await openPanel(el);
      const fields = [
        ...ui(el).querySelectorAll('*'),
        ...[...ui(el).querySelectorAll('*')].flatMap((n) => [...(n.shadowRoot?.querySelectorAll('input, textarea') ?? [])]),
      ].filter((n) => n.matches('input, textarea'));
      expect(fields.length, 'the email and name fields').to.be.at.least(2);
      for (const field of fields) expect(parseFloat(getComputedStyle(field).fontSize)).to.be.at.least(16);
    } finally {
      document.documentElement.style.removeProperty('font-size');
      if (!document.documentElement.getAttribute('style')) document.documentElement.removeAttribute('style');
    }
  });

  it('lets the page go when the screen becomes wide while the panel is open (a phone turned, a window resized)', async () => {
    const el = await widget();
    await openPanel(el);
    keyboard(367);
    const panel = ui(el).querySelector<HTMLElement>('[part="panel"]')!;
    await waitFor(() => expect(panel.getBoundingClientRect().height).to.be.closeTo(367, 1));
    expect(document.body.getAttribute('style')).not.to.equal(bodyStyle);
    await setViewport({ width: 1024, height: 768 });
    await waitFor(() => expect(document.body.getAttribute('style')).to.equal(bodyStyle));
    expect(scrollY).to.equal(1234);
    expect(panel.hasAttribute('style') && panel.getAttribute('style') !== '').to.equal(false);
  });

  it('leaves a wide screen alone: the page still scrolls and keeps its styles while the panel is open', async () => {
    await setViewport({ width: 1024, height: 768 });
    scrollTo(0, 1234);
    const el = await widget();
    await openPanel(el);
    keyboard(300);
    expect(document.body.getAttribute('style')).to.equal(bodyStyle);
    scrollTo(0, 1000);
    expect(scrollY).to.equal(1000);
    const panel = ui(el).querySelector<HTMLElement>('[part="panel"]')!;
    expect(panel.getBoundingClientRect().height, 'the floating panel, not sized to the viewport').to.be.at.most(600);
    expect(panel.hasAttribute('style')).to.equal(false);
  });
});
