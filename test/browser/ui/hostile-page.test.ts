import { expect, fixture, html } from '@open-wc/testing';
import { SupportChatClient, type SupportChat } from '../../../src/index.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { MemoryTransport } from '../helpers/memory-transport.js';
import { findByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { deepQuery, openPanel, send, ticketOf, ui, widget } from './widget.js';

/*
 * What a careless or hostile host page, or a hostile backend, does to the widget: page rules
 * that reset every element, a page root font size other than 16px, and text that is one
 * endless word or carries bidi controls. The widget must look and sit the same regardless.
 */

const part = (el: SupportChat, name: string) => deepQuery(ui(el), `[part~=${name}]`)!;

/** A rule in the page's own stylesheet (in <head>, where a site puts it), removed after the test. */
let pageStyle: HTMLStyleElement | undefined;
function pageCss(text: string) {
  pageStyle = document.createElement('style');
  pageStyle.textContent = text;
  document.head.append(pageStyle);
}

/** A widget on an in-memory backend, which takes any reply (the reference server caps them). */
async function memoryWidget(transport: MemoryTransport) {
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('support-chat');
  el.client = new SupportChatClient({
    token: `hostile-${Math.random()}`,
    transport,
    storage: new MemoryStorage(),
    eventTarget: el,
    pollIntervals: { open: 150, closed: 150 },
  });
  container.append(el);
  await waitFor(() => {
    if (!el.isAvailable()) throw new Error('widget not ready');
  });
  return el;
}

/** The element painted at a point, looked up through the widget's shadow roots. */
function paintedAt(x: number, y: number): Element | null {
  let found = document.elementFromPoint(x, y);
  while (found?.shadowRoot) {
    // A point outside this shadow root answers with an element outside it: stop there.
    const inner = found.shadowRoot.elementFromPoint(x, y);
    if (!inner || !found.shadowRoot.contains(inner)) break;
    found = inner;
  }
  return found;
}

const centre = (rect: DOMRect) => [rect.left + rect.width / 2, rect.top + rect.height / 2] as const;

/** Horizontal positions of the first and last character of an element's text. */
function firstAndLastCharacterX(element: Element) {
  const node = [...element.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
  const text = node.textContent!;
  const x = (index: number) => {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    return range.getBoundingClientRect().left;
  };
  return { first: x(0), last: x(text.length - 1) };
}

describe('hostile pages and hostile text', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });
  afterEach(() => {
    pageStyle?.remove();
    pageStyle = undefined;
    document.documentElement.style.fontSize = '';
    window.scrollTo(0, 0);
  });

  for (const position of ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const) {
    it(`stays fixed in the ${position} corner and on top when the page unsets every element`, async () => {
      // `#cover` outranks `body *`: a fixed layer of the page's own, above its content.
      pageCss(`
        body * { all: unset }
        #tall { display: block; block-size: 3000px }
        #cover { display: block; position: fixed; inset: 0; z-index: 1000; background: rgb(250, 250, 250) }
      `);
      await fixture(html`<div id="tall"></div>`);
      await fixture(html`<div id="cover"></div>`);
      const el = await widget({ position });
      const launcher = () => part(el, 'launcher').getBoundingClientRect();
      const [vertical, horizontal] = position.split('-');
      const inCorner = () => {
        const rect = launcher();
        expect(rect.width, 'launcher width').to.be.closeTo(56, 1);
        if (horizontal === 'right') expect(rect.right).to.be.closeTo(innerWidth - 20, 1);
        else expect(rect.left).to.be.closeTo(20, 1);
        if (vertical === 'bottom') expect(rect.bottom).to.be.closeTo(innerHeight - 20, 1);
        else expect(rect.top).to.be.closeTo(20, 1);
      };
      inCorner();
      // Fixed, not in the page's flow: scrolling the page leaves it where it is.
      window.scrollTo(0, 500);
      expect(scrollY).to.equal(500);
      inCorner();
      expect(part(el, 'launcher').contains(paintedAt(...centre(launcher())))).to.be.true;

      await openPanel(el);
      const panel = part(el, 'panel');
      await Promise.all(
        ui(el)
          .getAnimations()
          .map((animation) => animation.finished),
      );
      const rect = panel.getBoundingClientRect();
      expect(rect.width).to.be.closeTo(380, 1);
      if (vertical === 'bottom') expect(rect.bottom).to.be.lessThan(launcher().top);
      else expect(rect.top).to.be.greaterThan(launcher().bottom);
      expect(rect.top).to.be.at.least(0);
      expect(rect.bottom).to.be.at.most(innerHeight);
      expect(panel.contains(paintedAt(...centre(rect)))).to.be.true;
      await expect(el).to.be.accessible();

      // The documented stacking order still applies: below the page's layer when asked.
      el.style.setProperty('--support-chat-z-index', '999');
      expect(paintedAt(...centre(rect))!.id).to.equal('cover');
      el.style.removeProperty('--support-chat-z-index');

      // hide() still hides, although the page's rule beats the UA's [hidden] on the element.
      el.hide();
      await waitFor(() => expect(part(el, 'launcher').checkVisibility()).to.be.false);
      expect(panel.checkVisibility()).to.be.false;
    });
  }

  it("keeps every size in px whatever the page's root font size", async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Hello');
    await team.reply(await ticketOf(el), 'A reply');
    await findByRole(ui(el), 'listitem', /A reply/);
    await Promise.all(
      ui(el)
        .getAnimations()
        .map((animation) => animation.finished),
    );
    const measure = () => {
      const box = (selector: string) => {
        const { width, height } = deepQuery(ui(el), selector)!.getBoundingClientRect();
        return [Math.round(width * 10) / 10, Math.round(height * 10) / 10];
      };
      const font = (selector: string) => getComputedStyle(deepQuery(ui(el), selector)!).fontSize;
      return {
        launcher: box('[part~=launcher]'),
        panel: box('[part~=panel]'),
        header: box('[part~=header]'),
        title: font('[part~=title]'),
        message: box('[part~=message-team]'),
        text: font('[part~=message-team] .content'),
        time: font('[part~=message-team] time'),
        input: box('[part~=input]'),
        send: box('[part~=send-button]'),
      };
    };
    const normal = measure();
    expect(normal.launcher).to.deep.equal([56, 56]);
    for (const size of ['62.5%', '200%']) {
      document.documentElement.style.fontSize = size;
      expect(measure(), `html { font-size: ${size} }`).to.deep.equal(normal);
    }
    await expect(el).to.be.accessible();
  });

  it('keeps a 200-character author name inside the panel', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Hello');
    const width = part(el, 'panel').getBoundingClientRect().width;
    await team.reply(await ticketOf(el), 'A reply', { author_name: 'W'.repeat(200) });
    await findByRole(ui(el), 'listitem', /A reply/);
    const list = deepQuery(ui(el), 'support-chat-message-list')!;
    expect(list.scrollWidth).to.be.at.most(list.clientWidth);
    expect(part(el, 'message-list').scrollWidth).to.be.at.most(width);
    expect(part(el, 'panel').getBoundingClientRect().width).to.equal(width);
    // The time beside the name stays in view.
    const time = deepQuery(ui(el), '[part~=message-team] time')!.getBoundingClientRect();
    expect(time.right).to.be.at.most(list.getBoundingClientRect().right);
    await expect(el).to.be.accessible();
  });

  it('keeps a right-to-left override in an author name from reversing the rest of the line', async () => {
    const el = await widget();
    await openPanel(el);
    await send(el, 'Hello');
    await team.reply(await ticketOf(el), 'A reply', { author_name: 'Mallory\u202E' });
    await findByRole(ui(el), 'listitem', /A reply/);
    // The time ("now") reads left to right, as it does after any other name.
    const time = firstAndLastCharacterX(deepQuery(ui(el), '[part~=message-team] time')!);
    expect(time.first).to.be.lessThan(time.last);
    const name = deepQuery(ui(el), '[part~=message-team] .meta b')!.getBoundingClientRect();
    expect(name.right).to.be.at.most(deepQuery(ui(el), '[part~=message-team] time')!.getBoundingClientRect().left);
    await expect(el).to.be.accessible();
  });

  it('keeps a 100,000-character word inside the panel', async () => {
    const transport = new MemoryTransport();
    const el = await memoryWidget(transport);
    await openPanel(el);
    await send(el, 'Hello');
    const width = part(el, 'panel').getBoundingClientRect().width;
    transport.reply(await ticketOf(el), 'x'.repeat(100_000));
    await waitFor(() => expect(deepQuery(ui(el), '[part~=message-team]')).to.exist);
    const list = deepQuery(ui(el), 'support-chat-message-list')!;
    expect(list.scrollWidth).to.be.at.most(list.clientWidth);
    expect(part(el, 'message-list').scrollWidth).to.be.at.most(width);
    expect(part(el, 'panel').getBoundingClientRect().width).to.equal(width);
  });
});
