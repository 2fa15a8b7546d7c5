import assert from 'node:assert/strict';
import { contractProblems } from './contract.js';

/** What an event stream carries, in order: events, comments (`: ping`) and `retry:` lines. */
export type SseItem =
  | { kind: 'event'; id: string | undefined; event: string; data: string; json: unknown }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number };
export type SseEventItem = Extract<SseItem, { kind: 'event' }>;

export interface OpenStream {
  status: number;
  headers: Headers;
  /** The JSON body of a refused stream (403, 400, 429…). */
  body?: unknown;
  /** Everything read so far. */
  items: SseItem[];
  /** The next item matching `match` (default: any event) not yet taken, waiting up to `timeoutMs`. */
  next(match?: (item: SseItem) => boolean, timeoutMs?: number): Promise<SseItem>;
  /** The next event, optionally of a name. */
  nextEvent(event?: string, timeoutMs?: number): Promise<SseEventItem>;
  /** Resolves when the server ended the stream (or rejects after `timeoutMs`). */
  ended(timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * Node 20 has no EventSource: this reads a stream with `fetch` and a body reader, and parses
 * it as the WHATWG event-stream format says (fields per line, an event per blank line, an
 * event with no data dispatches nothing but still moves the last id). A refused stream's
 * JSON answer is checked against openapi.json like every other answer in these tests.
 */
export async function openStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const items: SseItem[] = [];
  let taken = 0;
  const takenSet = new Set<number>();
  let waiters: Array<() => void> = [];
  let done = false;
  const wake = () => {
    for (const w of waiters) w();
    waiters = [];
  };

  if (!/^text\/event-stream/.test(response.headers.get('content-type') ?? '')) {
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    const problems = contractProblems('GET', new URL(url).pathname, response.status, response.headers, body);
    assert.deepEqual(problems, [], `GET ${new URL(url).pathname} (${response.status}) does not match openapi.json`);
    done = true;
    return {
      status: response.status,
      headers: response.headers,
      body,
      items,
      next: () => Promise.reject(new Error('no stream')),
      nextEvent: () => Promise.reject(new Error('no stream')),
      ended: () => Promise.resolve(),
      close: () => {},
    };
  }

  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { id: undefined as string | undefined, name: '', data: [] as string[], hasId: false };
    try {
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        buffer += value;
        let newline: number;
        while ((newline = buffer.search(/\r\n|\n|\r/)) !== -1) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (event.data.length) {
              const data = event.data.join('\n');
              let json: unknown;
              try {
                json = JSON.parse(data);
              } catch {
                json = undefined;
              }
              items.push({ kind: 'event', id: event.id, event: event.name || 'message', data, json });
            } else if (event.hasId) {
              items.push({ kind: 'event', id: event.id, event: '', data: '', json: undefined });
            }
            event = { id: undefined, name: '', data: [], hasId: false };
            wake();
            continue;
          }
          if (line.startsWith(':')) {
            items.push({ kind: 'comment', text: line.slice(1).trim() });
            wake();
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') event.data.push(value);
          else if (field === 'event') event.name = value;
          else if (field === 'id') {
            event.id = value;
            event.hasId = true;
          } else if (field === 'retry' && /^\d+$/.test(value)) {
            items.push({ kind: 'retry', ms: Number(value) });
            wake();
          }
        }
      }
    } catch {
      // aborted by close(), or the connection dropped
    }
    done = true;
    wake();
  })();

  const isEvent = (item: SseItem) => item.kind === 'event' && item.event !== '';
  async function next(match: (item: SseItem) => boolean = isEvent, timeoutMs = 3000): Promise<SseItem> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = taken; i < items.length; i++) {
        if (!takenSet.has(i) && match(items[i])) {
          takenSet.add(i);
          while (takenSet.has(taken)) taken++;
          return items[i];
        }
      }
      if (done) throw new Error(`stream ended without a matching item; read: ${JSON.stringify(items)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching item within ${timeoutMs} ms; read: ${JSON.stringify(items)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  return {
    status: response.status,
    headers: response.headers,
    items,
    next,
    nextEvent: async (event?: string, timeoutMs?: number) =>
      (await next(
        (item) => isEvent(item) && (event === undefined || (item as SseEventItem).event === event),
        timeoutMs,
      )) as SseEventItem,
    async ended(timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!done) {
        if (Date.now() > deadline) throw new Error('stream still open');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => abort.abort(),
  };
}

/** The events (not comments, not the id-only position) read so far. */
export const eventsOf = (stream: OpenStream) =>
  stream.items.filter((i): i is SseEventItem => i.kind === 'event' && i.event !== '');

/** The last id the stream gave, as an EventSource would remember it. */
export const lastIdOf = (stream: OpenStream) =>
  stream.items.filter((i): i is SseEventItem => i.kind === 'event' && i.id !== undefined).at(-1)?.id;
