import { expect } from '@open-wc/testing';
import { IndexedDbStorage } from '../../../src/client/storage.js';
import type { SupportChat } from '../../../src/index.js';
import { fakeAudio, restoreVisibility, setUserActivation, setVisibility } from '../helpers/audio.js';
import { waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, send, ticketOf, widget } from './widget.js';

const SHOP = 'Northwind Coffee';

/** A widget with a conversation, the panel closed again, its notifier in (the panel file is). */
async function conversation(attributes: Record<string, string | boolean> = {}) {
  const el = await widget(attributes);
  await openPanel(el);
  await send(el, 'Where is my order?');
  const ticketId = await ticketOf(el);
  await waitFor(() => expect(el.client!.getState().leader).to.be.true);
  el.closePanel();
  await waitFor(() => expect(el.open).to.be.false);
  return { el, ticketId };
}

/** Waits until the client has seen `count` unread replies (the poll ran). */
const unread = (el: SupportChat, count: number) => waitFor(() => expect(el.client!.getState().unreadCount).to.equal(count));

describe('not missing a reply: the title count', () => {
  let title: string;
  beforeEach(async () => {
    await startReferenceServer();
    title = document.title;
    document.title = SHOP;
  });
  afterEach(() => {
    restoreVisibility();
    document.title = title;
  });

  it('counts replies while the panel is closed, and gives the title back when the panel is seen', async () => {
    const { el, ticketId } = await conversation();
    expect(document.title).to.equal(SHOP);
    await team.reply(ticketId, 'It left our roastery today.');
    await waitFor(() => expect(document.title).to.equal(`(1) ${SHOP}`));
    await team.reply(ticketId, 'Tracking number follows.');
    await waitFor(() => expect(document.title).to.equal(`(2) ${SHOP}`));
    await openPanel(el, /^Open chat/);
    await waitFor(() => expect(document.title).to.equal(SHOP));
    await unread(el, 0); // seen, and so read
  });

  it('counts replies while the page is hidden, even with the panel open (a hidden page hears them live)', async () => {
    // A hidden page does not poll: what reaches it is the live stream, on a backend that has one.
    await startReferenceServer({ live: true });
    const { el, ticketId } = await conversation();
    await waitFor(() => expect(el.client!.getState().channel).to.equal('live'));
    await openPanel(el, /^Open chat/);
    setVisibility('hidden');
    await team.reply(ticketId, 'Are you still there?');
    await unread(el, 1); // not read: nobody looks
    await waitFor(() => expect(document.title).to.equal(`(1) ${SHOP}`));
    setVisibility('visible');
    await waitFor(() => expect(document.title).to.equal(SHOP));
  });

  it('nothing while the panel is open on a visible page: the visitor reads it there', async () => {
    const { el, ticketId } = await conversation();
    await openPanel(el, /^Open chat/);
    await team.reply(ticketId, 'Read at once');
    await waitFor(() => expect(el.client!.getState().messages.some((m) => m.content === 'Read at once')).to.be.true);
    await new Promise((resolve) => setTimeout(resolve, 400)); // a few polls
    expect(document.title).to.equal(SHOP);
  });

  it('keeps a title the site sets meanwhile: counted on it, and not undone afterwards', async () => {
    const { el, ticketId } = await conversation();
    await team.reply(ticketId, 'One');
    await waitFor(() => expect(document.title).to.equal(`(1) ${SHOP}`));
    document.title = 'Checkout · Northwind Coffee'; // a single-page app moved on
    await waitFor(() => expect(document.title).to.equal('(1) Checkout · Northwind Coffee'));
    await openPanel(el, /^Open chat/);
    await waitFor(() => expect(document.title).to.equal('Checkout · Northwind Coffee'));
  });

  it('a page without a title gets the count alone, written once', async () => {
    document.title = '';
    const { el, ticketId } = await conversation();
    let writes = 0;
    const observer = new MutationObserver(() => writes++);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    await team.reply(ticketId, 'One');
    await waitFor(() => expect(document.title).to.equal('(1)'));
    await new Promise((resolve) => setTimeout(resolve, 300)); // later polls
    observer.disconnect();
    expect(writes).to.be.at.most(2); // the title element made, its text set: no loop
    await openPanel(el, /^Open chat/);
    await waitFor(() => expect(document.title).to.equal(''));
  });

  it('leaves the title alone when the element goes, count included', async () => {
    const { el, ticketId } = await conversation();
    await team.reply(ticketId, 'One');
    await waitFor(() => expect(document.title).to.equal(`(1) ${SHOP}`));
    el.remove();
    expect(document.title).to.equal(SHOP);
  });
});

describe('not missing a reply: the sound', () => {
  // In this order: a page's user activation, once there, stays; the chime's AudioContext is made once.
  let audio: { contexts: number; tones: number };
  const original = Object.getOwnPropertyDescriptor(window, 'AudioContext')!;
  beforeEach(async () => {
    await startReferenceServer();
    audio = fakeAudio();
  });
  afterEach(() => {
    Object.defineProperty(window, 'AudioContext', original);
    delete (navigator as { userActivation?: unknown }).userActivation;
  });

  it('is silent before the visitor has interacted with the page (autoplay rules): no AudioContext at all', async () => {
    setUserActivation(false);
    const { ticketId } = await conversation({ sound: true });
    await team.reply(ticketId, 'Hello?');
    await waitFor(() => expect(document.title).to.match(/^\(1\)/));
    expect(audio.contexts).to.equal(0);
  });

  it('a browser that refuses audio breaks nothing', async () => {
    setUserActivation(true);
    Object.defineProperty(window, 'AudioContext', {
      configurable: true,
      value: class {
        constructor() {
          throw new DOMException('no audio here', 'NotSupportedError');
        }
      },
    });
    const errors: unknown[] = [];
    const onError = (event: PromiseRejectionEvent | ErrorEvent) => errors.push(event);
    addEventListener('unhandledrejection', onError);
    addEventListener('error', onError);
    const { el, ticketId } = await conversation({ sound: true });
    await team.reply(ticketId, 'Still here');
    await unread(el, 1);
    await openPanel(el, /^Open chat/);
    await send(el, 'Thanks');
    await waitFor(() => expect(el.client!.getState().messages.at(-1)?.delivery).to.equal('sent'));
    removeEventListener('unhandledrejection', onError);
    removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
  });

  it('plays once per reply that arrives unseen, with `sound` only', async () => {
    setUserActivation(true);
    const quiet = await conversation();
    await team.reply(quiet.ticketId, 'No sound without the attribute');
    await unread(quiet.el, 1);
    expect(audio.tones).to.equal(0);
    quiet.el.remove();

    const { el, ticketId } = await conversation({ sound: true });
    await team.reply(ticketId, 'Ding');
    await unread(el, 1);
    await waitFor(() => expect(audio.tones).to.equal(1));
    await new Promise((resolve) => setTimeout(resolve, 400)); // later polls change nothing
    expect(audio.tones).to.equal(1);
    await openPanel(el, /^Open chat/);
    await team.reply(ticketId, 'Seen at once: no sound');
    await waitFor(() => expect(el.client!.getState().messages.some((m) => m.content.startsWith('Seen at once'))).to.be.true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(audio.tones).to.equal(1);
  });
});

interface WidgetTab {
  el: SupportChat;
  audio: { tones: number };
  setVisibility(state: 'visible' | 'hidden'): void;
}

describe('not missing a reply: one tab of several', () => {
  const frames: HTMLIFrameElement[] = [];
  beforeEach(() => startReferenceServer());
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  async function openWidgetTab(group: string) {
    const frame = document.createElement('iframe');
    frame.src = `/test/browser/helpers/widget-tab.html?group=${group}`;
    document.body.append(frame);
    frames.push(frame);
    const tab = await waitFor(() => {
      const found = (frame.contentWindow as (Window & { widgetTab?: WidgetTab }) | null)?.widgetTab;
      if (!found?.el.isAvailable()) throw new Error('tab not ready');
      return found;
    }, 10_000);
    return { ...tab, title: () => frame.contentDocument!.title };
  }

  it('only the tab most recently in front counts in its title and chimes; the lead moves with the visitor', async () => {
    const group = `reply-notice-${Math.random()}`;
    const a = await openWidgetTab(group);
    const b = await openWidgetTab(group);
    // b came to the front last (it took the lead on start); then the visitor went back to a.
    await waitFor(() => expect(b.el.client!.getState().leader).to.be.true);
    b.setVisibility('hidden');
    a.setVisibility('hidden');
    a.setVisibility('visible');
    await waitFor(() => {
      expect(a.el.client!.getState().leader).to.be.true;
      expect(b.el.client!.getState().leader).to.be.false;
    });
    await a.el.sendMessage('Hello from tab a');
    const ticketId = await waitFor(() => a.el.getCurrentTicketId()!);
    await waitFor(() => expect(b.el.getCurrentTicketId()).to.equal(ticketId));

    await team.reply(ticketId, 'One reply, one announcement');
    await waitFor(() => {
      const { unreadCount, leader, open } = a.el.client!.getState();
      expect(a.title(), JSON.stringify({ unreadCount, leader, open, visible: a.el.ownerDocument.visibilityState })).to.equal(
        '(1) Northwind Coffee',
      );
    });
    await waitFor(() => expect(b.el.client!.getState().unreadCount).to.equal(1)); // b knows of it too…
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.title(), '…and leaves its title alone').to.equal('Northwind Coffee');
    expect([a.audio.tones, b.audio.tones]).to.deep.equal([1, 0]);

    // The visitor switches to b: the count moves there, a's title is a's own again.
    a.setVisibility('hidden');
    b.setVisibility('visible');
    await waitFor(() => expect(b.title()).to.equal('(1) Northwind Coffee'));
    await waitFor(() => expect(a.title()).to.equal('Northwind Coffee'));
    expect([a.audio.tones, b.audio.tones], 'no reply arrived: no sound').to.deep.equal([1, 0]);
    await new IndexedDbStorage(group).clear();
  });
});
