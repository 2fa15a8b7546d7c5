import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What focus moves within: the element, its controllers and its shadow root. */
type FocusHost = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

/**
 * Keeps keyboard focus where a visitor expects it: into the panel when it opens or changes
 * screen (on the element marked `data-focus`), back to the launcher when it closes (without
 * one, to what had focus before the panel took it). Never
 * on page load: a panel restored open from storage leaves the page's focus alone.
 */
export class FocusController implements ReactiveController {
  #target: 'panel' | 'launcher' | undefined;
  /** What had focus on the page when the panel took it: a site's own launcher gets it back (`no-launcher`). */
  #opener: Element | null = null;

  readonly #host: FocusHost;

  constructor(host: FocusHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Focus the current screen's main control after the next render. */
  enterPanel() {
    const active = document.activeElement;
    if (active !== this.#host) this.#opener = active;
    this.#target = 'panel';
    this.#host.requestUpdate();
  }

  /** Back to the launcher after the next render, if focus was in the widget: never steal it from the page. */
  leavePanel() {
    this.#target = this.#host.matches(':focus-within') ? 'launcher' : undefined;
    // No launcher of ours: back to the page's element that opened the panel (a data-support-chat-* button).
    if (this.#target && !this.#host.renderRoot.querySelector('support-chat-launcher'))
      (this.#opener as HTMLElement | null)?.focus();
  }

  async hostUpdated() {
    const target = this.#target;
    this.#target = undefined;
    if (!target) return;
    const selector = target === 'panel' ? '[data-focus]' : 'support-chat-launcher';
    const element = this.#host.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(selector);
    // Not there yet (the panel's views are still loading): try again after the next render.
    if (!element && target === 'panel') this.#target = target;
    // The piece renders after us; its shadow root delegates focus to its first control.
    await element?.updateComplete;
    element?.focus();
  }
}
