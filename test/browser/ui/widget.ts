import { fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { SupportChatClient, type SupportChat } from '../../../src/index.js';
import { loadPanel } from '../../../src/components/support-chat/panel-loader.js';
import { MemoryStorage, type KeyValueStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { WIDGET_TOKEN } from '../helpers/reference-server.js';

let widgetCount = 0;

/**
 * A `<support-chat>` on the real reference handlers, with its attributes, in-memory storage
 * and fast polling, ready (storage read) when returned. Removed after each test.
 */
export async function widget(attributes: Record<string, string | boolean> = {}, storage: KeyValueStorage = new MemoryStorage()) {
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('support-chat');
  const client = new SupportChatClient({
    // Each test widget is its own visitor: a token of its own keeps the client's tab sync
    // (BroadcastChannel, Web Locks: origin-wide, by token) from joining widgets of other tests.
    token: `ui-test-${++widgetCount}-${Math.random()}`,
    transport: new HttpTransport({ token: WIDGET_TOKEN }),
    storage,
    eventTarget: el,
    pollIntervals: { open: 150, closed: 150 },
  });
  el.setAttribute('token', WIDGET_TOKEN);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== false) el.setAttribute(name, value === true ? '' : value);
  }
  el.client = client;
  container.append(el);
  await waitFor(() => {
    if (!el.isAvailable()) throw new Error('widget not ready');
  });
  await el.updateComplete;
  return el;
}

/** The widget's shadow root, where every query starts. */
export const ui = (el: SupportChat) => el.shadowRoot!;

/**
 * Resolves when the open panel shows its screen: the panel's views are a file loaded on first
 * open (here the TypeScript module, served unbundled), then rendered by the element and the
 * screen's own elements.
 */
export async function panelReady(el: SupportChat) {
  await loadPanel();
  await el.updateComplete;
  for (const view of ui(el).querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('.body > *'))
    await view.updateComplete;
}

/** Opens the panel with the launcher, as a visitor does, and waits for its screen. */
export async function openPanel(el: SupportChat, launcherName: string | RegExp = /^Open chat/) {
  (await findByRole(ui(el), 'button', launcherName)).click();
  const dialog = await findByRole(ui(el), 'dialog');
  await panelReady(el);
  return dialog;
}

/** Writes a message into the composer and sends it with the Send button. */
export async function send(el: SupportChat, text: string, names = { message: 'Message', send: 'Send' }) {
  const box = (await findByRole(ui(el), 'textbox', names.message)) as HTMLTextAreaElement;
  box.value = text;
  box.dispatchEvent(new Event('input'));
  await waitFor(() => {
    const button = getByRole(ui(el), 'button', names.send) as HTMLButtonElement;
    if (button.disabled) throw new Error('Send still disabled');
    button.click();
  });
}

/** Waits for the current ticket id (after the first message reached the server). */
export function ticketOf(el: SupportChat) {
  return waitFor(() => {
    const id = el.getCurrentTicketId();
    if (!id) throw new Error('no ticket yet');
    return id;
  });
}

/** Every element, through all shadow roots. */
export function* deep(root: ParentNode): Generator<Element> {
  for (const child of root.querySelectorAll('*')) {
    yield child;
    if (child.shadowRoot) yield* deep(child.shadowRoot);
  }
}

/** The first element matching `selector`, through all shadow roots. */
export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  for (const child of deep(root)) if (child.matches(selector)) return child as T;
  return undefined;
}

/**
 * Holds the next send in flight (the message shows "Sending…") until the returned function
 * is called; the server then refuses it with a 400, which the client does not retry by itself.
 */
export function refuseNextSendWhenReleased(worker: SetupWorker): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  worker.use(
    http.post(
      '*/api/conversations/v1/widget/message',
      async () => {
        await held;
        return HttpResponse.json({ error: 'Refused' }, { status: 400 });
      },
      { once: true },
    ),
  );
  return () => release();
}
