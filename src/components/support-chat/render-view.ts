import { html } from 'lit';
import type { ChatState } from '../../client/chat-state.js';
import { fitToPhoneViewport, type PhoneViewportHost } from '../../controllers/phone-viewport-controller.js';
import type { View } from '../../controllers/view-controller.js';
import '../composer/support-chat-composer.js';
import '../identify-form/support-chat-identify-form.js';
import '../message-list/support-chat-message-list.js';
import '../rating/support-chat-rating.js';
import '../restore-form/support-chat-restore-form.js';
import '../restore-prompt/support-chat-restore-prompt.js';
import '../ticket-list/support-chat-ticket-list.js';

/**
 * The body of the open panel (in the panel file): the screen on show, each a UI piece of its
 * own. `host`, the element, gets what only an open panel needs (the phone viewport's fit).
 */
export function renderView(view: View, state: ChatState, requireEmail: boolean, host?: PhoneViewportHost) {
  if (host) fitToPhoneViewport(host);
  // A restore link waits for the visitor's word before anything of it shows.
  if (state.pendingRestore) {
    return html`<support-chat-restore-prompt data-focus exportparts="form, submit-button, cancel-button"></support-chat-restore-prompt>`;
  }
  switch (view) {
    case 'tickets':
      return html`<support-chat-ticket-list
        data-focus
        exportparts="ticket-list, ticket, ticket-status, unread, new-conversation-button"
      ></support-chat-ticket-list>`;
    case 'restore':
      return html`<support-chat-restore-form
        data-focus
        exportparts="form, field, field-input, submit-button"
      ></support-chat-restore-form>`;
    default: {
      const identify = requireEmail && !state.traits.email;
      return html`
        <support-chat-message-list
          exportparts="message-list, message, message-customer, message-team, greeting, typing, attachments, attachment, attachment-image, attachment-file, upload, upload-progress, cancel-upload-button"
        ></support-chat-message-list>
        ${
          identify
            ? html`<support-chat-identify-form
              data-focus
              exportparts="form, field, field-input, submit-button"
            ></support-chat-identify-form>`
            : html`<support-chat-composer
              data-focus
              exportparts="composer, input, send-button, limit, resolved, new-conversation-button, rating, rating-choices, rating-choice, rating-comment, rating-submit, rating-thanks, attach-button, attachment-previews, attachment-preview, remove-attachment-button, attachment-error"
            ></support-chat-composer>`
        }
      `;
    }
  }
}
