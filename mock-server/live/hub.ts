import { LIVE_STREAM } from '../../contract/limits.js';
import { sseEvent, sseRetry, type SseChannel } from '../lib/sse.js';
import type { Store, StoreChange } from '../store.js';
import { deliveriesOf } from './deliveries.js';
import { EventIds, parseEventId } from './event-ids.js';
import { ReplayBuffer } from './replay-buffer.js';

/** Why a stream starts with (or gets) `reset`: the client re-reads tickets and messages. */
export type ResetReason = 'unknown_id' | 'too_old' | 'state_replaced';

/**
 * The live streams of one store: a single subscriber of its change feed (no other source of
 * events exists) that turns each change into events with ids, keeps them for replay, and
 * writes them to the open streams of their callers. Streams attach and detach here.
 */
export class LiveHub {
  readonly #ids: EventIds;
  readonly #buffer: ReplayBuffer;
  readonly #open = new Map<string, Set<SseChannel>>();
  readonly #unsubscribe: () => void;

  constructor(private readonly store: Store) {
    this.#ids = new EventIds(() => store.data);
    this.#buffer = new ReplayBuffer(() => store.nowMs());
    this.#buffer.restart(this.#ids.start);
    this.#unsubscribe = store.feed.subscribe((change) => this.#publish(change));
  }

  /** Whether `caller` may open one more stream. */
  hasRoom(caller: string): boolean {
    return (this.#open.get(caller)?.size ?? 0) < LIVE_STREAM.maxPerCaller;
  }

  /**
   * Attaches a stream: first `retry`, then what it missed since `lastEventId` (or `reset`
   * when that cannot be told), or for a first connection an id alone, which gives the
   * browser a position to resume from if it loses the stream before any event. Returns the
   * function that detaches it.
   */
  attach(caller: string, lastEventId: string | null, channel: SseChannel): () => void {
    channel.send(sseRetry(LIVE_STREAM.retryMs));
    if (lastEventId === null) {
      // An event without data sets the EventSource's last id and dispatches nothing.
      channel.send(sseEvent({ id: this.#ids.current }));
    } else {
      const id = parseEventId(lastEventId);
      const missed = id === null || id > this.#ids.current ? null : this.#buffer.since(caller, id);
      if (missed) for (const event of missed) channel.send(event.frame);
      else channel.send(this.#resetFrame(id === null || id > this.#ids.current ? 'unknown_id' : 'too_old'));
    }
    let channels = this.#open.get(caller);
    if (!channels) this.#open.set(caller, (channels = new Set()));
    channels.add(channel);
    return () => {
      channels.delete(channel);
      if (!channels.size && this.#open.get(caller) === channels) this.#open.delete(caller);
    };
  }

  /** Ends every stream (the server stops); clients reconnect after `retry`. */
  closeAll() {
    for (const channels of [...this.#open.values()]) for (const channel of [...channels]) channel.close();
  }

  /** Open streams, for tests and shutdown. */
  get openStreams(): number {
    let n = 0;
    for (const channels of this.#open.values()) n += channels.size;
    return n;
  }

  stop() {
    this.closeAll();
    this.#unsubscribe();
  }

  #publish(change: StoreChange) {
    if (change.type === 'reset' || change.type === 'loaded') {
      // The state is not the one the events told of: nothing before this can be resumed.
      if (change.type === 'loaded') this.#ids.renew();
      const frame = this.#resetFrame('state_replaced');
      this.#buffer.restart(this.#ids.current);
      for (const channels of this.#open.values()) for (const channel of channels) channel.send(frame);
      return;
    }
    const at = this.store.nowMs();
    for (const { to, event, data } of deliveriesOf(change, this.store)) {
      const id = this.#ids.next();
      const frame = sseEvent({ id, event, data });
      for (const caller of to) {
        this.#buffer.append(caller, { id, at, frame });
        for (const channel of this.#open.get(caller) ?? []) channel.send(frame);
      }
    }
  }

  /** A fresh id: the client resumes after it, and ids stay increasing for it. */
  #resetFrame(reason: ResetReason): string {
    return sseEvent({ id: this.#ids.next(), event: 'reset', data: { reason } });
  }
}

const hubs = new WeakMap<Store, LiveHub>();

/** The one hub of a store, made the first time it is asked for (handlers are made many times per store). */
export function liveHub(store: Store): LiveHub {
  let hub = hubs.get(store);
  if (!hub) hubs.set(store, (hub = new LiveHub(store)));
  return hub;
}

/** Ends every open stream of the store's hub, if it has one (the HTTP server's shutdown). */
export function closeLiveStreams(store: Store) {
  hubs.get(store)?.closeAll();
}
