import { expect } from '@open-wc/testing';
import { defaultConfig } from '../../../mock-server/config.js';
import { hmacSha256Hex } from '../../../mock-server/lib/crypto.js';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import { waitFor } from '../helpers/queries.js';
import { WIDGET_TOKEN, startReferenceServer, team } from '../helpers/reference-server.js';
import { lastRestoreLink, otherBrowser } from './helpers.js';

describe('hardening: a verified visitor can restore', () => {
  const originalUrl = location.href;
  beforeEach(() => startReferenceServer());
  afterEach(() => history.replaceState(history.state, '', originalUrl));

  const identified = (storage: MemoryStorage) =>
    new SupportChatClient({
      token: `identified-${Math.random()}`,
      transport: new HttpTransport({ token: WIDGET_TOKEN }),
      storage,
      pollIntervals: { open: 60_000, closed: 60_000 },
    });

  it('sees, reads and writes the restored tickets beside its own, also after a reload', async () => {
    const phone = otherBrowser();
    await phone.sendMessage('Asked on my phone, logged out', { email: 'ida@example.com' });
    const restoredId = phone.getCurrentTicketId()!;
    await phone.requestRestoreLink('ida@example.com');
    phone.stop();

    const storage = new MemoryStorage();
    let c = identified(storage);
    await c.setIdentity('user-42', await hmacSha256Hex(defaultConfig.identitySecret, 'user-42'));
    await c.sendMessage('Asked while logged in');
    const ownId = c.getCurrentTicketId()!;

    history.replaceState(history.state, '', await lastRestoreLink());
    expect((await c.restoreFromUrlToken())?.status).to.equal('success');
    await c.refresh();
    expect(
      c
        .getState()
        .tickets.map((t) => t.id)
        .sort(),
    ).to.deep.equal([ownId, restoredId].sort());
    await c.selectTicket(restoredId);
    await waitFor(() => expect(c.getState().messages.map((m) => m.content)).to.deep.equal(['Asked on my phone, logged out']));
    await c.sendMessage('Now on my laptop');
    expect((await team.messages(restoredId)).map((m) => m.content)).to.include('Now on my laptop');
    expect(c.getState().error).to.equal(null);

    c.stop(); // a reload: the site calls setIdentity again
    c = identified(storage);
    await c.setIdentity('user-42', await hmacSha256Hex(defaultConfig.identitySecret, 'user-42'));
    await c.refresh();
    expect(c.getCurrentTicketId(), 'not dropped as gone').to.equal(restoredId);
    expect(
      c
        .getState()
        .tickets.map((t) => t.id)
        .sort(),
    ).to.deep.equal([ownId, restoredId].sort());
    expect(c.getState().messages.map((m) => m.content)).to.deep.equal(['Asked on my phone, logged out', 'Now on my laptop']);
    await c.selectTicket(ownId);
    await waitFor(() => expect(c.getState().messages.map((m) => m.content)).to.deep.equal(['Asked while logged in']));
    c.stop();
  });
});
