/**
 * How many messages a conversation opens with: a few more than fill the tallest list (about
 * 700 px on a phone held upright, 60 px for a one-line message). Each of them costs its render
 * and its layout before the first paint, so no more than that; a list they do not fill renders
 * the page before them at once (the "earlier" control is then in view).
 */
export const FIRST_PAGE = 20;

/** How many more messages each step back shows. */
export const PAGE = 50;

/**
 * Which of a conversation's messages are rendered: the newest page when it opens, everything
 * that arrives after, and older pages on request. Rendering all of a long history made
 * opening it grow with its length (a layout of every message); the window keeps it flat.
 *
 * `start` is the first message rendered; `liveStart` the first in the live log. Messages from
 * `start` to `liveStart` were there before the conversation opened and are rendered outside
 * the log, so that a screen reader announces new replies only, not a page of old ones.
 */
export class MessageWindow {
  start = 0;
  liveStart = 0;
  #conversation: string | null | undefined;
  #count = 0;

  /** Called before each render with the conversation shown and its number of messages. */
  update(conversation: string | null, count: number) {
    // Another conversation, its first messages arriving, or fewer than before (discarded,
    // reset): open on the newest page again.
    if (conversation !== this.#conversation || this.#count === 0 || count < this.liveStart) {
      this.#conversation = conversation;
      this.start = this.liveStart = Math.max(0, count - FIRST_PAGE);
    }
    this.#count = count;
  }

  /** Whether there are older messages to show. */
  get hasEarlier() {
    return this.start > 0;
  }

  /** One page further back. */
  showEarlier() {
    this.start = Math.max(0, this.start - PAGE);
  }
}
