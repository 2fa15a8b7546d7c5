import { expect } from '@open-wc/testing';
import type { SupportChatApi } from '../../../src/client/api.js';
import { notDelegated } from '../../../src/components/support-chat/delegate.js';

const apiNames = () => Object.getOwnPropertyNames(SupportChatClient.prototype).filter((name) => !notDelegated.test(name));
import { ClientOperations } from '../../../src/client/client-operations.js';
import { SupportChatClient } from '../../../src/client/support-chat-client.js';
import { MemoryStorage } from '../../../src/client/storage.js';
import { SupportChat } from '../../../src/index.js';
import { MemoryTransport } from '../helpers/memory-transport.js';

// Every name of the interface, written out: the compiler checks this record against the interface.
const names: Record<keyof SupportChatApi, true> = {
  isAvailable: true,
  openPanel: true,
  closePanel: true,
  toggle: true,
  sendMessage: true,
  retryMessage: true,
  discardMessage: true,
  getMessages: true,
  markAsRead: true,
  getTickets: true,
  selectTicket: true,
  refresh: true,
  getCurrentTicketId: true,
  getWidgetSessionId: true,
  getState: true,
  subscribe: true,
  requestRestoreLink: true,
  restoreFromUrlToken: true,
  discardRestoreToken: true,
  identify: true,
  setIdentity: true,
  clearIdentity: true,
  reset: true,
  setTyping: true,
  ratingOffer: true,
  rate: true,
  getAttachmentLimits: true,
  checkAttachments: true,
  cancelAttachment: true,
  showNewMessage: true,
};

describe('SupportChatApi: one list of methods for the client and the element', () => {
  it('the element delegates exactly the methods of the interface', () => {
    expect(apiNames().sort()).to.deep.equal(Object.keys(names).sort());
  });

  it('the client and the element both have every one', () => {
    for (const name of Object.keys(names) as Array<keyof SupportChatApi>) {
      expect(SupportChatClient.prototype[name], `client.${name}`).to.be.a('function');
      expect(SupportChat.prototype[name], `element.${name}`).to.be.a('function');
    }
  });

  it('the client has each operation of the conversation file as a method of its own, from the start', () => {
    const operations = Object.getOwnPropertyNames(ClientOperations.prototype).filter((name) => name !== 'constructor');
    expect(operations).to.include('sendMessage');
    for (const name of operations) {
      expect(Object.hasOwn(SupportChatClient.prototype, name), `client.${name}`).to.equal(true);
      expect(SupportChatClient.prototype[name as keyof SupportChatApi]).not.to.equal(
        ClientOperations.prototype[name as keyof ClientOperations],
      );
    }
  });

  it('the element calls its client; before it has one, it is not available and the rest throws', async () => {
    const el = document.createElement('support-chat');
    expect(el.isAvailable()).to.equal(false);
    expect(() => el.getCurrentTicketId()).to.throw(/not connected/);
    expect(() => el.sendMessage('Hi')).to.throw(/not connected/);
    el.client = new SupportChatClient({
      token: `api-${Math.random()}`,
      transport: new MemoryTransport(),
      storage: new MemoryStorage(),
    });
    await el.client.start();
    expect(el.isAvailable()).to.equal(true);
    expect(el.getState()).to.equal(el.client.getState());
    expect(el.getWidgetSessionId()).to.equal(el.client.getWidgetSessionId());
    el.client.stop();
  });
});
