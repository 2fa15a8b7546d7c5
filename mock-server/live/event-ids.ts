import type { StoreData } from '../store.js';

/**
 * Ids within one epoch; past it the epoch moves on by one. A million per second of uptime
 * is far more than a reference server makes, and `epoch * SPAN` stays a safe integer for
 * centuries of Unix seconds.
 */
export const EPOCH_SPAN = 1_000_000;

/**
 * The live streams' event ids: `epoch * 1e6 + n`, one increasing sequence for the whole
 * server (so each caller's ids, a part of it, increase too). The epoch is new at every
 * start and every load of saved state: at least the Unix second, and above the one saved
 * in the data (`streamEpoch`, written with every id). So ids keep increasing across a
 * restart even when the last events were never saved, and an id from before a restart is
 * below every id after it: a reconnect with it gets `reset`, never a silent gap.
 */
export class EventIds {
  #epoch = 0;
  #n = 0;
  #start = 0;

  constructor(private readonly data: () => StoreData) {
    this.renew();
  }

  /** A new epoch: nothing issued before it can be resumed. */
  renew() {
    const saved = Number.isSafeInteger(this.data().streamEpoch) ? this.data().streamEpoch : 0;
    this.#epoch = Math.max(Math.floor(Date.now() / 1000), saved + 1, this.#epoch + 1);
    this.#n = 0;
    this.#start = this.current;
    this.data().streamEpoch = this.#epoch;
  }

  next(): number {
    if (++this.#n >= EPOCH_SPAN) {
      this.#epoch++;
      this.#n = 1;
    }
    // Every time, since a reset or load replaces the data object.
    this.data().streamEpoch = this.#epoch;
    return this.current;
  }

  /** The last id issued (or where this epoch starts). */
  get current(): number {
    return this.#epoch * EPOCH_SPAN + this.#n;
  }

  /** Where the current run of ids started: an id below it is from before a restart or load. */
  get start(): number {
    return this.#start;
  }
}

/** A Last-Event-ID as this server writes them; anything else is unknown (null). */
export function parseEventId(raw: string | null): number | null {
  if (raw === null || !/^\d{1,16}$/.test(raw.trim())) return null;
  const id = Number(raw.trim());
  return Number.isSafeInteger(id) ? id : null;
}
