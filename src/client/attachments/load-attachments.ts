import { loadPanel } from '../../components/support-chat/panel-loader.js';
import { panelSlot } from '../../components/support-chat/panel-slot.js';
import type { AttachmentParts } from './attachment-parts.js';

/**
 * The code of attachments (uploads, their rules, the checks of files on the wire), which comes
 * with the panel file: the first file carries only these hooks, so that a page whose visitors
 * never send a file does not pay for it up front. A headless client loads the panel file too.
 */
export const loadAttachments = (): Promise<AttachmentParts> => loadPanel().then(() => panelSlot.attachments!);
