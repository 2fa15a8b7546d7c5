// The panel file (dist/panel.js): the screens of the open panel and every UI piece in them,
// loaded on first open (panel-loader.ts), and fetched ahead when the browser is idle; also what
// announces replies while the panel is closed (reply-notifier.ts), which can wait for it.
// Importing it defines those elements.
import '../expectations/support-chat-expectations.js';
import { attachmentParts } from '../../client/attachments/attachment-parts.js';
import { panelSlot } from './panel-slot.js';
import { replyNotifier } from './reply-notifier.js';
import { renderView } from './render-view.js';

panelSlot.replyNotifier = replyNotifier;
panelSlot.renderView = renderView;
panelSlot.attachments = attachmentParts;
