/**
 * Server-Sent Events on the wire (the WHATWG `text/event-stream` format), as a plain
 * `ReadableStream` Response. Not MSW's `sse()`: it refuses to be built where `EventSource`
 * is missing (Node 20, so neither `setupServer` nor the HTTP server could use it), only
 * answers requests that send exactly `Accept: text/event-stream`, cannot answer 403/429 as
 * JSON before the stream, and cannot write comments (the heartbeat). A stream Response works
 * the same in the service worker, in `setupServer` and behind the HTTP server.
 */

export interface SseEvent {
  id?: number;
  event?: string;
  data?: unknown;
}

/** One event block. `data` is JSON on one line (JSON escapes newlines, so no line of it can end the event). */
export function sseEvent({ id, event, data }: SseEvent): string {
  let frame = '';
  if (id !== undefined) frame += `id: ${id}\n`;
  if (event !== undefined) frame += `event: ${event}\n`;
  if (data !== undefined) frame += `data: ${JSON.stringify(data)}\n`;
  return `${frame}\n`;
}

/** A comment line: ignored by `EventSource`, it keeps proxies and the client's watchdog awake. */
export const sseComment = (text: string) => `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;

/** The reconnect delay the client should use, in ms. */
export const sseRetry = (ms: number) => `retry: ${ms}\n\n`;

/** What the code behind a stream holds: write frames to it, or end it. */
export interface SseChannel {
  send(frame: string): void;
  close(): void;
}

/**
 * A client that does not read (a frozen tab) must not grow the queue without end: past this
 * many unsent bytes the stream is closed, and the client resumes with Last-Event-ID.
 */
const MAX_QUEUED_BYTES = 1 << 20;

const HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform',
  // Proxies that buffer (nginx) would hold events back.
  'X-Accel-Buffering': 'no',
};

/**
 * A `text/event-stream` Response. `open` runs at once (synchronously, so nothing can happen
 * between the caller's checks and it) with the channel, and returns what to undo when the
 * stream ends, whoever ends it: the client going away (`cancel`, or the request aborted),
 * the server closing it, or a slow client. A `: ping` goes out every `heartbeatMs`.
 */
export function eventStreamResponse(
  open: (channel: SseChannel) => () => void,
  { heartbeatMs, signal }: { heartbeatMs: number; signal?: AbortSignal },
) {
  const encoder = new TextEncoder();
  let ended = false;
  let undo: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let channel: SseChannel | undefined;

  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    undo?.();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        channel = {
          send(frame) {
            if (ended) return;
            if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return channel!.close();
            controller.enqueue(encoder.encode(frame));
          },
          close() {
            if (ended) return;
            end();
            try {
              controller.close();
            } catch {
              // already closed or errored by the reader: nothing left to end
            }
          },
        };
        undo = open(channel);
        if (ended) return undo();
        heartbeat = setInterval(() => channel!.send(sseComment('ping')), heartbeatMs);
        (heartbeat as { unref?: () => void }).unref?.();
      },
      cancel() {
        end();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  signal?.addEventListener('abort', () => channel?.close(), { once: true });
  return new Response(stream, { status: 200, headers: HEADERS });
}
