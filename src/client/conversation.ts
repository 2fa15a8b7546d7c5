import { MAX_MESSAGE_LENGTH } from '../../contract/limits.js';
import type { Message } from '../transport/wire-types.js';
import type { ChatMessage, ChatUpload } from './chat-state.js';
import type { OutboxEntry } from './delivery/outbox.js';

/**
 * The messages of the ticket on show: what the server returned (de-duplicated by id,
 * oldest first) followed by the visitor's messages still in the outbox.
 */
export class Conversation {
  #received: ChatMessage[] = [];
  /** Newest time seen by polling: the `after` cursor. Our own sends never move it, or replies written meanwhile would be skipped. */
  cursor: string | undefined;
  /** Its history has been loaded once: from then on, new team messages are news. */
  loaded = false;

  /** Forget everything: another ticket is on show. `empty` when it is known to have no history (we just opened it). */
  clear(empty = false) {
    this.#received = [];
    this.cursor = undefined;
    this.loaded = empty;
  }

  /** Adds polled messages; returns those not seen before. */
  receive(messages: Message[]): Message[] {
    const known = new Set(this.#received.map((m) => m.id));
    const fresh = messages.filter((m) => !known.has(m.id) && !!known.add(m.id));
    let newest = this.cursor ? Date.parse(this.cursor) : -Infinity;
    for (const m of messages) {
      const time = Date.parse(m.created_at);
      if (time > newest) {
        newest = time;
        this.cursor = m.created_at;
      }
    }
    this.#add(fresh.map((m) => ({ ...m, content: cut(m.content), delivery: 'sent' })));
    this.loaded = true;
    return fresh;
  }

  /** One of ours reached the server; it keeps its client id so that a UI can key it stably. */
  sent(message: ChatMessage) {
    if (!this.#received.some((m) => m.id === message.id)) this.#add([message]);
  }

  /** `uploads`: the files of an unsent message, with their progress. */
  compose(pending: OutboxEntry[], uploads?: (entry: OutboxEntry) => ChatUpload[] | undefined): ChatMessage[] {
    return [
      ...this.#received,
      ...pending.map((e): ChatMessage => ({
        id: e.clientMessageId,
        clientMessageId: e.clientMessageId,
        content: e.content,
        author_type: 'customer',
        author_name: e.traits.name ?? null,
        created_at: new Date(e.queuedAt).toISOString(),
        delivery: e.state,
        failure: e.failure,
        ...(e.attachments?.length && { uploads: uploads?.(e) }),
      })),
    ];
  }

  /** Oldest first (a stable sort, so equal times keep their order), each time parsed once: a long history has tens of thousands of comparisons. */
  #add(messages: ChatMessage[]) {
    if (!messages.length) return; // a poll with nothing new: the history stays sorted as it is
    this.#received = [...this.#received, ...messages]
      .map((message) => ({ message, time: Date.parse(message.created_at) }))
      .sort((a, b) => a.time - b.time)
      .map(({ message }) => message);
  }
}

/**
 * No message is longer than the contract allows: a backend sending more (one 100,000-character
 * word froze the tab for seconds) is cut there, in code points, so no surrogate pair is split.
 */
function cut(content: string): string {
  if (content.length <= MAX_MESSAGE_LENGTH) return content; // code points never outnumber code units
  const points = [...content];
  return points.length <= MAX_MESSAGE_LENGTH ? content : points.slice(0, MAX_MESSAGE_LENGTH).join('');
}
