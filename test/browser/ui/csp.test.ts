import { expect, fixture, html } from '@open-wc/testing';
import { findByRole, getByRole, waitFor } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';

interface CspWindow extends Window {
  eval(code: string): unknown;
  Event: typeof Event;
  ready?: boolean;
  cspViolations: string[];
  inlineRan?: boolean;
}

describe('strict Content-Security-Policy (no unsafe-inline, no unsafe-eval)', () => {
  before(async () => {
    await startReferenceServer();
  });

  it('the widget loads, renders styled, sends and receives, with no violation', async function () {
    this.timeout(30_000);
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/test/browser/ui/csp/page.html" style="width: 600px; height: 700px"></iframe>`,
    );
    const win = frame.contentWindow as CspWindow;
    await waitFor(() => expect(win.ready).to.be.true, 15_000);

    // The policy is really in force: inline code and eval are refused.
    expect(() => win.eval('1')).to.throw();
    const inline = win.document.createElement('script');
    inline.textContent = 'window.inlineRan = true';
    win.document.body.append(inline);
    await waitFor(() => expect(win.cspViolations.some((v) => v.startsWith('script-src'))).to.be.true);
    expect(win.inlineRan).to.equal(undefined);
    win.cspViolations.length = 0;

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
    // The team answers through this frame's reference server.
    await win.fetch(`/api/projects/1/conversations/tickets/${ticketId}/messages`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-api-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'Answer under CSP', author_name: 'Ada' }),
    });
    await findByRole(el.shadowRoot!, 'listitem', /Answer under CSP/, 10_000);
    expect(win.cspViolations).to.deep.equal([]);
  });
});
