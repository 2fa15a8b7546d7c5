import type { AttachmentParts } from '../../client/attachments/attachment-parts.js';
import type { ChatState } from '../../client/chat-state.js';
import type { SupportChatClient } from '../../client/support-chat-client.js';
import type { Settings } from '../../context/settings-context.js';
import type { View } from '../../controllers/view-controller.js';
import type { replyNotifier } from './reply-notifier.js';
import type { SupportChat } from './support-chat.js';

/** What the panel's views render from, at each update of the element. */
export interface PanelRender {
  /** The screen on show; none while the panel is closed. */
  screen: View | undefined;
  state: ChatState;
  settings: Settings;
  client: SupportChatClient | undefined;
  requireEmail: boolean;
}

/** The panel's views, mounted in the element's frame (see shell.ts). */
export interface MountedPanel {
  render(what: PanelRender): void;
}

/**
 * Where the panel file, once loaded, leaves what it provides: a module both halves share
 * (see internal/shared-modules.ts), so the first file needs nothing from the panel file's
 * own exports, which its one-file build does not have.
 */
export const panelSlot: {
  /** Takes over the frame's body (and the subtitle beside the title, in `heading`). */
  mount?: (host: SupportChat, heading: HTMLElement, body: HTMLElement) => MountedPanel;
  attachments?: AttachmentParts;
  replyNotifier?: typeof replyNotifier;
} = {};
