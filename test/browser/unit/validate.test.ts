import { expect } from '@open-wc/testing';
import type { Guard } from '../../../src/transport/guards.js';
import * as ticketList from '../../../src/transport/validate.js';
import * as conversation from '../../../src/transport/validate-conversation.js';

// The checks of both files: the first file's (ticket list, capabilities) and the conversation file's.
const validate = { ...ticketList, ...conversation };

const time = '2024-01-01T00:00:00Z';
const message = { id: 'm1', content: 'Hi', author_type: 'human', author_name: null, created_at: time };
const ticket = {
  id: 't1',
  ticket_number: 1,
  status: 'open',
  unread_count: 2,
  last_message: 'Hi',
  last_message_at: time,
  message_count: 3,
  created_at: time,
};

describe('response validation', () => {
  it('accepts the contract’s shapes and keeps only the fields the client reads', () => {
    const answer = validate.getMessagesResponse(
      {
        ticket_id: 't1',
        ticket_status: 'open',
        messages: [{ ...message, extra: '<b>x</b>' }],
        has_more: false,
        unread_count: 0,
        junk: 1,
      },
      'response',
    );
    expect(answer).to.deep.equal({
      ticket_id: 't1',
      ticket_status: 'open',
      messages: [message],
      has_more: false,
      unread_count: 0,
    });
    expect(validate.getTicketsResponse({ count: 1, results: [ticket] }, 'r').results[0]).to.deep.equal(ticket);
    expect(validate.markAsReadResponse({ success: true, unread_count: 0 }, 'r')).to.deep.equal({
      success: true,
      unread_count: 0,
    });
  });

  it('names the first thing that is wrong', () => {
    const bad = (guard: Guard<unknown>, value: unknown) => () => guard(value, 'response');
    expect(bad(validate.message, { ...message, id: '' })).to.throw('response.id should be an id');
    expect(bad(validate.message, { ...message, created_at: 'yesterday' })).to.throw('response.created_at should be an ISO time');
    // An unknown author type is the team's, never a reason to refuse the answer (REFERENCE-API).
    expect(validate.message({ ...message, author_type: 'robot' }, 'response').author_type).to.equal('support');
    expect(bad(validate.getTicketsResponse, { count: -1, results: [] })).to.throw('response.count should be a whole number ≥ 0');
    expect(bad(validate.getTicketsResponse, { count: 1, results: {} })).to.throw('response.results should be an array');
    expect(bad(validate.getTicketsResponse, { count: 1, results: [{ ...ticket, status: 'lost' }] })).to.throw(
      /response\.results\[0\]\.status/,
    );
    expect(bad(validate.sendMessageResponse, null)).to.throw('response should be an object');
    expect(bad(validate.sendMessageResponse, [])).to.throw('response should be an object');
    expect(bad(validate.okResponse, { ok: 'yes' })).to.throw('response.ok should be true');
  });

  it('restore answers: success with ids, else a status and a code (the status when the code is missing)', () => {
    expect(
      validate.restoreResponse({ status: 'success', widget_session_id: 's', migrated_ticket_ids: ['t1'] }, 'r'),
    ).to.deep.equal({
      status: 'success',
      widget_session_id: 's',
      migrated_ticket_ids: ['t1'],
    });
    expect(validate.restoreResponse({ status: 'expired' }, 'r')).to.deep.equal({ status: 'expired', code: 'expired' });
    expect(() => validate.restoreResponse({ status: 'maybe' }, 'r')).to.throw(
      /r\.status should be one of invalid, expired, used/,
    );
  });

  it('restore answers as a production backend gives them: no empty keys, and migration_failed', () => {
    expect(
      validate.restoreResponse({ status: 'success', widget_session_id: 's' }, 'r'),
      'no ids moved: the key is left out',
    ).to.deep.equal({
      status: 'success',
      widget_session_id: 's',
      migrated_ticket_ids: [],
    });
    expect(validate.restoreResponse({ status: 'invalid', code: 'migration_failed' }, 'r')).to.deep.equal({
      status: 'invalid',
      code: 'migration_failed',
    });
    expect(
      validate.restoreResponse({ status: 'error', code: 'migration_failed' }, 'r'),
      'whatever status word comes with it',
    ).to.deep.equal({
      status: 'invalid',
      code: 'migration_failed',
    });
    expect(() =>
      validate.restoreResponse({ status: 'success', widget_session_id: 's', migrated_ticket_ids: 't1' }, 'r'),
    ).to.throw('r.migrated_ticket_ids should be an array');
    expect(() => validate.restoreResponse({ status: 'error', code: 'oops' }, 'r')).to.throw(/r\.status should be one of/);
  });

  it('capabilities: only an explicit true turns an extension on', () => {
    const none = { stream: false, typing: false, idempotent_send: false, rating: false, attachments: undefined };
    expect(validate.capabilities({ idempotent_send: true, stream: true }, 'r')).to.deep.equal({
      ...none,
      idempotent_send: true,
      stream: true,
    });
    expect(validate.capabilities({ idempotent_send: 'yes', typing: 1 }, 'r')).to.deep.equal(none);
    expect(validate.capabilities({}, 'r')).to.deep.equal(none);
    expect(() => validate.capabilities(null, 'r')).to.throw('r should be an object');
  });
});
