import { HttpResponse, http } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { SupportChat } from '../../../src/index.js';
import { waitFor } from '../helpers/queries.js';
import { deep, openPanel, send, ticketOf, ui, widget } from './widget.js';

/**
 * Replies the reference server cannot make (formatting, other backends' author types) come
 * from a `worker.use()` override of the messages answer, so they still travel the real
 * path: HTTP, validation, client, message list. Everything else stays the real handlers.
 */

let sequence = 0;

/** A team reply as a backend might send it; `fields` may be anything, it is JSON on the wire. */
export function reply(fields: Record<string, unknown>): Record<string, unknown> {
  sequence++;
  return {
    id: `served-${sequence}`,
    content: `reply ${sequence}`,
    author_type: 'support',
    author_name: 'Ada',
    // After the visitor's "Hi", in the order given.
    created_at: new Date(Date.UTC(2030, 0, 1) + sequence * 1000).toISOString(),
    ...fields,
  };
}

/**
 * A widget whose conversation answers with the visitor's "Hi" and then `messages`, given as
 * values or as the raw JSON of the array (for keys such as `__proto__` that a literal cannot
 * hold); resolves once every one of them shows.
 */
export async function widgetShowing(worker: SetupWorker, messages: unknown[] | string, timeout = 5000) {
  const json = typeof messages === 'string' ? messages : JSON.stringify(messages);
  const count = typeof messages === 'string' ? (JSON.parse(json) as unknown[]).length : messages.length;
  worker.use(
    http.get(
      '*/api/conversations/v1/widget/messages/:id',
      ({ params }) =>
        new HttpResponse(
          `{"ticket_id":${JSON.stringify(params.id)},"ticket_status":"open","has_more":false,"unread_count":0,"messages":${json}}`,
          { headers: { 'Content-Type': 'application/json' } },
        ),
    ),
  );
  const el = await widget();
  await openPanel(el);
  await send(el, 'Hi');
  await ticketOf(el);
  await waitFor(() => {
    if (teamItems(el).length !== count) throw new Error(`${teamItems(el).length} of ${count} replies shown`);
  }, timeout);
  await el.updateComplete;
  return el;
}

/** The team's messages on show, oldest first. */
export const teamItems = (el: SupportChat) => [...deep(ui(el))].filter((e) => e.matches('li[part~=message-team]'));

/** The bubble of each team message: `.rich` when it was rendered from `rich_content`. */
export const teamContents = (el: SupportChat) => teamItems(el).map((item) => item.querySelector<HTMLElement>('.content')!);
