import type { Transport, LiveStream } from '../../transport/transport.js';
import type { Capabilities, StreamEvents } from '../../transport/wire-types.js';
import type { ChatChannel } from '../chat-state.js';
import type { Clock } from '../clock.js';
import type { ConversationSync } from '../conversation-sync.js';
import type { Session } from '../session.js';
import type { Shared, TabState } from '../tab-state.js';
import type { TeamTyping } from './team-typing.js';

/** Failed connections in a row (or one refusal) before polling takes over meanwhile. */
const FALLBACK_AFTER = 2;
/** A stream that lived this long was healthy: its loss starts the count again. */
const HEALTHY_MS = 10_000;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export interface LiveChannelOptions {
  tab: TabState;
  session: Session;
  transport: Transport;
  sync: ConversationSync;
  typing: TeamTyping;
  clock: Clock;
  capabilities(): Promise<Capabilities | null>;
}

/**
 * The leader tab's live stream, one for the whole browser (the other tabs hear its news
 * through the tab channel, as they hear polls). While it is healthy the poller is suspended;
 * each (re)connection reads once to fill the gap before it, `reset` reads again. When the
 * stream is refused or fails repeatedly, polling resumes while reconnection is retried with
 * backoff on the clock. Events are applied once and in order: an id not after the last one
 * (a replay overlapping what was seen) is skipped, and the resume position is ours, so a
 * reconnection always says where to continue.
 */
export class LiveChannel {
  #leading = false;
  #stream: LiveStream | undefined;
  /** Whose stream it is: another identity or session resumes nothing. */
  #who: string | null = null;
  #lastEventId: string | undefined;
  #failures = 0;
  #openedAt = 0;
  #retry: unknown;
  /** The gap read waits for the page to be visible, as polls do. */
  #gapRead = false;
  readonly #options: LiveChannelOptions;

  constructor(options: LiveChannelOptions) {
    this.#options = options;
    const { tab } = options;
    tab.on('channel', ({ channel }) => tab.update({ channel }));
    tab.on('hello', () => tab.post({ t: 'channel', channel: tab.state.channel }));
    tab.subscribe(() => {
      if (this.#stream && tab.who !== this.#who) this.#reconnect(0);
    });
  }

  /** This tab now leads (it holds the stream) or no longer does. */
  lead(leader: boolean) {
    if (leader === this.#leading) return;
    this.#leading = leader;
    if (leader) {
      addEventListener('online', this.#onOnline);
      document.addEventListener('visibilitychange', this.#onVisible);
      return void this.#connect();
    }
    removeEventListener('online', this.#onOnline);
    document.removeEventListener('visibilitychange', this.#onVisible);
    this.#close();
    this.#options.clock.clearTimeout(this.#retry);
    this.#options.sync.poller.resume();
  }

  async #connect() {
    const { transport, tab, session } = this.#options;
    const capabilities = await this.#options.capabilities();
    if (!this.#leading || this.#stream || !tab.state.ready) return;
    // A plain backend: polling, as this tab may have mirrored a leader that streamed.
    if (!capabilities?.stream || !transport.openStream) return this.#setChannel('polling');
    if (tab.who !== this.#who) this.#lastEventId = undefined; // ids are per caller
    this.#who = tab.who;
    const stream = transport.openStream(
      session.credentials,
      { lastEventId: this.#lastEventId },
      {
        open: () => this.#opened(),
        event: (name, data, id) => {
          if (stream !== this.#stream || !isAfter(id, this.#lastEventId)) return;
          if (id) this.#lastEventId = id;
          this.#apply(name, data);
        },
        error: (refused) => {
          if (stream === this.#stream) this.#failed(refused);
        },
      },
    );
    this.#stream = stream;
  }

  #opened() {
    const { sync, clock } = this.#options;
    this.#openedAt = clock.now();
    sync.poller.suspend();
    this.#setChannel('live');
    this.#readGap();
  }

  #failed(refused: boolean) {
    const { clock, sync } = this.#options;
    this.#stream = undefined;
    if (this.#openedAt && clock.now() - this.#openedAt >= HEALTHY_MS) this.#failures = 0;
    this.#openedAt = 0;
    this.#failures++;
    if (refused || this.#failures >= FALLBACK_AFTER) {
      this.#setChannel('polling');
      sync.poller.resume();
    }
    // Equal jitter: browsers that lost the same server do not come back in lockstep.
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (this.#failures - 1 + (refused ? 2 : 0)));
    this.#reconnect(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  #reconnect(delay: number) {
    const { clock } = this.#options;
    this.#close();
    clock.clearTimeout(this.#retry);
    this.#retry = clock.setTimeout(() => void this.#connect(), delay);
  }

  #close() {
    this.#stream?.close();
    this.#stream = undefined;
  }

  #apply<K extends keyof StreamEvents>(name: K, data: StreamEvents[K]) {
    const { sync, typing } = this.#options;
    const event = { name, data } as { [N in keyof StreamEvents]: { name: N; data: StreamEvents[N] } }[keyof StreamEvents];
    switch (event.name) {
      case 'message':
        this.#bumpTicket(event.data);
        return sync.receiveLive(event.data.ticket_id, [event.data.message]);
      case 'ticket':
        return this.#ticket(event.data);
      case 'typing': {
        const { ticket_id: ticketId, author_name: authorName, typing: on } = event.data;
        return typing.heard({ ticketId, authorName }, on);
      }
      case 'reset':
        // What the stream told may not be the server's state any more: read it all again.
        return this.#readGap();
    }
  }

  /** A status or unread change: into the ticket list (a ticket new here: the list is read). */
  #ticket({ ticket_id: id, status, unread_count }: StreamEvents['ticket']) {
    const { tab, sync } = this.#options;
    const { tickets, currentTicketId, ticketStatus } = tab.state;
    const known = tickets.find((t) => t.id === id);
    if (!known) return void sync.getTickets({}).catch((error: unknown) => tab.reportError(error));
    const patch: Shared = {};
    if (known.status !== status || known.unread_count !== unread_count) {
      patch.tickets = tickets.map((t) => (t === known ? { ...t, status, unread_count } : t));
    }
    if (id === currentTicketId && status !== ticketStatus) patch.ticketStatus = status;
    if (Object.keys(patch).length) void tab.share(patch);
  }

  /** The list shows each ticket's last message: a newer one replaces it. */
  #bumpTicket({ ticket_id: id, message }: StreamEvents['message']) {
    const { tab } = this.#options;
    const known = tab.state.tickets.find((t) => t.id === id);
    if (!known || (known.last_message_at && Date.parse(known.last_message_at) >= Date.parse(message.created_at))) return;
    const bumped = {
      ...known,
      last_message: message.content,
      last_message_at: message.created_at,
      message_count: known.message_count + 1,
    };
    void tab.share({ tickets: tab.state.tickets.map((t) => (t === known ? bumped : t)) });
  }

  /** The ticket list and the conversation on show, as they are now (a poll alone may skip the list while open). */
  #readGap() {
    const { sync, tab } = this.#options;
    this.#gapRead = document.visibilityState === 'hidden';
    if (this.#gapRead) return;
    void sync.getTickets({}).catch((error: unknown) => tab.reportError(error));
    void sync.poller.pollNow();
  }

  #setChannel(channel: ChatChannel) {
    const { tab } = this.#options;
    if (tab.state.channel !== channel) tab.broadcast({ t: 'channel', channel });
  }

  /** The network is back: try now rather than at the next retry (no timer: a plain backend schedules nothing). */
  readonly #onOnline = () => {
    if (this.#stream) return;
    this.#options.clock.clearTimeout(this.#retry);
    void this.#connect();
  };

  readonly #onVisible = () => {
    if (this.#gapRead && document.visibilityState === 'visible') this.#readGap();
  };
}

/** Ids are decimal and increasing: one not after the last was seen (or skipped) already. */
function isAfter(id: string, last: string | undefined) {
  if (!id || !last || !/^\d+$/.test(id) || !/^\d+$/.test(last)) return true;
  return id.length !== last.length ? id.length > last.length : id > last;
}
