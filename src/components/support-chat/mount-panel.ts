import { ContextProvider } from '@lit/context';
import { html, nothing, render } from 'lit';
import { clientContext } from '../../context/client-context.js';
import { settingsContext } from '../../context/settings-context.js';
import type { MountedPanel, PanelRender } from './panel-slot.js';
import { renderView } from './render-view.js';
import type { SupportChat } from './support-chat.js';

/**
 * The panel's views in the element's frame (panel file only): provides the client and the
 * settings to every UI piece inside (through `@lit/context`, which the first file does not
 * carry), and renders the screen on show into the body and the subtitle beside the title.
 */
export function mountPanel(host: SupportChat, heading: HTMLElement, body: HTMLElement): MountedPanel {
  const clients = new ContextProvider(host, { context: clientContext });
  const settings = new ContextProvider(host, { context: settingsContext });
  return {
    render({ screen, state, settings: current, client, requireEmail }: PanelRender) {
      clients.setValue(client);
      settings.setValue(current);
      render(html`<support-chat-expectations exportparts="subtitle"></support-chat-expectations>`, heading, { host });
      const view =
        screen === undefined
          ? nothing
          : state.ready
            ? renderView(screen, state, requireEmail, host)
            : html`<p class="center" role="status">${current.strings.loading}</p>`;
      render(view, body, { host });
    },
  };
}
