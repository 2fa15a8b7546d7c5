import { describeError } from '../i18n/strings.js';
import { HttpTransport } from '../transport/http-transport.js';
import type { Transport } from '../transport/transport.js';
import type { Capabilities } from '../transport/wire-types.js';
import { capabilitiesReader } from './capabilities.js';
import type { SupportChatClientOptions } from './client-options.js';
import { ConsentStorage } from './consent-storage.js';
import type { ConversationParts } from './conversation-parts.js';
import { ownedTransport } from './owned-transport.js';
import { PendingRestore } from './pending-restore.js';
import { DEFAULT_RESTORE_PARAM } from './restore.js';
import { Session } from './session.js';
import { IndexedDbStorage, type KeyValueStorage } from './storage.js';
import type { SupportChatClient } from './support-chat-client.js';
import { TabState } from './tab-state.js';

/**
 * The parts of a `SupportChatClient`, each with one job (see the class comment there): those
 * that keep the unread count, made at once, and the conversation parts (`late`), made once
 * their file is in (see `ConversationParts`).
 */
export interface ClientParts {
  transport: Transport;
  /** The transport asking about each ticket with the credentials that own it. */
  owned: Transport;
  /** The client's one read of the backend's extensions, for delivery (idempotent sends) and live alike. */
  capabilities: () => Promise<Capabilities | null>;
  /** The options' storage (IndexedDB by default), behind the consent gate when consent is required. */
  storage: KeyValueStorage;
  consent: ConsentStorage | undefined;
  tab: TabState;
  session: Session;
  restore: PendingRestore;
  /** The client these parts make up, for the operations that call its other methods (see `ClientOperations`). */
  client: SupportChatClient;
  /** Delivery, message sync, live and the restore flow: absent until their file is in. */
  late?: ConversationParts;
}

/** What the parts ask of the client that owns them. */
export interface PartsOwner {
  /** The client itself: where the events go when the options name no other target. */
  client: SupportChatClient;
  /** Read at every request: the client's `distinctId` may change after construction. */
  distinctId(): string | undefined;
  /** This tab started or stopped leading (see `TabSync`). */
  lead(leader: boolean): void;
  /** A change that needs the conversation parts came before they are in (the panel opened, another ticket is on show). */
  wantConversation(): void;
}

/**
 * Builds the client's first parts from its options and wires them to each other. Out of the
 * facade so that the facade reads as what the client does, not how it is put together: the
 * defaults and the order of construction (the tab state first, which every other part shares)
 * live here, and in `conversationParts` for the rest.
 */
export function clientParts(options: SupportChatClientOptions, owner: PartsOwner): ClientParts {
  const { token } = options;
  const transport =
    options.transport ?? new HttpTransport({ token, apiHost: options.apiHost, timeoutMs: options.requestTimeout });
  const given = options.storage ?? new IndexedDbStorage(token);
  const consent = options.consentRequired ? new ConsentStorage(given) : undefined;
  const storage = consent ?? given;
  // The tab state calls back into parts made after it (perhaps much later: `late`); it makes no such call before this returns.
  const tab: TabState = new TabState({
    name: `support-chat:${token}`,
    storage,
    eventTarget: options.eventTarget ?? owner.client,
    describeError: options.describeError ?? describeError,
    compose: (view) => parts.late?.queue.messages(view) ?? [],
    moved: () => parts.late?.conversation.clear(),
    changed: (moved) => {
      if (parts.late) parts.late.sync.changed(moved);
      else if (tab.state.ready && (tab.state.open || (moved && tab.view))) owner.wantConversation();
    },
    leaderChange: (leader) => owner.lead(leader),
  });
  const session = new Session(tab, consent, owner.distinctId);
  const restore = new PendingRestore(tab, options.restoreParam || DEFAULT_RESTORE_PARAM);
  const owned = ownedTransport(transport, session);
  const capabilities = capabilitiesReader(transport);
  const { client } = owner;
  const parts: ClientParts = { transport, owned, capabilities, storage, consent, tab, session, restore, client };
  return parts;
}
