import { expect } from '@open-wc/testing';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { notDelegated } from '../../../src/components/support-chat/delegate.js';
import { waitFor } from '../helpers/queries.js';
import { startReferenceServer, team } from '../helpers/reference-server.js';
import { openPanel, send, ticketOf, widget } from './widget.js';

describe('the element: the client’s methods, and the client’s lifetime', () => {
  beforeEach(async () => {
    await startReferenceServer();
  });

  it('has every method of the API, each answering as its client does', async () => {
    const el = await widget();
    for (const name of Object.getOwnPropertyNames(SupportChatClient.prototype).filter((n) => !notDelegated.test(n)))
      expect((el as unknown as Record<string, unknown>)[name], name).to.be.a('function');
    await openPanel(el);
    await send(el, 'Hello from the element');
    const ticketId = await ticketOf(el);
    expect(el.getState()).to.equal(el.client!.getState());
    const seen: string[] = [];
    const unsubscribe = el.subscribe((state) => seen.push(state.currentTicketId ?? 'none'));
    unsubscribe();
    expect(seen).to.deep.equal([ticketId]);
    await el.selectTicket(null);
    expect(el.getCurrentTicketId()).to.equal(null);
    await el.selectTicket(ticketId);
    await el.refresh();
    expect(el.getState().messages.map((m) => m.content)).to.deep.equal(['Hello from the element']);
  });

  it('isVisible(), show() and hide() are the element’s own: the client knows nothing of rendering', async () => {
    const el = await widget();
    el.hide();
    expect([el.isVisible(), el.hidden]).to.deep.equal([false, true]);
    expect('visible' in el.client!.getState()).to.be.false;
    el.show();
    expect([el.isVisible(), el.hidden]).to.deep.equal([true, false]);
  });

  it('leaves a client the page supplied running when removed', async () => {
    const el = await widget();
    const client = el.client!;
    await openPanel(el);
    await send(el, 'Still listening?');
    const ticketId = await ticketOf(el);
    el.closePanel();
    el.remove();
    await team.reply(ticketId, 'Yes');
    await waitFor(() => expect(client.getState().unreadCount, 'it still polls').to.equal(1));
    client.stop();
  });

  it('stops the client it made itself when removed', async () => {
    const el = document.createElement('support-chat');
    el.token = `element-made-${Math.random()}`;
    document.body.append(el);
    const client = el.client!;
    let stopped = 0;
    const stop = client.stop.bind(client);
    client.stop = () => (stopped++, stop());
    el.remove();
    expect(stopped).to.equal(1);
  });
});
