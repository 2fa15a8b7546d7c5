import { expect, fixture, html } from '@open-wc/testing';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';

interface CspWindow extends Window {
  eval(code: string): unknown;
  Event: typeof Event;
  ready?: boolean;
  cspViolations: string[];
  inlineRan?: boolean;
  defaultPolicyCalls?: string[];
}

/** The page in a frame, once its reference server and the widget are loaded. */
async function strictPage(name: string) {
  // Each page a new visitor: the widget's storage (same origin as every frame) starts empty.
  await Promise.all(
    (await indexedDB.databases()).map(({ name }) => new Promise((done) => (indexedDB.deleteDatabase(name!).onsuccess = done))),
  );
  const frame = await fixture<HTMLIFrameElement>(
    html`<iframe src="/test/browser/ui/csp/${name}" style="width: 600px; height: 700px"></iframe>`,
  );
  const win = frame.contentWindow as CspWindow;
  await waitFor(() => expect(win.ready).to.be.true, 15_000);
  return win;
}

/** Opens the widget as a visitor, sends a message and waits for the team's answer. */
async function sendAndReceive(win: CspWindow) {
  const el = win.document.querySelector('support-chat')!;
  // Clicked as soon as it shows, before the stored session is read: the click must not be lost.
  const launcher = await findByRole(el.shadowRoot!, 'button', 'Open chat', 10_000);
  // Styled: the stylesheets applied (colour from the attribute, round launcher).
  expect(win.getComputedStyle(launcher).backgroundColor).to.equal('rgb(11, 93, 30)');
  expect(win.getComputedStyle(launcher).borderTopLeftRadius).to.equal('50%');
  launcher.click();
  const box = (await findByRole(el.shadowRoot!, 'textbox', 'Message')) as HTMLTextAreaElement;
  box.value = 'Hello from a strict page';
  box.dispatchEvent(new win.Event('input'));
  await waitFor(() => {
    const send = getByRole(el.shadowRoot!, 'button', 'Send') as HTMLButtonElement;
    if (send.disabled) throw new Error('Send still disabled');
    send.click();
  });
  await waitFor(() => {
    if (!el.getCurrentTicketId()) throw new Error('not sent yet');
  });
  const ticketId = el.getCurrentTicketId()!;
  // The team answers through this frame's reference server, with a link the widget turns into one.
  await win.fetch(`/api/projects/1/conversations/tickets/${ticketId}/messages`, {
    method: 'POST',
    headers: { Authorization: 'Bearer demo-api-key', 'Content-Type': 'application/json' },
    body: JSON.stringify({ content: 'Answer under CSP, see https://example.com/help', author_name: 'Ada' }),
  });
  await findByRole(el.shadowRoot!, 'listitem', /Answer under CSP/, 10_000);
}

describe('strict Content-Security-Policy (no unsafe-inline, no unsafe-eval)', () => {
  before(async () => {
    await startReferenceServer();
  });

  it('the widget loads, renders styled, sends and receives, with no violation', async function () {
    this.timeout(30_000);
    const win = await strictPage('page.html');

    // The policy is really in force: inline code and eval are refused.
    expect(() => win.eval('1')).to.throw();
    const inline = win.document.createElement('script');
    inline.textContent = 'window.inlineRan = true';
    win.document.body.append(inline);
    await waitFor(() => expect(win.cspViolations.some((v) => v.startsWith('script-src'))).to.be.true);
    expect(win.inlineRan).to.equal(undefined);
    win.cspViolations.length = 0;

    await sendAndReceive(win);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('works where Trusted Types are required, with only the lit-html policy allowed for it', async function () {
    this.timeout(30_000);
    const win = await strictPage('trusted-types.html');

    // The policy is really in force: a plain string reaches no HTML sink.
    expect(() => (win.document.body.innerHTML = '<b>not trusted</b>')).to.throw(/TrustedHTML/);
    await waitFor(() => expect(win.cspViolations.some((v) => v.startsWith('require-trusted-types-for'))).to.be.true);
    win.cspViolations.length = 0;

    await sendAndReceive(win);
    expect(win.cspViolations).to.deep.equal([]);
    // The page's default policy (for the test's service worker) was never asked on the widget's behalf.
    expect(win.defaultPolicyCalls?.every((call) => call.includes('/mockServiceWorker.js'))).to.equal(true);
  });
});
