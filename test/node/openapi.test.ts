import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHandlers } from '../../mock-server/handlers/index.js';
import { contractProblems, findOperation, openapi } from './helpers/contract.js';

/**
 * The document itself. (That every answer the Node tests see matches it is checked on each
 * request by helpers/api.ts.)
 */
describe('mock-server/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose every $ref resolves', () => {
    assert.equal(openapi.openapi, '3.1.0');
    const refs = JSON.stringify(openapi).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    assert.ok(refs.length > 30);
    for (const ref of refs) {
      const name = ref.split('/').at(-1)!.replace('"', '');
      assert.ok(name in openapi.components.schemas, `${name} is defined`);
    }
  });

  it('documents every route the handlers serve, and every operation has an id and a success answer', () => {
    const routes = createHandlers()
      .map((h) => h.info as { method?: unknown; path?: unknown })
      .filter((info) => typeof info.path === 'string' && typeof info.method === 'string' && info.method !== 'all');
    assert.ok(routes.length >= 19, `${routes.length} routes`);
    for (const { method, path } of routes) {
      const concrete = String(path)
        .replace(/^\*/, '')
        .replace(':projectId', '1')
        .replace(/:ticketId/g, '00000000-0000-4000-8000-000000000000');
      const found = findOperation(String(method), concrete);
      assert.ok(found, `${method} ${path} is documented`);
      assert.ok(found.operation.operationId);
      assert.ok(Object.keys(found.operation.responses).some((s) => s.startsWith('2')));
    }
  });

  it('catches an answer that breaks the contract (so the per-request check can fail)', () => {
    const message = {
      id: '00000000-0000-4000-8000-000000000000',
      content: 'x',
      author_type: 'support',
      author_name: null,
      created_at: '2024-01-01T00:00:00.000Z',
    };
    const answer = { ticket_id: message.id, ticket_status: 'new', messages: [message], has_more: false, unread_count: 0 };
    const path = `/api/conversations/v1/widget/messages/${message.id}`;
    assert.deepEqual(contractProblems('GET', path, 200, new Headers(), answer), []);
    assert.notDeepEqual(
      contractProblems('GET', path, 200, new Headers(), { ...answer, messages: [{ ...message, is_private: true }] }),
      [],
      'a leaked is_private',
    );
    assert.notDeepEqual(
      contractProblems('GET', path, 200, new Headers(), { ...answer, ticket_status: 'closed' }),
      [],
      'an unknown status',
    );
    assert.notDeepEqual(
      contractProblems('POST', '/api/conversations/v1/widget/message', 429, new Headers(), { error: 'x' }),
      [],
      'a 429 without Retry-After',
    );
    assert.notDeepEqual(
      contractProblems('GET', '/api/projects/1/conversations/tickets', 418, new Headers(), { error: 'x' }),
      [],
      'an undocumented status',
    );
    assert.notDeepEqual(contractProblems('GET', '/api/nowhere', 200, new Headers(), {}), [], 'an undocumented path');
  });
});
