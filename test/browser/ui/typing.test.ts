import { expect } from '@open-wc/testing';
import type { SupportChat } from '../../../src/index.js';
import { waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { widget } from './widget.js';

/** The typing line of the conversation, against the reference server's live stream. */
describe('typing in the conversation', () => {
  beforeEach(() => startReferenceServer({ live: true }));

  const typingLine = (el: SupportChat) =>
    el.shadowRoot!.querySelector('support-chat-message-list')!.shadowRoot!.querySelector<HTMLElement>('[part="typing"]')!;

  it('shows "Dana is typing…" in a polite status, and hides it when the reply arrives', async () => {
    const el = await widget();
    el.openPanel();
    await el.sendMessage('Hello');
    await waitFor(() => expect(el.getState().channel).to.equal('live'));
    await waitFor(() => expect(typingLine(el)).to.exist);
    const line = typingLine(el);
    expect(line.getAttribute('role'), 'a polite live region, there before anyone types').to.equal('status');
    expect(line.textContent!.trim()).to.equal('');
    const ticketId = el.getCurrentTicketId()!;
    await team.typing(ticketId, true, 'Dana');
    await waitFor(() => expect(typingLine(el).textContent!.trim()).to.equal('Dana is typing…'));
    expect(typingLine(el), 'the same element: only its text changes').to.equal(line);
    await team.reply(ticketId, 'Here I am');
    await waitFor(() => expect(typingLine(el).textContent!.trim()).to.equal(''));
  });

  it('says it in the locale, and without a name', async () => {
    const el = await widget({ locale: 'de' });
    el.openPanel();
    await el.sendMessage('Hallo');
    await waitFor(() => expect(el.getState().channel).to.equal('live'));
    await team.typing(el.getCurrentTicketId()!, true);
    await waitFor(() => expect(typingLine(el).textContent!.trim()).to.equal('Der Support schreibt…'));
  });
});
