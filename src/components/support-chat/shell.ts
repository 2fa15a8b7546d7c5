import type { ChatState } from '../../client/chat-state.js';
import type { Settings } from '../../context/settings-context.js';
import type { Navigation, View } from '../../controllers/view-controller.js';
import { describeError } from '../../i18n/strings.js';
import { element } from '../../internal/element.js';
import '../launcher/support-chat-launcher.js';
import type { SupportChat } from './support-chat.js';
import { loadPanel, panelLoaded } from './panel-loader.js';
import { panelSlot, type MountedPanel } from './panel-slot.js';

/** What the shell draws, from the element at each of its updates. */
export interface ShellState {
  state: ChatState;
  settings: Settings;
  view: View;
  canGoBack: boolean;
  dir: 'ltr' | 'rtl';
  lang: string;
}

/** What the shell's controls ask the element for. */
export interface ShellHooks {
  toggle(): void;
  back(): void;
  navigate(navigation: Navigation): void;
}

/**
 * The widget's frame in its shadow root: the corner it sits in, the panel (a dialog with its
 * header, error line and body) and the launcher. Drawn by hand, without Lit's templates: this
 * is what every page loads before the visitor opens the widget, and the template engine comes
 * with the panel's views (panel.js), which render into the body (and the subtitle beside the
 * title) once they are in. Until then, an open panel says it is loading, or that the panel
 * file could not be loaded; the header's Close works either way.
 */
export class Shell {
  readonly #host: SupportChat;
  readonly #title = element('h2', { part: 'title', id: 'title' });
  readonly #heading = element('div', { class: 'heading' }, this.#title);
  readonly #back = element('button', { part: 'back-button' }, '‹');
  readonly #close = element('button', { part: 'close-button' }, '×');
  readonly #header = element('div', { part: 'header', class: 'header' }, this.#heading, this.#close);
  readonly #error = element('p', { part: 'error', role: 'alert' });
  readonly #body = element('div', { class: 'body' });
  readonly #panel = element(
    'section',
    { part: 'panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'title' },
    this.#header,
    this.#body,
  );
  readonly #launcher = element('support-chat-launcher', { exportparts: 'launcher, badge' });
  readonly #loading = element('p', { class: 'center', role: 'status' });
  readonly #loadFailed = element('p', { part: 'error', role: 'alert' });
  /** The panel's views, once their file is in. */
  #mounted?: MountedPanel;
  /** The panel file could not be loaded on this open (offline?): said in the panel, tried again on the next open. */
  #failed = false;
  #wasOpen = false;

  constructor(host: SupportChat, hooks: ShellHooks) {
    this.#host = host;
    host.renderRoot.append(element('div', { class: 'root' }, this.#panel, this.#launcher));
    this.#launcher.addEventListener('click', () => hooks.toggle());
    this.#back.addEventListener('click', () => hooks.back());
    this.#close.addEventListener('click', () => host.closePanel());
    this.#panel.addEventListener('support-chat-navigate', (event) => hooks.navigate((event as CustomEvent<Navigation>).detail));
    void panelLoaded.then(() => this.#mount());
  }

  /**
   * Brings the frame up to date, touching only what changed: a node moved in the tree loses
   * focus, and a live region whose text is written again may be announced again.
   */
  render({ state, settings, view, canGoBack, dir, lang }: ShellState) {
    const { strings } = settings;
    const host = this.#host;
    for (const piece of [this.#panel, this.#launcher]) {
      piece.dir = dir;
      piece.lang = lang;
    }
    this.#panel.hidden = !state.open;
    setText(this.#title, strings.title);
    this.#close.setAttribute('aria-label', strings.close);
    this.#back.setAttribute('aria-label', strings.back);
    place(this.#back, canGoBack, (back) => this.#header.prepend(back));
    if (state.error) setText(this.#error, describeError(state.error, strings));
    place(this.#error, !!state.error, (error) => this.#header.after(error));
    place(this.#launcher, !host.noLauncher, (launcher) => this.#panel.after(launcher));
    this.#launcher.show({ open: state.open, unreadCount: state.unreadCount, strings, lang });

    if (state.open && !this.#wasOpen) this.#failed = false;
    this.#wasOpen = state.open;
    if (this.#mounted) {
      const screen = state.open ? view : undefined;
      this.#mounted.render({ screen, state, settings, client: host.client, requireEmail: host.requireEmail });
      return;
    }
    const line = !state.open ? undefined : this.#failed ? this.#loadFailed : this.#loading;
    setText(this.#loadFailed, strings.errorNetwork);
    setText(this.#loading, strings.loading);
    if (line ? this.#body.firstChild !== line : this.#body.firstChild) this.#body.replaceChildren(...(line ? [line] : []));
    if (line === this.#loading) {
      loadPanel().catch(() => {
        this.#failed = true;
        host.requestUpdate();
      });
    }
  }

  /** The panel file is in: its views take over the body (and add the subtitle). */
  #mount() {
    if (this.#mounted || !panelSlot.mount) return;
    this.#body.replaceChildren();
    this.#mounted = panelSlot.mount(this.#host, this.#heading, this.#body);
    this.#host.requestUpdate();
  }
}

/** Puts `node` in (with `insert`) or takes it out, leaving it where it is when it already is. */
function place<T extends Element>(node: T, wanted: boolean, insert: (node: T) => void) {
  if (!wanted) node.remove();
  else if (!node.parentNode) insert(node);
}

function setText(node: Element, text: string) {
  if (node.textContent !== text) node.textContent = text;
}
