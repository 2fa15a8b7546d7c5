import { describeError } from '../i18n/strings.js';
import { HttpTransport } from '../transport/http-transport.js';
import type { Transport } from '../transport/transport.js';
import type { Capabilities } from '../transport/wire-types.js';
import { capabilitiesReader } from './capabilities.js';
import type { SupportChatClientOptions } from './client-options.js';
import { realClock } from './clock.js';
import { ConsentStorage } from './consent-storage.js';
import { Conversation } from './conversation.js';
import { ConversationSync } from './conversation-sync.js';
import { DeliveryQueue } from './delivery/delivery-queue.js';
import { liveParts, type LiveParts } from './live/live-parts.js';
import { ownedTransport } from './owned-transport.js';
import { PendingRestore } from './pending-restore.js';
import type { RatingParts } from './rating-slot.js';
import { DEFAULT_RESTORE_PARAM } from './restore.js';
import { Session } from './session.js';
import { IndexedDbStorage, type KeyValueStorage } from './storage.js';
import { TabState } from './tab-state.js';
import { TicketGuard } from './ticket-guard.js';

/** The parts of a `SupportChatClient`, each with one job (see the class comment there). */
export interface ClientParts {
  transport: Transport;
  /** The options' storage (IndexedDB by default), behind the consent gate when consent is required. */
  storage: KeyValueStorage;
  consent: ConsentStorage | undefined;
  tab: TabState;
  session: Session;
  queue: DeliveryQueue;
  sync: ConversationSync;
  live: LiveParts;
  restore: PendingRestore;
  /** What the rating part (loaded with the panel) is built from. */
  rating: RatingParts;
  /** The one read of the backend's extensions (null: a plain backend). */
  capabilities: () => Promise<Capabilities | null>;
}

/** What the parts ask of the client that owns them. */
export interface PartsOwner {
  /** Where the events go when the options name no other target. */
  eventTarget: EventTarget;
  /** Read at every request: the client's `distinctId` may change after construction. */
  distinctId(): string | undefined;
  /** This tab started or stopped leading (see `TabSync`). */
  lead(leader: boolean): void;
}

/**
 * Builds the client's parts from its options and wires them to each other. Out of the facade
 * so that the facade reads as what the client does, not how it is put together: the defaults
 * and the order of construction (the tab state first, which every other part shares) live here.
 */
export function clientParts(options: SupportChatClientOptions, owner: PartsOwner): ClientParts {
  const { token, pollIntervals, retryDelays, clock = realClock } = options;
  const transport =
    options.transport ?? new HttpTransport({ token, apiHost: options.apiHost, timeoutMs: options.requestTimeout });
  const given = options.storage ?? new IndexedDbStorage(token);
  const consent = options.consentRequired ? new ConsentStorage(given) : undefined;
  const storage = consent ?? given;
  const conversation = new Conversation();
  // The tab state calls back into parts made after it; it makes no such call before this returns.
  const tab: TabState = new TabState({
    name: `support-chat:${token}`,
    storage,
    eventTarget: options.eventTarget ?? owner.eventTarget,
    describeError: options.describeError ?? describeError,
    compose: (view) => queue.messages(view),
    moved: () => conversation.clear(),
    changed: (moved) => sync.changed(moved),
    leaderChange: (leader) => owner.lead(leader),
  });
  const session = new Session(tab, consent, owner.distinctId);
  const restore = new PendingRestore(tab, options.restoreParam || DEFAULT_RESTORE_PARAM);
  const owned = ownedTransport(transport, session);
  // One read of the backend's extensions, for delivery (idempotent sends) and live alike.
  const capabilities = capabilitiesReader(transport);
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
  const rating = { tab, storage, session, transport, capabilities };
  return { transport, storage, consent, tab, session, queue, sync, live, restore, rating, capabilities };
}
