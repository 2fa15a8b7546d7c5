import { LIVE_STREAM } from '../../contract/limits.js';

export interface BufferedEvent {
  id: number;
  /** Store-clock time it was sent. */
  at: number;
  /** The event as written on the wire. */
  frame: string;
}

interface CallerLog {
  /** Every event of this caller with a greater id is in `events`. */
  completeAfter: number;
  events: BufferedEvent[];
}

export interface ReplayLimits {
  /** Kept per caller whatever their age... */
  events: number;
  /** ...and beyond that, those younger than this... */
  ms: number;
  /** ...up to this many. */
  hardCap: number;
  /** Callers remembered; past it the least recently served is forgotten. */
  callers: number;
}

const DEFAULT_LIMITS: ReplayLimits = {
  events: LIVE_STREAM.replayEvents,
  ms: LIVE_STREAM.replayMs,
  hardCap: 5000,
  callers: 10_000,
};

/**
 * What each caller was sent lately, so that a reconnect with Last-Event-ID gets what it
 * missed. Bounded three ways (events per caller, their age, callers); whatever is dropped
 * raises the point below which a resume is refused (the client then gets `reset`), so a
 * dropped event is never skipped silently.
 */
export class ReplayBuffer {
  #logs = new Map<string, CallerLog>();
  /** For callers without a log: nothing of theirs at or below it is known. */
  #floor = 0;

  constructor(
    private readonly now: () => number,
    private readonly limits: ReplayLimits = DEFAULT_LIMITS,
  ) {}

  /** Forgets everything: ids up to `floor` can no longer be resumed (a reset, a restart). */
  restart(floor: number) {
    this.#logs.clear();
    this.#floor = floor;
  }

  append(caller: string, event: BufferedEvent) {
    const log = this.#logs.get(caller) ?? { completeAfter: this.#floor, events: [] };
    // Map order is the LRU order: the caller served last goes to the end.
    this.#logs.delete(caller);
    this.#logs.set(caller, log);
    log.events.push(event);
    const { events, ms, hardCap } = this.limits;
    while (log.events.length > hardCap || (log.events.length > events && this.now() - log.events[0].at > ms)) {
      log.completeAfter = log.events.shift()!.id;
    }
    while (this.#logs.size > this.limits.callers) {
      const [oldest, dropped] = this.#logs.entries().next().value as [string, CallerLog];
      this.#logs.delete(oldest);
      this.#floor = Math.max(this.#floor, dropped.events.at(-1)?.id ?? dropped.completeAfter);
    }
  }

  /** The caller's events after `id`, oldest first; null when some of them are no longer kept. */
  since(caller: string, id: number): BufferedEvent[] | null {
    const log = this.#logs.get(caller);
    if (id < (log?.completeAfter ?? this.#floor)) return null;
    return log ? log.events.filter((e) => e.id > id) : [];
  }
}
