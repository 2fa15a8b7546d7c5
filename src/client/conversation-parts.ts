import { ClientOperations } from './client-operations.js';
import type { ClientParts } from './client-parts.js';
import type { SupportChatClientOptions } from './client-options.js';
import { realClock } from './clock.js';
import { Conversation } from './conversation.js';
import { ConversationSync } from './conversation-sync.js';
import { DeliveryQueue } from './delivery/delivery-queue.js';
import { liveParts, type LiveParts } from './live/live-parts.js';
import { TicketGuard } from './ticket-guard.js';

/**
 * The client's parts beyond the unread count: the conversation on show, delivery (outbox and
 * sender), message sync and mark-read, tickets gone, the live stream and typing, and the
 * restore flow. In the script-tag build they are a file of their own beside the script
 * (conversation-chunk.ts), loaded when first needed, at idle, or at once when unsent messages
 * wait: a page that never opens the widget pays for the badge only.
 */
export interface ConversationParts {
  conversation: Conversation;
  queue: DeliveryQueue;
  sync: ConversationSync;
  live: LiveParts;
  /** The client's methods that use the parts above (see `ClientOperations`). */
  operations: ClientOperations;
}

/** Builds them over the parts the first file made (`clientParts`), with the same options and defaults as before the split. */
export function conversationParts(core: ClientParts, options: SupportChatClientOptions): ConversationParts {
  const { pollIntervals, retryDelays, clock = realClock } = options;
  const { tab, session, transport, owned, capabilities, consent } = core;
  const conversation = new Conversation();
  const queue: DeliveryQueue = new DeliveryQueue({
    tab,
    session,
    transport: owned,
    conversation,
    clock,
    capabilities,
    backoff: { base: retryDelays?.base ?? 1_000, max: retryDelays?.max ?? 30_000 },
  });
  const intervals = { open: pollIntervals?.open ?? 5_000, closed: pollIntervals?.closed ?? 30_000 };
  const guard = new TicketGuard(tab, session, owned, queue);
  const sync: ConversationSync = new ConversationSync(
    tab,
    session,
    owned,
    conversation,
    clock,
    intervals,
    () => !!queue.outbox.next(),
    guard,
  );
  const live = liveParts({ tab, session, transport, sync, clock, consent, capabilities });
  const parts = { conversation, queue, sync, live };
  return { ...parts, operations: new ClientOperations(core, parts, clock) };
}
