import type { AttachmentParts } from '../../client/attachments/attachment-parts.js';
import type { replyNotifier } from './reply-notifier.js';
import type { renderView } from './render-view.js';

/**
 * Where the panel file, once loaded, leaves what it provides: a module both halves share
 * (see internal/shared-modules.ts), so the first file needs nothing from the panel file's
 * own exports, which its one-file build does not have.
 */
export const panelSlot: {
  renderView?: typeof renderView;
  attachments?: AttachmentParts;
  replyNotifier?: typeof replyNotifier;
} = {};
