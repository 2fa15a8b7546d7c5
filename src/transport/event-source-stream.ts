import type { LiveStream, LiveStreamListener } from './transport.js';
import type { StreamEvents } from './wire-types.js';
import { streamEvents } from './validate-conversation.js';

const EVENT_NAMES = Object.keys(streamEvents) as Array<keyof StreamEvents>;

/**
 * A live stream over the browser's `EventSource`, behind the small `LiveStream` interface so
 * that the client (and tests, with a fake) never touch `EventSource` itself. The browser's own
 * reconnection is not used: on the first error the source is closed and the listener told,
 * so that reconnecting follows the client's backoff on its clock, and a resume position it
 * tracks itself. An event whose data is not the contract's shape is dropped, never applied.
 */
export function eventSourceStream(url: URL, listener: LiveStreamListener): LiveStream {
  const source = new EventSource(url);
  let closed = false;
  source.onopen = () => listener.open();
  source.onerror = () => {
    if (closed) return;
    // CLOSED after an error: the server answered, but not with a stream (4xx/5xx, wrong type).
    const refused = source.readyState === EventSource.CLOSED;
    close();
    listener.error(refused);
  };
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (event) => {
      if (closed) return;
      let data: StreamEvents[typeof name];
      try {
        data = streamEvents[name](JSON.parse((event as MessageEvent<string>).data), name);
      } catch {
        return;
      }
      listener.event(name, data, (event as MessageEvent).lastEventId);
    });
  }
  const close = () => {
    closed = true;
    source.close();
  };
  return { close };
}
