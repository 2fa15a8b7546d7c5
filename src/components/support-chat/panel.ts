// The panel file (dist/panel.js): the screens of the open panel and every UI piece in them,
// with Lit's templates and @lit/context, loaded on first open (panel-loader.ts), and fetched
// ahead when the browser is idle; also what announces replies while the panel is closed
// (reply-notifier.ts), which can wait for it. Importing it defines those elements.
import '../expectations/support-chat-expectations.js';
import { attachmentParts } from '../../client/attachments/attachment-parts.js';
import { completeEnglish } from '../../i18n/locales/en-panel.js';
import { mountPanel } from './mount-panel.js';
import { panelSlot } from './panel-slot.js';
import { replyNotifier } from './reply-notifier.js';

completeEnglish();
panelSlot.replyNotifier = replyNotifier;
panelSlot.mount = mountPanel;
panelSlot.attachments = attachmentParts;
