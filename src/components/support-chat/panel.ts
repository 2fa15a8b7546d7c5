// The panel file (dist/panel.js): the screens of the open panel and every UI piece in them,
// loaded on first open (panel-loader.ts). Importing it defines those elements.
import { attachmentParts } from '../../client/attachments/attachment-parts.js';
import { panelSlot } from './panel-slot.js';
import { renderView } from './render-view.js';

panelSlot.renderView = renderView;
panelSlot.attachments = attachmentParts;
