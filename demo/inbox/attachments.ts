// Where the inbox shows a message's attachments and offers to send some: the attachments
// part of the inbox fills these in. Until then a message says how many files it has, and
// the reply form has no file button.
import { html, nothing } from 'lit';
import type { TeamMessage } from './api.js';

/** The files of a message, under its text. */
export const renderAttachments = (message: TeamMessage) =>
  message.attachments?.length ? html`<p class="hint">${message.attachments.length} attachment(s)</p>` : nothing;

/** Controls of the reply form for adding files (none yet). */
export const renderAttachControls = () => nothing;
