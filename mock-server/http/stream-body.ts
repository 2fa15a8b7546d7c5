import type { ServerResponse } from 'node:http';

/** Answers that go out chunk by chunk as the handler writes them: the live streams. */
export const isStreaming = (response: Response) => /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '');

/**
 * Writes the head, then the body to the socket one chunk at a time, as each comes, instead of
 * awaiting the whole body (which, for an event stream, never ends). Waits for `drain` when
 * the socket is full, so that a slow client's backlog stays in the stream's bounded queue
 * (lib/sse.ts closes it past its limit); when the client goes away, the body is cancelled,
 * which detaches the stream from the store.
 */
export async function pipeStream(response: Response, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  // A stream's connection serves nothing after it (the client reconnects with a new request):
  // closed with the stream, it cannot hold a stopping server open as an idle keep-alive would.
  res.writeHead(response.status, { ...headers, Connection: 'close' });
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  const onClose = () => void reader.cancel().catch(() => {});
  res.once('close', onClose);
  try {
    res.flushHeaders();
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value))
        await new Promise<void>((resolve) => {
          const settle = () => {
            res.off('drain', settle);
            res.off('close', settle);
            resolve();
          };
          res.once('drain', settle);
          res.once('close', settle);
        });
    }
  } catch {
    // The body errored or was cancelled: end the answer, there is nothing more to say.
  } finally {
    res.off('close', onClose);
    if (!res.destroyed) res.end();
  }
}
