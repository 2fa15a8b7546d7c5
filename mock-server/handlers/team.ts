import { HttpResponse, http } from 'msw';
import { HttpError, jsonBody, withErrors, type HandlerContext } from './context.js';

/** The agent-side API: used by the demo's inbox and by tests to play the support team. */
export function teamHandlers({ store, config }: HandlerContext) {
  const base = `*/api/projects/${config.projectId}/conversations`;

  function checkKey(request: Request) {
    if (request.headers.get('Authorization') !== `Bearer ${config.apiKey}`) {
      throw new HttpError(401, 'Invalid personal API key');
    }
  }

  return [
    http.get(
      `${base}/tickets`,
      withErrors(({ request }) => {
        checkKey(request);
        const results = [...store.data.tickets].sort((a, b) => b.created_at.localeCompare(a.created_at));
        return HttpResponse.json({ count: results.length, next: null, previous: null, results });
      }),
    ),

    http.get(
      `${base}/tickets/:ticketId/messages`,
      withErrors(({ request, params }) => {
        checkKey(request);
        const ticket = store.ticket(String(params.ticketId));
        if (!ticket) throw new HttpError(404, 'Ticket not found');
        return HttpResponse.json({ results: store.messagesOf(ticket.id) });
      }),
    ),

    http.post(
      `${base}/tickets/:ticketId/messages`,
      withErrors(async ({ request, params }) => {
        checkKey(request);
        const ticket = store.ticket(String(params.ticketId));
        if (!ticket) throw new HttpError(404, 'Ticket not found');
        const body = await jsonBody(request);
        const content = typeof body.content === 'string' ? body.content.trim() : '';
        if (!content) throw new HttpError(400, 'content is required', { content: 'required' });
        const message = store.addMessage({
          ticket_id: ticket.id,
          content,
          author_type: body.author_type === 'AI' ? 'AI' : 'human',
          author_name: typeof body.author_name === 'string' ? body.author_name : null,
          is_private: body.is_private === true,
          client_message_id: null,
        });
        return HttpResponse.json(message, { status: 201 });
      }),
    ),
  ];
}
