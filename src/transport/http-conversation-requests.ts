import { loadAttachments } from '../client/attachments/load-attachments.js';
import { eventSourceStream } from './event-source-stream.js';
import type { Guard } from './guards.js';
import type { CONVERSATION_REQUESTS } from './http-transport.js';
import type { Credentials, Transport } from './transport.js';
import { invalidResponse } from './transport-error.js';
import type { UploadAnswer } from './upload.js';
import * as validate from './validate-conversation.js';

/** What `HttpTransport` lends the requests below: its one way to send, and what a stream or an upload needs besides. */
export interface HttpChannel {
  /** Sends `fields` to the widget API at `path` (GET: the query; POST: a JSON body), its answer checked by `guard`. */
  request<T>(method: 'GET' | 'POST', path: string, guard: Guard<T>, fields: Record<string, unknown>): Promise<T>;
  /** An upload's answer, read as `request` reads one. */
  read<T>(answer: UploadAnswer, guard: Guard<T>): T;
  /** The credentials as the contract's fields. */
  fields(credentials: Credentials): Record<string, string>;
  /** The widget API's URL. */
  base: string;
  token: string;
  timeoutMs: number;
}

type Requests = {
  [K in HttpConversationRequest]: (
    http: HttpChannel,
    ...args: Parameters<Required<Transport>[K]>
  ) => ReturnType<Required<Transport>[K]>;
};

/** The requests of a conversation, which a page that only counts unread replies never makes (named once, in http-transport.ts). */
export type HttpConversationRequest = (typeof CONVERSATION_REQUESTS)[number] | 'openStream';

/**
 * `HttpTransport`'s requests beyond the ticket list and the capabilities, with the checks of
 * their answers: in the conversation file, which the transport loads on the first of them
 * (the client has loaded it by then, for the parts that make them).
 */
export const httpConversationRequests: Requests = {
  sendMessage: (http, credentials, r) =>
    http.request('POST', '/message', validate.sendMessageResponse, {
      ...http.fields(credentials),
      message: r.message,
      ticket_id: r.ticketId,
      traits: r.traits ?? {},
      // Required with a session (the production backend answers 400 without it): see `credentialFields` (http-transport.ts).
      ...(r.distinctId && { distinct_id: r.distinctId }),
      client_message_id: r.clientMessageId,
      session_context: r.currentUrl ? { current_url: r.currentUrl } : undefined,
      attachment_ids: r.attachmentIds?.length ? r.attachmentIds : undefined,
    }),

  async getMessages(http, credentials, r) {
    const query = { ...http.fields(credentials), after: r.after, limit: r.limit };
    const path = `/messages/${encodeURIComponent(r.ticketId)}`;
    const response = await http.request('GET', path, validate.getMessagesResponse, query);
    // Messages of another ticket would be shown in the wrong conversation.
    if (response.ticket_id !== r.ticketId) throw invalidResponse('response.ticket_id is not the ticket asked for');
    return response;
  },

  markAsRead: (http, credentials, ticketId) =>
    http.request('POST', `/messages/${encodeURIComponent(ticketId)}/read`, validate.markAsReadResponse, http.fields(credentials)),

  async requestRestoreLink(http, email, requestUrl) {
    await http.request('POST', '/restore/request', validate.okResponse, { email, request_url: requestUrl });
  },

  restore: (http, r) =>
    http.request('POST', '/restore', validate.restoreResponse, {
      restore_token: r.restoreToken,
      widget_session_id: r.widgetSessionId,
      distinct_id: r.distinctId,
    }),

  /** `EventSource` cannot set headers: the token and the credentials go in the query. */
  openStream(http, credentials, r, listener) {
    const url = new URL(http.base + '/stream', globalThis.location?.href);
    const query = { token: http.token, ...http.fields(credentials), last_event_id: r.lastEventId };
    for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
    return eventSourceStream(url, listener);
  },

  async sendTyping(http, credentials, r) {
    const fields = { ...http.fields(credentials), ticket_id: r.ticketId, typing: r.typing };
    await http.request('POST', '/typing', validate.okResponse, fields);
  },

  async rate(http, credentials, r) {
    const fields = { ...http.fields(credentials), score: r.score, comment: r.comment || undefined };
    await http.request('POST', `/tickets/${encodeURIComponent(r.ticketId)}/rating`, validate.okResponse, fields);
  },

  /** `multipart/form-data` with `file` and the credential fields, by XHR (for its progress events) from the panel file. */
  async uploadAttachment(http, file, credentials, options) {
    const { postForm, attachment } = await loadAttachments();
    const answer = await postForm(
      http.base + '/attachments',
      http.token,
      http.fields(credentials),
      file,
      options,
      http.timeoutMs,
    );
    return http.read(answer, attachment);
  },
};
