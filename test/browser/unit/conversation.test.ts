import { expect } from '@open-wc/testing';
import { Conversation } from '../../../src/client/conversation.js';
import type { Message } from '../../../src/transport/wire-types.js';

const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();
const message = (id: string, s: number, author_type: Message['author_type'] = 'human'): Message => ({
  id,
  content: id,
  author_type,
  author_name: null,
  created_at: at(s),
});

describe('Conversation: merging what the server returns', () => {
  it('de-duplicates by id, keeps time order, and reports only what is new', () => {
    const c = new Conversation();
    expect(c.receive([message('b', 2), message('a', 1)]).map((m) => m.id)).to.deep.equal(['b', 'a']);
    expect(c.receive([message('a', 1), message('c', 3), message('c', 3)]).map((m) => m.id)).to.deep.equal(['c']);
    expect(c.compose([]).map((m) => m.id)).to.deep.equal(['a', 'b', 'c']);
    expect(c.loaded).to.be.true;
  });

  it('moves the cursor to the newest time polled, never to our own sends', () => {
    const c = new Conversation();
    c.receive([message('a', 5), message('b', 3)]);
    expect(c.cursor).to.equal(at(5));
    c.sent({ ...message('mine', 9, 'customer'), clientMessageId: 'k', delivery: 'sent' });
    expect(c.cursor, 'a reply written meanwhile would be skipped').to.equal(at(5));
    expect(c.compose([]).find((m) => m.id === 'mine')?.clientMessageId).to.equal('k');
  });

  it('a sent message that polling returns later is not shown twice', () => {
    const c = new Conversation();
    c.sent({ ...message('m1', 1, 'customer'), clientMessageId: 'k', delivery: 'sent' });
    c.receive([message('m1', 1, 'customer')]);
    expect(c.compose([]).map((m) => m.id)).to.deep.equal(['m1']);
  });

  it('puts the unsent messages after the received ones, with their delivery state', () => {
    const c = new Conversation();
    c.receive([message('a', 1)]);
    const composed = c.compose([
      {
        clientMessageId: 'k',
        content: 'pending',
        ticket: 't',
        traits: { name: 'Ada' },
        queuedAt: 0,
        state: 'failed',
        tab: 'x',
        failure: { kind: 'rejected', code: 'rejected' },
      },
    ]);
    expect(composed.map((m) => [m.id, m.delivery, m.author_name])).to.deep.equal([
      ['a', 'sent', null],
      ['k', 'failed', 'Ada'],
    ]);
    expect(composed[1].failure).to.deep.equal({ kind: 'rejected', code: 'rejected' });
  });

  it('clear() forgets everything; clear(true) knows the ticket has no history', () => {
    const c = new Conversation();
    c.receive([message('a', 1)]);
    c.clear();
    expect([c.compose([]).length, c.cursor, c.loaded]).to.deep.equal([0, undefined, false]);
    c.clear(true);
    expect(c.loaded).to.be.true;
  });
});
