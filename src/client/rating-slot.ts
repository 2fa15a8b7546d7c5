import type { Transport } from '../transport/transport.js';
import type { Capabilities } from '../transport/wire-types.js';
import type { Session } from './session.js';
import type { KeyValueStorage } from './storage.js';
import type { TabState } from './tab-state.js';

/**
 * Whether the ticket on show ends with a rating: `none` (not resolved, not loaded yet, or the
 * backend has no ratings), `open` (it may be rated), `rated` (this resolution was rated).
 */
export type RatingOffer = 'none' | 'open' | 'rated';

/** What the rating part uses of its client. */
export interface RatingParts {
  tab: TabState;
  storage: KeyValueStorage;
  session: Session;
  transport: Transport;
  capabilities: () => Promise<Capabilities | null>;
}

/** The client's rating operations (see `SupportChatClient.rate`). */
export interface RatingPart {
  offer(): Promise<RatingOffer>;
  rate(score: number, comment?: string): Promise<void>;
}

/**
 * Where the rating part (ratings.ts) leaves its maker when it loads. Rating is a feature
 * some visitors use, so its code travels in the panel file, not in the script every page
 * loads; this slot is a module both halves share (see internal/shared-modules.ts).
 */
export const ratingSlot: { make?: (parts: RatingParts) => RatingPart } = {};
