import type {
  Credentials,
  LiveStream,
  LiveStreamListener,
  OpenStreamRequest,
  TypingRequest,
} from '../../../src/transport/transport.js';
import type { Capabilities, Message, StreamEvents } from '../../../src/transport/wire-types.js';
import { MemoryTransport } from './memory-transport.js';

/** One stream the client opened, driven by the test. */
export interface FakeStream {
  request: OpenStreamRequest;
  listener: LiveStreamListener;
  closed: boolean;
}

/**
 * The memory backend with the live extensions, every one driven by hand: the test opens,
 * feeds and breaks the streams the client asks for, and reads the typing it sent.
 */
export class LiveMemoryTransport extends MemoryTransport {
  capabilities: Capabilities = { stream: true, typing: true };
  readonly streams: FakeStream[] = [];
  readonly typing: Array<TypingRequest> = [];
  #id = 100;

  async getCapabilities() {
    this.calls.push('capabilities');
    return this.capabilities;
  }

  openStream(_credentials: Credentials, request: OpenStreamRequest, listener: LiveStreamListener): LiveStream {
    const stream: FakeStream = { request, listener, closed: false };
    this.streams.push(stream);
    return { close: () => (stream.closed = true) };
  }

  async sendTyping(_credentials: Credentials, request: TypingRequest) {
    this.typing.push(request);
  }

  /** The stream open now. */
  get current(): FakeStream | undefined {
    return this.streams.filter((s) => !s.closed).at(-1);
  }

  /** Sends an event on the open stream, with the next id (or the one given). */
  emit<K extends keyof StreamEvents>(name: K, data: StreamEvents[K], id = String(++this.#id)) {
    this.current!.listener.event(name, data, id);
    return id;
  }

  /** The team answers, and the stream says so. */
  replyLive(ticketId: string, content: string): Message {
    const message = this.reply(ticketId, content);
    this.emit('message', { ticket_id: ticketId, message });
    return message;
  }

  /** The connection breaks (or the server refuses it). */
  fail(refused = false) {
    const stream = this.current!;
    stream.closed = true;
    stream.listener.error(refused);
  }
}
