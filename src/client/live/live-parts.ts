import type { Transport } from '../../transport/transport.js';
import type { Capabilities } from '../../transport/wire-types.js';
import type { Clock } from '../clock.js';
import type { ConsentStorage } from '../consent-storage.js';
import type { ConversationSync } from '../conversation-sync.js';
import type { Session } from '../session.js';
import type { TabState } from '../tab-state.js';
import { LiveChannel } from './live-channel.js';
import { TeamTyping } from './team-typing.js';
import { VisitorTyping } from './visitor-typing.js';

export interface LiveParts {
  /** The leader's stream and the fallback to polling. */
  channel: LiveChannel;
  /** The visitor's typing, told to the team. */
  visitorTyping: VisitorTyping;
}

/** The parts of the extensions a backend may advertise, over the client's one read of its capabilities. */
export function liveParts(options: {
  tab: TabState;
  session: Session;
  transport: Transport;
  sync: ConversationSync;
  clock: Clock;
  consent: ConsentStorage | undefined;
  capabilities: () => Promise<Capabilities | null>;
}): LiveParts {
  const { capabilities } = options;
  const typing = new TeamTyping(options.tab, options.clock);
  return {
    channel: new LiveChannel({ ...options, typing, capabilities }),
    visitorTyping: new VisitorTyping({ ...options, capabilities }),
  };
}
